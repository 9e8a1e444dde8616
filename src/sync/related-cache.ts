// Records the rules look at again and again within one entity's pass — a partner named by several
// pages of registrations (≈ 5 at the demo's mix), its people, an opportunity — read once instead of
// once per page. Kept for one entity side's pass only (`startEntityPass`): another entity's pass or
// the banking pass may write them. Within the pass, every record the pass writes is dropped
// (`forgetWritten`), so what the rules see is what the systems hold after our own writes, as before.
// Bounded per entity (least recently used dropped), so memory does not grow with the run.
import { deserialize, serialize } from "node:v8";
import type { EntityName } from "../mapping/canonical-fields.js";
import type { Keys } from "../mapping/compile.js";
import type { EntitySpec } from "./entity-specs.js";
import { canonicalObject, mergedValues, type JoinedRecord } from "./join.js";
import { keysReferencing, loadJoined } from "./load-joined.js";
import type { PassContext } from "./pass-context.js";

const CACHED: ReadonlySet<EntityName> = new Set<EntityName>(["Partner", "Opportunity"]);
/**
 * Records per entity. A joined record costs ≈ 2.5 KB of heap (a size-100,000 heap snapshot: ≈ 52k of
 * them, 25k of people and opportunities each plus every partner, were ≈ 130 MB — the worker then
 * outgrew its 192 MB old space). 4,000 × 2 entities ≈ 20 MB: every partner of the demo's size-10,000
 * org (≈ 2,000) and the opportunities of a few pages; a miss is one more by-key read (from the run
 * mirror on a first run). People are kept apart, encoded (`peopleOfPartners`).
 */
export const MAX_CACHED_PER_ENTITY = 4_000;

/**
 * Bytes of encoded people kept per pass (`peopleOfPartners`). A person takes ≈ 170 bytes so (its key,
 * ids and merged values, `v8.serialize`d: 167,305 bytes for the 990 people of the demo's size-2,000
 * org), so this holds the people of ≈ 95 % of the partners of the size-100,000 org (20,000 partners,
 * ≈ 50,000 people) — in less memory than the 4,000 joined people (≈ 2.5 KB each) the record cache
 * held before.
 */
export const MAX_PEOPLE_BYTES = 8 * 1024 * 1024;

interface Cache {
  /** null = no system holds the key (remembered too: a lookup that finds nothing is a call as well). */
  records: Map<EntityName, Map<string, JoinedRecord | null>>;
  /** A partner's people as the world holds them, encoded, by partner key. */
  people: EncodedPeople;
}

/**
 * Each partner's people as `v8.serialize`d `FlatPerson[]` (a latin1 string: one byte a character on
 * the heap), the least recently named partner first, dropped once the texts pass `maxBytes`.
 */
class EncodedPeople {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  /** The partner's people, now the most recently named. */
  get(partner: string): string | undefined {
    const text = this.entries.get(partner);
    if (text !== undefined) {
      this.entries.delete(partner);
      this.entries.set(partner, text);
    }
    return text;
  }

  set(partner: string, text: string, maxBytes: number): void {
    this.bytes -= this.entries.get(partner)?.length ?? 0;
    this.entries.delete(partner);
    this.entries.set(partner, text);
    this.bytes += text.length;
    for (const [p, t] of this.entries) {
      if (this.bytes <= maxBytes) break;
      this.entries.delete(p);
      this.bytes -= t.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

const caches = new WeakMap<PassContext, Cache>();

function cacheOf(ctx: PassContext): Cache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = { records: new Map(), people: new EncodedPeople() }));
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
  if (entity === "PartnerPerson") c.people.clear();
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

/** A person as the world holds it (Partner.people): the domain object of its merged values. */
export type WorldPerson = Record<string, unknown>;

/**
 * The people of these partners as the world holds them (Partner.people: each person's canonical object,
 * every field from its owner), by partner key; a partner without people has an empty list. A person
 * is found by its portal `User.Account`, the field its `partnerId` is read from, so it is listed
 * under the partner it was found by. Through a per-pass cache of the people themselves, encoded:
 * a registration page names ≈ 1,900 of 20,000 partners at size 100,000, and reading their people
 * again for each page (a lookup by partner, one by id, one in Salesforce, each normalized and
 * joined) was the largest share of the rows a first sync looked up (docs/bench.md rounds 13, 16).
 */
export async function peopleOfPartners(ctx: PassContext, partnerKeys: Iterable<string>, maxBytes = MAX_PEOPLE_BYTES): Promise<Map<string, WorldPerson[]>> {
  const out = new Map<string, WorldPerson[]>();
  const spec = ctx.specs.get("PartnerPerson");
  if (!spec) {
    for (const p of partnerKeys) out.set(p, []);
    return out;
  }
  const c = cacheOf(ctx);
  const misses: string[] = [];
  for (const p of new Set(partnerKeys)) {
    const hit = c.people.get(p);
    if (hit === undefined) misses.push(p);
    else out.set(p, decodePeople(spec, hit));
  }
  if (misses.length === 0) return out;
  const joined = await loadJoined(ctx, "PartnerPerson", await keysReferencing(ctx, "PartnerPerson", "portal", "Account", misses));
  const byPartner = new Map<string, FlatPerson[]>();
  for (const j of joined.values()) {
    const flat = mergedValues(spec, j);
    const partnerId = flat.partnerId;
    if (typeof partnerId !== "string") continue;
    const person: FlatPerson = [j.key, j.keys, spec.paths.map((a) => flat[a.path])];
    (byPartner.get(partnerId) ?? byPartner.set(partnerId, []).get(partnerId)!).push(person);
  }
  for (const p of misses) {
    const people = byPartner.get(p) ?? [];
    out.set(p, people.map((person) => worldPerson(spec, person)));
    c.people.set(p, serialize(people).toString("latin1"), maxBytes);
  }
  return out;
}

/** A person as kept: its key, its ids, and its merged values in `spec.paths` order. */
type FlatPerson = [key: string, keys: Keys, values: unknown[]];

function decodePeople(spec: EntitySpec, encoded: string): WorldPerson[] {
  return (deserialize(Buffer.from(encoded, "latin1")) as FlatPerson[]).map((person) => worldPerson(spec, person));
}

function worldPerson(spec: EntitySpec, [key, keys, values]: FlatPerson): WorldPerson {
  const flat: Record<string, unknown> = {};
  spec.paths.forEach((a, i) => {
    if (values[i] !== undefined) flat[a.path] = values[i];
  });
  return canonicalObject(spec, flat, key, keys);
}
