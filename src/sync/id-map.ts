// Translation between the systems' id spaces: which canonical key a system's own id belongs to, and
// which id a system gives a canonical key. Backed by record_state.system_id (every record the pass
// reads or writes is remembered there with its system id) plus what this run learned before its
// checkpoint (a record created a page ago).
import type { EntityName } from "../mapping/canonical-fields.js";
import type { Store } from "../store/store.js";

export class IdMap {
  private readonly toKey = new Map<string, string>();
  private readonly toSystemId = new Map<string, string>();

  constructor(private readonly store: Store) {}

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
