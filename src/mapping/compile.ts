// Compiles loaded mappings into one pure converter per (system, entity). Compilation does all the
// work that does not depend on a record (accessors, transforms, lookup tables); a conversion then
// allocates its output and, only for bad records, the errors — 100k+ records per run.
import { ENTITIES_WITH_EXTERNAL_IDS, type EntityName } from "./canonical-fields.js";
import { compileField, type CompiledField } from "./compile-field.js";
import { compileHashOf } from "./compile-hash-of.js";
import { compileToCanonical } from "./compile-to-canonical.js";
import type { JsonRecord } from "./json-record.js";
import type { LoadedMappings, ResolvedEntity } from "./load-mappings.js";
import { OWNERS, type Owner, type SystemId } from "./mapping.schema.js";
import { rowFilter } from "./row-filter.js";
import { systemReader, systemWriter } from "./system-access.js";
import { BadValue, type Reader, type Writer } from "./transform-types.js";

export type Keys = Record<Owner, string | null>;
export interface FieldError { field: string; systemField: string; message: string }

export type CanonicalResult =
  | { ok: true; value: Record<string, unknown>; keys: Keys }
  | { ok: false; key: string | null; errors: FieldError[] };

export type SystemResult = { ok: true; record: JsonRecord } | { ok: false; key: string | null; errors: FieldError[] };

/** Translates a canonical id of `entity` into this system's id (built by the join); null if unknown. */
export type RefResolver = (entity: EntityName, canonicalId: string, system: SystemId) => string | null;

export interface ToSystemOptions {
  /** Only these canonical fields (default: every field this system receives). */
  fields?: readonly string[];
  /** Needed for fields holding another entity's id in this system's id space; without it they are left out. */
  resolve?: RefResolver;
  /** Also the fields this system owns (round trips, diagnostics): never for writes. */
  includeOwned?: boolean;
  /** The record's ids in each system (from the join), for entities whose type has no `externalIds`. */
  keys?: Partial<Keys>;
}

export interface Converter {
  system: SystemId;
  entity: EntityName;
  object: string;
  file: string;
  /** The rows of `object` that are this entity (row filters). */
  accepts(record: Readonly<JsonRecord>): boolean;
  toCanonical(record: Readonly<JsonRecord>): CanonicalResult;
  toSystem(values: Readonly<Record<string, unknown>>, options?: ToSystemOptions): SystemResult;
  /** Stable hash of the fields this system receives, independent of key order, for skip-unchanged writes. */
  hashOf(values: Readonly<Record<string, unknown>>): string;
  /** Canonical fields this system is the owner of. */
  owned: ReadonlySet<string>;
  /** Canonical fields whose value read here is another entity's id in this system's id space. */
  foreignRefs: readonly { field: string; entity: EntityName }[];
  /** Every system field the converter reads (for a query's field list). */
  systemFields: readonly string[];
}

interface KeyAccess { system: Owner; field: string; read: Reader; write: Writer }

function idText(raw: unknown): string | null {
  if (typeof raw === "string") return raw === "" ? null : raw;
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return String(raw);
  return null;
}

function resolveAll(ids: unknown[], one: (id: string) => string | null): string[] | null {
  const out: string[] = [];
  for (const id of ids) {
    const r = one(String(id));
    if (r === null) return null;
    out.push(r);
  }
  return out;
}

export function compileEntity(e: ResolvedEntity, canonicalSystem: LoadedMappings["canonicalSystem"]): Converter {
  const { system, entity, mapping } = e;
  // Presence of list elements first, so their properties find the element they belong to.
  const fields: CompiledField[] = e.fields
    .map((f) => compileField(system, f, canonicalSystem))
    .sort((a, b) => Number(b.canonical.presence) - Number(a.canonical.presence));
  const readable = fields.filter((f) => f.readable);
  const writable = fields.filter((f) => f.writable);
  const hashed = [...writable].sort((a, b) => (a.path < b.path ? -1 : 1));
  const lists = [...new Set(fields.flatMap((f) => (f.canonical.list === undefined ? [] : [f.canonical.list])))];
  const keys: KeyAccess[] = OWNERS.flatMap((s) => {
    const field = mapping.key.ids[s];
    return field === undefined ? [] : [{ system: s, field, read: systemReader(system, field), write: systemWriter(system, field) }];
  });
  const canonical = mapping.key.canonical;
  const keyField = mapping.key.field ?? "id";
  const canonicalKeyField = mapping.key.ids[canonical] ?? "";
  const withExternalIds = ENTITIES_WITH_EXTERNAL_IDS.has(entity);
  const accepts = rowFilter(system, mapping.filter);

  const toCanonical = compileToCanonical({ system, keys, canonical, keyField, canonicalKeyField, withExternalIds, lists, readable, idText }) as (record: Readonly<JsonRecord>) => CanonicalResult;

  function toSystem(values: Readonly<Record<string, unknown>>, options: ToSystemOptions = {}): SystemResult {
    const out: JsonRecord = {};
    const only = options.fields === undefined ? undefined : new Set(options.fields);
    let errors: FieldError[] | undefined;
    const extIds = options.keys ?? ((values.externalIds ?? {}) as Partial<Keys>);
    for (const k of keys) {
      if (k.system === system) continue;
      const v = k.system === canonical ? values[keyField] : extIds[k.system];
      if (typeof v === "string") k.write(out, v);
    }
    for (const f of options.includeOwned ? fields : writable) {
      if (only !== undefined && !only.has(f.path)) continue;
      let v = f.canonical.get(values);
      if (v === undefined) continue;
      if (f.foreignRef !== undefined && v !== null) {
        const resolve = options.resolve;
        if (resolve === undefined) continue;
        const target = f.foreignRef;
        const resolved = Array.isArray(v) ? resolveAll(v, (id) => resolve(target, id, system)) : resolve(target, String(v), system);
        if (resolved === null) {
          (errors ??= []).push({ field: f.path, systemField: f.systemField, message: `no ${system} id known for ${f.foreignRef} ${String(v)}` });
          continue;
        }
        v = resolved;
      }
      const r = v === null && !f.transform.handlesNull ? null : f.transform.reverse(v, out);
      if (r instanceof BadValue) (errors ??= []).push({ field: f.path, systemField: f.systemField, message: r.message });
      else f.write(out, r);
    }
    if (errors !== undefined) return { ok: false, key: typeof values[keyField] === "string" ? (values[keyField] as string) : null, errors };
    return { ok: true, record: out };
  }

  // One string, one sha256 per record (a strong hash: a collision would skip a real change).
  const hashOf = compileHashOf(hashed);

  const systemFields = [...new Set([
    ...keys.map((k) => k.field),
    ...readable.flatMap((f) => [f.systemField, ...(f.transform.extraFields ?? [])]),
    ...(mapping.filter ?? []).map((f) => f.field),
  ])];
  return {
    system, entity, object: mapping.object, file: e.file, accepts, toCanonical, toSystem, hashOf, systemFields,
    owned: new Set(fields.filter((f) => f.owner === system).map((f) => f.path)),
    foreignRefs: fields.flatMap((f) => (f.foreignRef === undefined ? [] : [{ field: f.path, entity: f.foreignRef }])),
  };
}

/** Every (system, entity) converter of the loaded mappings. */
export function compileMappings(m: LoadedMappings): Converter[] {
  return m.entities.map((e) => compileEntity(e, m.canonicalSystem));
}

export function findConverter(converters: readonly Converter[], system: SystemId, entity: EntityName): Converter | undefined {
  return converters.find((c) => c.system === system && c.entity === entity);
}
