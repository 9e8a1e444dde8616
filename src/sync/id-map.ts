// Translation between the systems' id spaces: which canonical key a system's own id belongs to, and
// which id a system gives a canonical key. Backed by record_state.system_id (every record the pass
// reads or writes is remembered there with its system id) plus what this run learned recently: a
// record created a page ago, not yet checkpointed. What is learned is kept for two generations of
// `generation` ids, not for the whole run — after its page's checkpoint the store has it — so memory
// does not grow with the run (100k records would otherwise keep ≈ 4 strings each here).
import type { EntityName } from "../mapping/canonical-fields.js";
import type { Store } from "../store/store.js";

/** Ids per generation: far more than one page learns (its records, counterparts and related records). */
export const ID_MAP_GENERATION = 50_000;

class TwoGenerations {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();

  constructor(private readonly generation: number) {}

  set(k: string, v: string): void {
    this.current.set(k, v);
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  get(k: string): string | undefined {
    return this.current.get(k) ?? this.previous.get(k);
  }

  delete(k: string): void {
    this.current.delete(k);
    this.previous.delete(k);
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
  private readonly stored: TwoGenerations;

  constructor(private readonly store: Store, generation = ID_MAP_GENERATION) {
    this.toKey = new TwoGenerations(generation);
    this.toSystemId = new TwoGenerations(generation);
    this.stored = new TwoGenerations(generation);
  }

  learn(entity: string, key: string, system: string, systemId: string): void {
    const byId = `${entity}\u0000${system}\u0000${systemId}`;
    const byKey = `${entity}\u0000${system}\u0000${key}`;
    this.toKey.set(byId, key);
    this.toSystemId.set(byKey, systemId);
    this.stored.delete(`k\u0000${byId}`);
    this.stored.delete(`i\u0000${byKey}`);
  }

  keyOf(entity: EntityName | string, system: string, systemId: string): string | undefined {
    const id = `${entity}\u0000${system}\u0000${systemId}`;
    return this.toKey.get(id) ?? this.fromStore(`k\u0000${id}`, () => this.store.recordState.keyOfSystemId(entity, system, systemId));
  }

  systemIdOf(entity: EntityName | string, key: string, system: string): string | undefined {
    const id = `${entity}\u0000${system}\u0000${key}`;
    return this.toSystemId.get(id) ?? this.fromStore(`i\u0000${id}`, () => this.store.recordState.get(entity, key, system)?.systemId ?? undefined);
  }

  private fromStore(id: string, ask: () => string | undefined): string | undefined {
    const cached = this.stored.get(id);
    if (cached !== undefined) return cached === UNKNOWN ? undefined : cached;
    const answer = ask();
    this.stored.set(id, answer ?? UNKNOWN);
    return answer;
  }
}
