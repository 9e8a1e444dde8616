// The hash of each record's mapped fields as last written or seen, per system: lets a pass skip
// writes that would change nothing, and tell "changed on both sides since" from plain drift.
import type Database from "better-sqlite3";

/** Keys per `IN (…)` of `getMany`: one prepared statement of a fixed size, the last chunk padded. */
export const KEYS_PER_STATE_QUERY = 100;

// INDEXED BY: without statistics SQLite's planner takes the primary key's `entity` prefix and scans
// every state of the entity — 27 ms a lookup at 100k records, 77 % of a 100k first run's CPU; 0.03 ms
// with the index. Pinned by a query-plan test (test/store/record-state.repo.test.ts).
export const KEY_BY_SYSTEM_ID_SQL =
  "SELECT key FROM record_state INDEXED BY record_state_system_id WHERE entity = ? AND system = ? AND system_id = ? ORDER BY seen_at DESC LIMIT 1";
// The same question answered from the index alone: a WITHOUT ROWID table's index entries carry its
// primary key, so `key` is there, and only `seen_at` needs the row. One system id is nearly always
// one record's; the ordered query runs only when it is not. At demo size 100,000 (≈ 650,000 states,
// far more than the store's page cache) the second seek per lookup was ≈ half of 11 s spent here
// (docs/bench.md round 15).
export const KEYS_BY_SYSTEM_ID_SQL =
  "SELECT key FROM record_state INDEXED BY record_state_system_id WHERE entity = ? AND system = ? AND system_id = ? LIMIT 2";

export interface RecordState {
  entity: string;
  key: string;
  system: string;
  systemId: string | null;
  hash: string;
  seenAt: string;
}

export class RecordStateRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly countStmt;
  private readonly bySystemIdStmt;
  private readonly keysBySystemIdStmt;
  private readonly manyStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.getStmt = db.prepare<[string, string, string], RecordState>(
      "SELECT entity, key, system, system_id AS systemId, hash, seen_at AS seenAt FROM record_state WHERE entity = ? AND key = ? AND system = ?",
    );
    this.putStmt = db.prepare(
      "INSERT INTO record_state (entity, key, system, system_id, hash, seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, key, system) DO UPDATE SET system_id = COALESCE(excluded.system_id, system_id), hash = excluded.hash, seen_at = excluded.seen_at",
    );
    this.manyStmt = db.prepare<string[], RecordState>(
      `SELECT entity, key, system, system_id AS systemId, hash, seen_at AS seenAt FROM record_state WHERE entity = ? AND system = ? AND key IN (${Array.from({ length: KEYS_PER_STATE_QUERY }, () => "?").join(", ")})`,
    );
    this.countStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM record_state");
    this.bySystemIdStmt = db.prepare<[string, string, string], { key: string }>(
      KEY_BY_SYSTEM_ID_SQL,
    );
    this.keysBySystemIdStmt = db.prepare<[string, string, string], string>(KEYS_BY_SYSTEM_ID_SQL).pluck();
  }

  get(entity: string, key: string, system: string): RecordState | undefined {
    return this.getStmt.get(entity, key, system);
  }

  /** The states of many keys of one entity in one system (a page's records), one query per 100 keys. */
  getMany(entity: string, system: string, keys: readonly string[]): Map<string, RecordState> {
    const out = new Map<string, RecordState>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += KEYS_PER_STATE_QUERY) {
      const chunk = unique.slice(i, i + KEYS_PER_STATE_QUERY);
      while (chunk.length < KEYS_PER_STATE_QUERY) chunk.push(chunk[0]!);
      for (const s of this.manyStmt.all(entity, system, ...chunk)) out.set(s.key, s);
    }
    return out;
  }

  put(entity: string, key: string, system: string, hash: string, systemId: string | null = null): void {
    this.putStmt.run(entity, key, system, systemId, hash, this.now());
  }

  /** The canonical key of the record a system knows by `systemId` (id translation), if ever seen. */
  keyOfSystemId(entity: string, system: string, systemId: string): string | undefined {
    const keys = this.keysBySystemIdStmt.all(entity, system, systemId);
    if (keys.length < 2) return keys[0];
    // Several records have had this id (a record keyed anew): the one seen last.
    return this.bySystemIdStmt.get(entity, system, systemId)?.key;
  }

  count(): number {
    return this.countStmt.get()!.n;
  }
}
