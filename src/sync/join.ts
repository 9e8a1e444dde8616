// Join: the same entity as each system holds it, matched by canonical key; and the merged canonical
// value the rules see — each field taken from its owner's record (any holder when the owner has none).
import type { Keys } from "../mapping/compile.js";
import { OWNERS } from "../mapping/mapping.schema.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { EntitySpec } from "./entity-specs.js";
import type { SystemRecord } from "./normalize.js";
import type { JoinedEntity, SystemView } from "./plan.js";

export interface JoinedRecord {
  entity: string;
  key: string;
  views: Partial<Record<SystemName, SystemRecord>>;
  /** Every system's id of the record, as far as any view knows it. */
  keys: Keys;
}

export function joinRecords(spec: EntitySpec, records: readonly SystemRecord[], into: Map<string, JoinedRecord> = new Map()): Map<string, JoinedRecord> {
  for (const r of records) {
    let j = into.get(r.key);
    if (!j) into.set(r.key, (j = { entity: spec.entity, key: r.key, views: {}, keys: { salesforce: null, portal: null, coupa: null, "partner-sync": null } }));
    // Two records of one system with one key: the first read wins; the other is the system's duplicate.
    if (j.views[r.system] === undefined) j.views[r.system] = r;
    // Only the owners' ids are ever filled in (any other name is not null in j.keys): no entries array per record.
    for (const s of OWNERS) {
      const id = r.keys[s];
      if (id !== null && id !== undefined && j.keys[s] === null) j.keys[s] = id;
    }
  }
  return into;
}

/** A record no system holds yet (one the rules or a plan name), under its canonical key. */
export function emptyJoined(spec: Pick<EntitySpec, "entity" | "canonical">, key: string): JoinedRecord {
  const keys: Keys = { salesforce: null, portal: null, coupa: null, "partner-sync": null };
  keys[spec.canonical as keyof Keys] = key;
  return { entity: spec.entity, key, views: {}, keys };
}

/** Flat canonical values: each field from its owner's view, else from the first view holding it. */
export function mergedValues(spec: EntitySpec, j: JoinedRecord): Record<string, unknown> {
  const views = Object.values(j.views).filter((v): v is SystemRecord => v !== undefined);
  return spec.valuesOf(spec.paths.map((a) => pick(spec, j, views, a.path)));
}

/** One field of `mergedValues`, without building the others (a reference read off every record of a page). */
export function mergedValue(spec: EntitySpec, j: JoinedRecord, path: string): unknown {
  return pick(spec, j, Object.values(j.views).filter((v): v is SystemRecord => v !== undefined), path);
}

function pick(spec: EntitySpec, j: JoinedRecord, views: readonly SystemRecord[], path: string): unknown {
  const owner = spec.owners.get(path);
  const ownerView = owner === undefined ? undefined : j.views[owner as SystemName];
  const v = ownerView?.values[path];
  if (v !== undefined && v !== null) return v;
  for (const x of views) {
    const other = x.values[path];
    if (other !== undefined && other !== null) return other;
  }
  return v ?? null;
}

/** The nested canonical object (domain shape) of flat values, with its key and external ids. */
export function canonicalObject(spec: EntitySpec, flat: Readonly<Record<string, unknown>>, key: string, keys: Keys): Record<string, unknown> {
  const obj: Record<string, unknown> = { [spec.keyField]: key, externalIds: { ...keys } };
  for (const a of spec.paths) if (a.list !== undefined && !Array.isArray(obj[a.list])) obj[a.list] = [];
  for (const a of spec.paths) {
    const v = flat[a.path];
    if (v === undefined) continue;
    if (a.presence && v !== true) continue;
    a.set(obj, v);
  }
  return obj;
}

/**
 * The planner's view of a joined record: per system its id, values, and whether it changed since our
 * last sync. `changedSinceSync` is asked only when the view is about to be written (is the difference
 * drift?), so it is answered then, once: asking every view of every planned record was a store read
 * and a record hash each — 4.4 s of a size-100,000 first sync (docs/bench.md round 12).
 */
export function toPlanInput(j: JoinedRecord, changed: (view: SystemRecord) => boolean): JoinedEntity {
  const views: JoinedEntity["views"] = {};
  for (const [s, v] of Object.entries(j.views) as [SystemName, SystemRecord][]) views[s] = new PlannedView(v, changed);
  return { entity: j.entity, key: j.key, views };
}

/** A class, not a literal with a getter (a V8 dictionary each, as normalize.ts's records were). */
class PlannedView implements SystemView {
  declare readonly id?: string;
  readonly values: Readonly<Record<string, unknown>>;
  #answer: boolean | undefined;
  readonly #view: SystemRecord;
  readonly #changed: (view: SystemRecord) => boolean;
  constructor(view: SystemRecord, changed: (view: SystemRecord) => boolean) {
    if (view.systemId !== null) this.id = view.systemId;
    this.values = view.values;
    this.#view = view;
    this.#changed = changed;
  }
  get changedSinceSync(): boolean {
    return (this.#answer ??= this.#changed(this.#view));
  }
}
