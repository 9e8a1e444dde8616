// What the pass needs to know about each entity, derived once from the loaded mappings: the order
// entities are synced in, which systems hold each, how a system's record is found by the canonical
// key and written (upsert field), and the planner's spec — for each field its owner and the systems
// that receive it. Pure: built from mappings and config, no I/O.
import type { EntityName } from "../mapping/canonical-fields.js";
import { canonicalAccess, type CanonicalAccess } from "../mapping/canonical-path.js";
import type { Converter } from "../mapping/compile.js";
import type { LoadedMappings } from "../mapping/load-mappings.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { EntityPlanSpec, FieldRule, Owner } from "./plan.js";
import { compileValuesShape, type ValuesFromArray } from "./values-shape.js";

/**
 * Dependency order: a record's references point at entities synced before it (a registration names a
 * partner and an opportunity, an accrual a registration). SupplierBanking is absent: Coupa is not read
 * record by record like the others — its pass (banking-pass.ts) joins suppliers to partners and runs
 * right after Partner; its spec comes from `buildBankingSpec`. EvaluationLicense (Salesforce only)
 * names a registration: EVAL-1 judges a request on the registration as its pass left it.
 */
export const ENTITY_ORDER: readonly EntityName[] = ["Partner", "PartnerPerson", "Opportunity", "DealRegistration", "EvaluationLicense", "Prospect", "NfrLicense", "RebateAccrual"];

/** Systems the pass reads and writes (Coupa is read by the banking pass only, never written). */
export const PASS_SYSTEMS: readonly SystemName[] = ["salesforce", "portal"];

/** Default `sync.createIn`: records the portal creates are created in Salesforce; leads shared to a partner on the portal. */
export const DEFAULT_CREATE_IN: Readonly<Record<string, readonly SystemName[]>> = {
  Partner: ["salesforce"],
  PartnerPerson: ["salesforce"],
  DealRegistration: ["salesforce"],
  Prospect: ["portal"],
  NfrLicense: ["salesforce"],
  RebateAccrual: ["salesforce"],
};

export interface SystemSide {
  system: SystemName;
  converter: Converter;
  object: string;
  /** The system field that holds the canonical id (look counterparts up by it); undefined = none. */
  canonicalKeyField: string | undefined;
  /**
   * The field writes are keyed by, and whose id goes in it; undefined = this system cannot be written.
   * `byId`: Salesforce records keyed by their own `Id` only (Lead, Opportunity) are updated by Id and
   * never created by the pass.
   */
  upsert: { field: string; idOf: Owner; byId?: true } | undefined;
  /** The field holding each system's id in this system's record. */
  idFields: Partial<Record<Owner, string>>;
  /** Row-filter equalities a created record must carry to be this entity (Account Type = Partner). */
  createFields: Readonly<Record<string, unknown>>;
  /** Canonical values this system's mapping reads for an empty field (a record created without them shows these). */
  defaults: Readonly<Record<string, unknown>>;
  /** The system field each canonical field is read from (a query by reference names it). */
  readFields: ReadonlyMap<string, string>;
}

export interface EntitySpec {
  entity: EntityName;
  canonical: Owner;
  /** Canonical property holding the key (`id`, `partnerId` for banking). */
  keyField: string;
  sides: Partial<Record<SystemName, SystemSide>>;
  plan: EntityPlanSpec;
  /** Every canonical field path of the entity, with its accessor; presence paths first. */
  paths: readonly CanonicalAccess[];
  /** The same paths in code-unit order: the order a record's hash text lists them in. */
  hashOrder: readonly string[];
  /** The `derived.*` paths: what the rules decide, read back from the systems (world-input.ts). */
  derivedPaths: readonly string[];
  /** Flat values (path → value) from values in `paths` order: one hidden class per entity (values-shape.ts). */
  valuesOf: ValuesFromArray;
  /** Per field, its owner. */
  owners: ReadonlyMap<string, Owner>;
}

export function buildEntitySpecs(mappings: LoadedMappings, converters: readonly Converter[], createIn: Readonly<Record<string, readonly SystemName[]>> = DEFAULT_CREATE_IN, entities: readonly EntityName[] = ENTITY_ORDER): EntitySpec[] {
  const specs: EntitySpec[] = [];
  for (const entity of entities) {
    const resolved = mappings.entities.filter((e) => e.entity === entity && (PASS_SYSTEMS as readonly string[]).includes(e.system));
    if (resolved.length === 0) continue;
    const canonical = mappings.canonicalSystem[entity] ?? resolved[0]!.mapping.key.canonical;
    const sides: Partial<Record<SystemName, SystemSide>> = {};
    const owners = new Map<string, Owner>();
    const writers = new Map<string, Set<SystemName>>();
    const holders = new Map<string, Set<SystemName>>();
    for (const e of resolved) {
      const system = e.system as SystemName;
      const converter = converters.find((c) => c.system === system && c.entity === entity);
      if (!converter) continue;
      const ids = e.mapping.key.ids as Partial<Record<Owner, string>>;
      sides[system] = { system, converter, object: e.mapping.object, canonicalKeyField: ids[canonical], upsert: upsertOf(system, e.mapping.key.upsertBy, ids, canonical), idFields: ids,
        createFields: Object.fromEntries((e.mapping.filter ?? []).filter((f) => f.op === "eq").map((f) => [f.field, f.value])),
        defaults: Object.fromEntries(e.fields.filter((f) => f.mapping.default !== undefined && f.direction !== "write").map((f) => [f.path, f.mapping.default])),
        readFields: new Map(e.fields.filter((f) => f.direction !== "write").map((f) => [f.path, f.mapping.field])) };
      for (const f of e.fields) {
        owners.set(f.path, f.mapping.owner);
        if (f.direction !== "write") (holders.get(f.path) ?? holders.set(f.path, new Set()).get(f.path)!).add(system);
        if (f.direction !== "read" && f.mapping.owner !== system) (writers.get(f.path) ?? writers.set(f.path, new Set()).get(f.path)!).add(system);
      }
    }
    const fields: FieldRule[] = [...owners.keys()].sort().map((field) => {
      const owner = owners.get(field)!;
      // Only systems the pass can write (an upsert key) receive values.
      const targets = [...(writers.get(field) ?? [])].filter((s) => sides[s]?.upsert !== undefined).sort();
      // A rule may decide a value of a field a system owns (a registration Expired per DR-4): it is
      // then written to the owner too, when the owner's mapping holds the field.
      const derivedTargets = owner !== "partner-sync" && holders.get(field)?.has(owner as SystemName) && sides[owner as SystemName]?.upsert ? [...targets, owner as SystemName].sort() : targets;
      return { field, owner, targets, derivedTargets };
    });
    const paths = [...owners.keys()].map(canonicalAccess).sort((a, b) => Number(b.presence) - Number(a.presence) || (a.path < b.path ? -1 : 1));
    specs.push({
      entity,
      canonical,
      keyField: resolved[0]!.mapping.key.field ?? "id",
      sides,
      plan: { entity, fields, createIn: (createIn[entity] ?? []).filter((s) => sides[s]?.upsert !== undefined && !sides[s]?.upsert?.byId) },
      paths,
      hashOrder: paths.map((a) => a.path).sort(),
      derivedPaths: paths.map((a) => a.path).filter((p) => p.startsWith("derived.")),
      valuesOf: compileValuesShape(paths.map((a) => a.path)),
      owners,
    });
  }
  return specs;
}

/**
 * SupplierBanking as Salesforce and the portal hold it (the Account's banking status, owner Coupa): the
 * banking pass plans and writes it with this spec. Nothing is ever created for it.
 */
export function buildBankingSpec(mappings: LoadedMappings, converters: readonly Converter[]): EntitySpec | undefined {
  return buildEntitySpecs(mappings, converters, {}, ["SupplierBanking"])[0];
}

/**
 * How a system's record is written. Salesforce: the mapping's `upsertBy` external-id field; an entity
 * without one, like Opportunity and Lead keyed by `Id`, is updated by its Salesforce Id (sObject
 * Collections update) and never created there — there is no upsert by `Id`, and a record Salesforce
 * does not hold has no Id to update. Portal: by the field holding the canonical id (its own `Id` for
 * what the portal creates — an update; `CrmId` for what Salesforce creates — create-safe by lookup).
 */
function upsertOf(system: SystemName, upsertBy: string | undefined, ids: Partial<Record<Owner, string>>, canonical: Owner): SystemSide["upsert"] {
  if (system === "salesforce") {
    if (upsertBy === undefined) return ids.salesforce === "Id" ? { field: "Id", idOf: "salesforce", byId: true } : undefined;
    const idOf = (Object.entries(ids) as [Owner, string][]).find(([, f]) => f === upsertBy)?.[0];
    return idOf === undefined ? undefined : { field: upsertBy, idOf };
  }
  if (system === "portal") {
    const field = ids[canonical];
    return field === undefined ? undefined : { field, idOf: canonical };
  }
  return undefined;
}
