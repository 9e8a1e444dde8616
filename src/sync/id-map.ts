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
}

export class IdMap {
  private readonly toKey: TwoGenerations;
  private readonly toSystemId: TwoGenerations;

  constructor(private readonly store: Store, generation = ID_MAP_GENERATION) {
    this.toKey = new TwoGenerations(generation);
    this.toSystemId = new TwoGenerations(generation);
  }

  learn(entity: string, key: string, system: string, systemId: string): void {
    this.toKey.set(`${entity}\u0000${system}\u0000${systemId}`, key);
    this.toSystemId.set(`${entity}\u0000${system}\u0000${key}`, systemId);
  }

  keyOf(entity: EntityName | string, system: string, systemId: string): string | undefined {
    return this.toKey.get(`${entity}\u0000${system}\u0000${systemId}`) ?? this.store.recordState.keyOfSystemId(entity, system, systemId);
  }

  systemIdOf(entity: EntityName | string, key: string, system: string): string | undefined {
    return this.toSystemId.get(`${entity}\u0000${system}\u0000${key}`) ?? this.store.recordState.get(entity, key, system)?.systemId ?? undefined;
  }
}
