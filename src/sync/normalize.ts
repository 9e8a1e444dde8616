// Normalize: a system's records → canonical values through the entity's converter, with the
// references a system holds in its own id space translated to canonical keys. A record that does not
// convert (bad value, missing required field, no key, a reference to a record nobody knows) is
// returned as a failure naming the record and every field, to be quarantined — never an exception.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { Keys } from "../mapping/compile.js";
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import type { IdMap } from "./id-map.js";
import { recordHash, type FlatValues } from "./record-hash.js";
import { readByKeys, type SystemAccess } from "./system-access.js";

export interface SystemRecord {
  system: SystemName;
  key: string;
  /** The system's own id of the record. */
  systemId: string | null;
  keys: Keys;
  /** Canonical values by field path. */
  values: Record<string, unknown>;
  readonly hash: string;
}

export interface RecordFailure {
  entity: EntityName;
  system: SystemName;
  key: string;
  code: "PS_E_RECORD_INVALID" | "PS_E_RECORD_UNRESOLVED_REFERENCE";
  message: string;
  raw: JsonRecord;
}

export interface Normalized {
  records: SystemRecord[];
  failures: RecordFailure[];
}

export interface NormalizeDeps {
  access: SystemAccess;
  idMap: IdMap;
  specs: ReadonlyMap<EntityName, EntitySpec>;
  signal?: AbortSignal;
}

export async function normalizeRecords(deps: NormalizeDeps, spec: EntitySpec, side: SystemSide, raws: readonly JsonRecord[]): Promise<Normalized> {
  const failures: RecordFailure[] = [];
  const converted: { raw: JsonRecord; value: Record<string, unknown>; keys: Keys }[] = [];
  const ownIdField = side.idFields[side.system];
  for (const raw of raws) {
    if (!side.converter.accepts(raw)) continue;
    const r = side.converter.toCanonical(raw);
    if (r.ok) {
      converted.push({ raw, value: r.value, keys: r.keys });
      continue;
    }
    const own = ownIdField === undefined ? undefined : raw[ownIdField];
    const key = r.key ?? (own === undefined || own === null ? "?" : String(own));
    const message = `${side.system} ${side.object} ${own ?? key}: ${r.errors.map((e) => `${e.field} (${e.systemField}): ${e.message}`).join("; ")}`;
    failures.push({ entity: spec.entity, system: side.system, key, code: "PS_E_RECORD_INVALID", message, raw });
  }

  await learnUnknownRefs(deps, side, converted.map((c) => c.value));
  const records: SystemRecord[] = [];
  for (const c of converted) {
    const unresolved: string[] = [];
    for (const ref of side.converter.foreignRefs) {
      const v = getPath(c.value, ref.field);
      if (v === null || v === undefined) continue;
      const translate = (id: string) => {
        const k = deps.idMap.keyOf(ref.entity, side.system, id);
        if (k === undefined) unresolved.push(`${ref.field} → ${ref.entity} ${id}`);
        return k ?? id;
      };
      setPath(c.value, ref.field, Array.isArray(v) ? v.map((x) => translate(String(x))) : translate(String(v)));
    }
    const key = c.keys[spec.canonical] as string;
    const systemId = c.keys[side.system as keyof Keys] ?? null;
    if (unresolved.length > 0) {
      failures.push({ entity: spec.entity, system: side.system, key, code: "PS_E_RECORD_UNRESOLVED_REFERENCE", message: `${side.system} ${side.object} ${systemId ?? key}: no record known for ${unresolved.join(", ")}`, raw: c.raw });
      continue;
    }
    const values = spec.valuesOf(spec.paths.map((a) => a.get(c.value)));
    if (systemId !== null) deps.idMap.learn(spec.entity, key, side.system, systemId);
    records.push(new NormalizedRecord(side.system, key, systemId, c.keys, values, spec.hashOrder));
  }
  return { records, failures };
}

/**
 * A normalized record whose hash is computed the first time it is read. Most records a pass normalizes
 * are related records for the rules' world (partners, opportunities, siblings), whose hash nothing
 * reads: at demo size 20,000 a sync hashed 428,872 records eagerly, 193,927 since (docs/bench.md
 * round 12). `values` and `keys` are never changed after normalizing, so the hash is the one an
 * eager computation would give. A class, not an object literal with a getter: V8 makes such a literal
 * a dictionary (a hash table of its properties, ≈ 0.5 KB) and gives each one a closure and a context.
 * A size-100,000 heap snapshot held ≈ 31,000 of them; as a class, the heap at the same point of the
 * run went from 116.9 to 85.6 MB (docs/bench.md round 13). The hash is a getter of the class, so a
 * spread copy does not carry it (nothing copies a record so); JSON does.
 */
class NormalizedRecord implements SystemRecord {
  #hash: string | undefined;
  readonly #hashOrder: readonly string[];
  constructor(
    public system: SystemName,
    public key: string,
    public systemId: string | null,
    public keys: Keys,
    public values: Record<string, unknown>,
    hashOrder: readonly string[],
  ) {
    this.#hashOrder = hashOrder;
  }
  get hash(): string {
    return (this.#hash ??= recordHash(this.values, this.keys, this.#hashOrder));
  }
  toJSON(): SystemRecord {
    return { system: this.system, key: this.key, systemId: this.systemId, keys: this.keys, values: this.values, hash: this.hash };
  }
}

/** The hash of values as a system holds them after a write (the write's values over what it held). */
export function hashAfterWrite(before: SystemRecord | undefined, changes: Readonly<Record<string, unknown>>, keys: Keys): { values: FlatValues; hash: string } {
  const values = { ...(before?.values ?? {}), ...changes };
  return { values, hash: recordHash(values, keys) };
}

/**
 * Ids of referenced records this run has not met yet (a partner never synced, a registration read
 * later in this pass): read them from the same system by their own id and learn their canonical keys,
 * one query per referenced entity.
 */
async function learnUnknownRefs(deps: NormalizeDeps, side: SystemSide, values: readonly Record<string, unknown>[]): Promise<void> {
  const wanted = new Map<EntityName, Set<string>>();
  const want = (entity: EntityName, id: string): void => {
    if (deps.idMap.keyOf(entity, side.system, id) === undefined) (wanted.get(entity) ?? wanted.set(entity, new Set()).get(entity)!).add(id);
  };
  for (const v of values) {
    for (const ref of side.converter.foreignRefs) {
      const x = getPath(v, ref.field);
      if (x === null || x === undefined) continue;
      if (Array.isArray(x)) for (const id of x) want(ref.entity, String(id));
      else want(ref.entity, String(x));
    }
  }
  for (const [entity, ids] of wanted) {
    const target = deps.specs.get(entity);
    const targetSide = target?.sides[side.system];
    const idField = targetSide?.idFields[side.system];
    if (!target || !targetSide || idField === undefined) continue;
    const raws = await readByKeys(deps.access, side.system, targetSide.object, idField, [...ids], targetSide.converter.systemFields, deps.signal);
    for (const raw of raws) {
      const r = targetSide.converter.toCanonical(raw);
      if (!r.ok) continue;
      const key = r.keys[target.canonical];
      const own = r.keys[side.system as keyof Keys];
      if (key !== null && own !== null) deps.idMap.learn(entity, key, side.system, own);
    }
  }
}

// A reference field's path split once, not for every record and lookup (a few fields per entity).
const segmentsOf = new Map<string, readonly string[]>();
function segments(path: string): readonly string[] {
  let s = segmentsOf.get(path);
  if (!s) segmentsOf.set(path, (s = path.split(".")));
  return s;
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const p of segments(path)) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = segments(path);
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) cur = (cur[parts[i]!] ??= {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]!] = value;
}
