// Records the rules look at again and again within one entity's pass — a partner named by several
// pages of registrations (≈ 5 at the demo's mix), its people, an opportunity — read once instead of
// once per page. Kept for one entity side's pass only (`startEntityPass`): another entity's pass or
// the banking pass may write them. Within the pass, every record the pass writes is dropped
// (`forgetWritten`), so what the rules see is what the systems hold after our own writes, as before.
// Bounded per entity (least recently used dropped), so memory does not grow with the run.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { JoinedRecord } from "./join.js";
import { keysReferencingBy, loadJoined } from "./load-joined.js";
import type { PassContext } from "./pass-context.js";

const CACHED: ReadonlySet<EntityName> = new Set<EntityName>(["Partner", "PartnerPerson", "Opportunity"]);
/**
 * Records per entity. A joined record costs ≈ 2.5 KB of heap (a size-100,000 heap snapshot: ≈ 52k of
 * them, 25k of people and opportunities each plus every partner, were ≈ 130 MB — the worker then
 * outgrew its 192 MB old space). 4,000 × 3 entities ≈ 30 MB: every partner of the demo's size-10,000
 * org (≈ 2,000) and the people and opportunities of a few pages; a miss is one more by-key read
 * (from the run mirror on a first run).
 */
export const MAX_CACHED_PER_ENTITY = 4_000;

interface Cache {
  /** null = no system holds the key (remembered too: a lookup that finds nothing is a call as well). */
  records: Map<EntityName, Map<string, JoinedRecord | null>>;
  /** A partner's people (portal User by Account), by partner key. */
  people: Map<string, string[]>;
}

const caches = new WeakMap<PassContext, Cache>();

function cacheOf(ctx: PassContext): Cache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = { records: new Map(), people: new Map() }));
  return c;
}

/** A new entity side's pass begins: what earlier passes cached may have been written since. */
export function startEntityPass(ctx: PassContext): void {
  caches.delete(ctx);
}

/** Records the pass wrote (or re-read as a page's own): the next reader gets them from the systems. */
export function forgetWritten(ctx: PassContext, entity: string, keys: Iterable<string>): void {
  const c = caches.get(ctx);
  if (!c) return;
  const m = c.records.get(entity as EntityName);
  if (m) for (const k of keys) m.delete(k);
  if (entity === "PartnerPerson" && c.people.size > 0) c.people.clear();
}

function remember<V>(m: Map<string, V>, key: string, value: V): void {
  m.delete(key);
  m.set(key, value);
  if (m.size > MAX_CACHED_PER_ENTITY) m.delete(m.keys().next().value!);
}

/** loadJoined, through the cache for the entities read again and again. */
export async function loadJoinedCached(ctx: PassContext, entity: EntityName, keys: Iterable<string>): Promise<Map<string, JoinedRecord>> {
  if (!CACHED.has(entity)) return loadJoined(ctx, entity, keys);
  const c = cacheOf(ctx);
  const m = c.records.get(entity) ?? c.records.set(entity, new Map()).get(entity)!;
  const out = new Map<string, JoinedRecord>();
  const misses: string[] = [];
  for (const k of new Set(keys)) {
    if (k === "") continue;
    const hit = m.get(k);
    if (hit === undefined) misses.push(k);
    else if (hit !== null) out.set(k, hit);
  }
  const loaded = await loadJoined(ctx, entity, misses);
  for (const k of misses) {
    const j = loaded.get(k);
    remember(m, k, j ?? null);
    if (j) out.set(k, j);
  }
  // The order a page's records come in is the key order loadJoined gives (sorted), whatever was cached.
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Keys of the people of these partners (portal `User` by `Account`), through the cache. */
export async function peopleOfPartners(ctx: PassContext, partnerKeys: readonly string[]): Promise<string[]> {
  const c = cacheOf(ctx);
  const keys: string[] = [];
  const misses: string[] = [];
  for (const p of new Set(partnerKeys)) {
    const hit = c.people.get(p);
    if (hit === undefined) misses.push(p);
    else keys.push(...hit);
  }
  const found = await keysReferencingBy(ctx, "PartnerPerson", "portal", "Account", misses);
  keys.push(...found.keys);
  if (found.byValue) for (const p of misses) remember(c.people, p, found.byValue.get(p) ?? []);
  return keys;
}
