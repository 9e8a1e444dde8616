// Reading records by canonical key from every system that holds an entity, normalized and joined:
// the counterparts of a page's changed records, the related records the rules need (the partners and
// opportunities of a page's registrations, the other registrations of those opportunities), and the
// records a quarantine replay re-reads.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { EntitySpec } from "./entity-specs.js";
import { joinRecords, type JoinedRecord } from "./join.js";
import { normalizeRecords, type RecordFailure, type SystemRecord } from "./normalize.js";
import type { PassContext } from "./pass-context.js";
import { readByKeys } from "./system-access.js";

export interface Loaded {
  records: SystemRecord[];
  failures: RecordFailure[];
}

/**
 * The records of `keys` in each system except `skip`, normalized (not joined). The systems are read
 * at the same time (independent calls); the result keeps the sides' order.
 */
export async function loadByKeys(ctx: PassContext, spec: EntitySpec, keys: readonly string[], skip?: SystemName): Promise<Loaded> {
  const out: Loaded = { records: [], failures: [] };
  if (keys.length === 0) return out;
  const sides = Object.values(spec.sides).filter((side) => side && side.system !== skip && side.canonicalKeyField !== undefined);
  const each = await Promise.all(sides.map(async (side) => {
    const raws = await readByKeys(ctx.access, side!.system, side!.object, side!.canonicalKeyField!, keys, side!.converter.systemFields, ctx.signal);
    ctx.onProgress?.({ system: side!.system, read: raws.length });
    return normalizeRecords(ctx, spec, side!, raws);
  }));
  for (const n of each) {
    out.records.push(...n.records);
    out.failures.push(...n.failures);
  }
  return out;
}

export async function loadJoined(ctx: PassContext, entity: EntityName, keys: Iterable<string>): Promise<Map<string, JoinedRecord>> {
  const spec = ctx.specs.get(entity);
  const wanted = [...new Set(keys)].filter((k) => k !== "").sort();
  if (!spec || wanted.length === 0) return new Map();
  const loaded = await loadByKeys(ctx, spec, wanted);
  const failed = new Set(loaded.failures.map((f) => f.key));
  return joinRecords(spec, loaded.records.filter((r) => !failed.has(r.key)));
}

/** Canonical keys of `entity` records whose `field` in `system` holds one of `values` (siblings by a shared reference). */
export async function keysReferencing(ctx: PassContext, entity: EntityName, system: SystemName, field: string, values: readonly string[]): Promise<string[]> {
  const spec = ctx.specs.get(entity);
  const side = spec?.sides[system];
  if (!spec || !side || values.length === 0) return [];
  const raws = await readByKeys(ctx.access, system, side.object, field, values, side.converter.systemFields, ctx.signal);
  const keys: string[] = [];
  for (const raw of raws) {
    const r = side.converter.toCanonical(raw);
    const k = r.ok ? r.keys[spec.canonical] : null;
    if (k !== null && k !== undefined) keys.push(k);
  }
  return keys;
}

/**
 * The records of `entity` whose `field` in `system` holds one of `values` (the registrations of some
 * opportunities, the accruals of some registrations), joined with their records in the other systems;
 * keys `known` already are left out. The records read by reference are used as read — not read again
 * by key as keysReferencing + loadJoined do — so this is one call per other system fewer.
 */
export async function loadJoinedReferencing(ctx: PassContext, entity: EntityName, system: SystemName, field: string, values: readonly string[], known: { has(key: string): boolean }): Promise<Map<string, JoinedRecord>> {
  const spec = ctx.specs.get(entity);
  const side = spec?.sides[system];
  if (!spec || !side || values.length === 0) return new Map();
  const raws = await readByKeys(ctx.access, system, side.object, field, values, side.converter.systemFields, ctx.signal);
  const n = await normalizeRecords(ctx, spec, side, raws);
  const records = n.records.filter((r) => !known.has(r.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  ctx.onProgress?.({ system, read: records.length });
  const others = await loadByKeys(ctx, spec, [...new Set(records.map((r) => r.key))], system);
  const failed = new Set([...n.failures, ...others.failures].map((f) => f.key));
  return joinRecords(spec, [...records, ...others.records].filter((r) => !failed.has(r.key)));
}

export function mergeJoined(into: Map<string, JoinedRecord>, from: ReadonlyMap<string, JoinedRecord>): void {
  for (const [k, j] of from) if (!into.has(k)) into.set(k, j);
}
