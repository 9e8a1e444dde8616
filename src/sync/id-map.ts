// Translation between the systems' id spaces: which canonical key a system's own id belongs to, and
// which id a system gives a canonical key. Backed by record_state.system_id (every record the pass
// reads or writes is remembered there with its system id) plus what this run learned recently: a
// record created a page ago, not yet checkpointed. What is learned is kept for two generations of
// `generation` ids, not for the whole run — after its page's checkpoint the store has it — so memory
// does not grow with the run (100k records would otherwise keep ≈ 4 strings each here). Maps are
// nested by entity and system and keyed by the id itself: a composite `entity system id` key per call
// was a new string (a rope V8 flattens on hashing), ≈ 20 MB of them alive at size 100,000.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { Store } from "../store/store.js";

/** Ids per generation: far more than one page learns (its records, counterparts and related records). */
export const ID_MAP_GENERATION = 50_000;
/**
 * The store's answers per generation: a cache only (forgetting one costs a query to the store, never a
 * wrong answer), so it is kept smaller — about what one page asks — to leave the heap to the page.
 */
export const STORED_ANSWERS_GENERATION = 10_000;

/** Values by (entity, system, id): nested maps, so no composite key string is built per lookup. */
class ScopedMap {
  private readonly byEntity = new Map<string, Map<string, Map<string, string>>>();
  size = 0;

  get(entity: string, system: string, k: string): string | undefined {
    return this.byEntity.get(entity)?.get(system)?.get(k);
  }

  set(entity: string, system: string, k: string, v: string): void {
    let bySystem = this.byEntity.get(entity);
    if (!bySystem) this.byEntity.set(entity, (bySystem = new Map()));
    let m = bySystem.get(system);
    if (!m) bySystem.set(system, (m = new Map()));
    if (!m.has(k)) this.size++;
    m.set(k, v);
  }

  delete(entity: string, system: string, k: string): void {
    if (this.byEntity.get(entity)?.get(system)?.delete(k)) this.size--;
  }
}

class TwoGenerations {
  private current = new ScopedMap();
  private previous = new ScopedMap();

  constructor(private readonly generation: number) {}

  set(entity: string, system: string, k: string, v: string): void {
    this.current.set(entity, system, k, v);
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new ScopedMap();
    }
  }

  get(entity: string, system: string, k: string): string | undefined {
    return this.current.get(entity, system, k) ?? this.previous.get(entity, system, k);
  }

  clear(): void {
    this.current = new ScopedMap();
    this.previous = new ScopedMap();
  }

  delete(entity: string, system: string, k: string): void {
    this.current.delete(entity, system, k);
    this.previous.delete(entity, system, k);
  }
}

/** What the store answered "not known" for. */
const UNKNOWN = "";

export class IdMap {
  private readonly toKey: TwoGenerations;
  private readonly toSystemId: TwoGenerations;
  /**
   * The store's answers, kept apart from what the run learned so that caching them never pushes a
   * learned id (not checkpointed yet) out of its generations. The store only gains ids through this
   * run's checkpoints, of records `learn` saw first — and `learn` drops the cached answer — so a cached
   * answer stays true. A first run asks about ids nobody knows yet again and again (references to
   * records later in the pass): one query each, without this.
   */
  private readonly storedKeys: TwoGenerations;
  private readonly storedIds: TwoGenerations;

  constructor(private readonly store: Store, generation = ID_MAP_GENERATION, storedGeneration = Math.min(generation, STORED_ANSWERS_GENERATION)) {
    this.toKey = new TwoGenerations(generation);
    this.toSystemId = new TwoGenerations(generation);
    this.storedKeys = new TwoGenerations(storedGeneration);
    this.storedIds = new TwoGenerations(storedGeneration);
  }

  /** The run's pass is over: what it learned goes (the store has every checkpointed id). */
  forget(): void {
    for (const t of [this.toKey, this.toSystemId, this.storedKeys, this.storedIds]) t.clear();
  }

  learn(entity: string, key: string, system: string, systemId: string): void {
    this.toKey.set(entity, system, systemId, key);
    this.toSystemId.set(entity, system, key, systemId);
    this.storedKeys.delete(entity, system, systemId);
    this.storedIds.delete(entity, system, key);
  }

  keyOf(entity: EntityName | string, system: string, systemId: string): string | undefined {
    return this.toKey.get(entity, system, systemId) ?? fromStore(this.storedKeys, entity, system, systemId, () => this.store.recordState.keyOfSystemId(entity, system, systemId));
  }

  systemIdOf(entity: EntityName | string, key: string, system: string): string | undefined {
    return this.toSystemId.get(entity, system, key) ?? fromStore(this.storedIds, entity, system, key, () => this.store.recordState.get(entity, key, system)?.systemId ?? undefined);
  }
}

function fromStore(cache: TwoGenerations, entity: string, system: string, k: string, ask: () => string | undefined): string | undefined {
  const cached = cache.get(entity, system, k);
  if (cached !== undefined) return cached === UNKNOWN ? undefined : cached;
  const answer = ask();
  cache.set(entity, system, k, answer ?? UNKNOWN);
  return answer;
}
