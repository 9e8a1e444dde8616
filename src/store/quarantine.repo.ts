// Records that failed normalization, a rule, or a write: kept with their error and payload so the
// run can go on without losing them, and replayed or discarded later.
import type Database from "better-sqlite3";

export interface QuarantineInput {
  entity: string;
  key: string;
  system: string;
  /** `join`: a record matched nothing it must (a Coupa invoice no accrual has yet). */
  stage: "normalize" | "join" | "decide" | "apply";
  errorCode: string;
  errorMessage: string;
  payload: unknown;
  runId: string;
}

export interface QuarantineEntry {
  id: number;
  entity: string;
  key: string;
  system: string;
  stage: string;
  errorCode: string;
  errorMessage: string;
  payload: unknown;
  status: "open" | "replayed" | "discarded";
  attempts: number;
  firstRunId: string;
  lastRunId: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

type Row = Omit<QuarantineEntry, "payload"> & { payloadJson: string };
const COLUMNS =
  "id, entity, key, system, stage, error_code AS errorCode, error_message AS errorMessage, payload_json AS payloadJson, status, attempts, first_run_id AS firstRunId, last_run_id AS lastRunId, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, resolved_at AS resolvedAt";

export class QuarantineRepo {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly openIdsStmt;
  private readonly openOfStmt;
  private readonly countStmt;
  private readonly resolveStmt;
  private readonly countsStmt;
  private readonly resolveRecordStmt;
  private readonly hasOpenStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.upsertStmt = db.prepare(
      `INSERT INTO quarantine (entity, key, system, stage, error_code, error_message, payload_json, first_run_id, last_run_id, first_seen_at, last_seen_at)
       VALUES (@entity, @key, @system, @stage, @errorCode, @errorMessage, @payloadJson, @runId, @runId, @now, @now)
       ON CONFLICT (entity, key, system) WHERE status = 'open' DO UPDATE SET
         stage = excluded.stage, error_code = excluded.error_code, error_message = excluded.error_message,
         payload_json = excluded.payload_json, attempts = attempts + 1, last_run_id = excluded.last_run_id, last_seen_at = excluded.last_seen_at`,
    );
    this.getStmt = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM quarantine WHERE id = ?`);
    this.listStmt = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM quarantine WHERE status = ? ORDER BY id`);
    this.openIdsStmt = db.prepare<[], number>("SELECT id FROM quarantine WHERE status = 'open' ORDER BY id").pluck();
    this.openOfStmt = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM quarantine WHERE status = 'open' AND entity = ? AND system = ? ORDER BY id`);
    this.countStmt = db.prepare<[string], number>("SELECT count(*) FROM quarantine WHERE status = ?").pluck();
    this.resolveStmt = db.prepare("UPDATE quarantine SET status = ?, resolved_at = ? WHERE id = ? AND status = 'open'");
    this.resolveRecordStmt = db.prepare("UPDATE quarantine SET status = ?, resolved_at = ? WHERE entity = ? AND key = ? AND system = ? AND status = 'open'");
    this.hasOpenStmt = db.prepare<[string, string], number>("SELECT EXISTS (SELECT 1 FROM quarantine WHERE status = 'open' AND entity = ? AND system = ?)").pluck();
    this.countsStmt = db.prepare<[], { entity: string; status: string; n: number }>("SELECT entity, status, count(*) AS n FROM quarantine GROUP BY entity, status ORDER BY entity, status");
  }

  /** Adds a record, or updates its open entry (attempts + 1) when it is already quarantined. */
  put(q: QuarantineInput): void {
    this.upsertStmt.run({ ...q, payloadJson: JSON.stringify(q.payload) ?? "null", now: this.now() });
  }

  get(id: number): QuarantineEntry | undefined {
    const row = this.getStmt.get(id);
    return row && toEntry(row);
  }

  /**
   * Every entry of a status, payloads parsed: for a report that shows them all (reconcile). A run, the
   * daemon and the CLI's list use the ones below, whose memory does not grow with the quarantine: a
   * mapping problem can quarantine tens of thousands of records, and the launch line's heap is 150 MB.
   */
  list(status: QuarantineEntry["status"] = "open"): QuarantineEntry[] {
    return this.listStmt.all(status).map(toEntry);
  }

  /** Entries of a status one at a time, in id order (read while iterating: do not write the store meanwhile). */
  *iterate(status: QuarantineEntry["status"] = "open"): Generator<QuarantineEntry> {
    for (const row of this.listStmt.iterate(status)) yield toEntry(row);
  }

  /** The ids of the open entries, in order: what a run replays, without reading their payloads. */
  openIds(): number[] {
    return this.openIdsStmt.all();
  }

  /** The open entries of one entity and system (the Coupa invoices the invoice pass reads again). */
  openOf(entity: string, system: string): QuarantineEntry[] {
    return this.openOfStmt.all(entity, system).map(toEntry);
  }

  count(status: QuarantineEntry["status"] = "open"): number {
    return this.countStmt.get(status) ?? 0;
  }

  /** Marks an open entry replayed (its record went through) or discarded; false when not open. */
  resolve(id: number, status: "replayed" | "discarded"): boolean {
    return this.resolveStmt.run(status, this.now(), id).changes === 1;
  }

  /** Resolves the open entry of one record (it went through after all); false when there is none. */
  resolveRecord(entity: string, key: string, system: string, status: "replayed" | "discarded"): boolean {
    return this.resolveRecordStmt.run(status, this.now(), entity, key, system).changes === 1;
  }

  /** Whether any entry of this entity and system is open (none: no record of them has one to resolve). */
  hasOpen(entity: string, system: string): boolean {
    return this.hasOpenStmt.get(entity, system) === 1;
  }

  counts(): { entity: string; status: string; n: number }[] {
    return this.countsStmt.all();
  }
}

function toEntry({ payloadJson, ...rest }: Row): QuarantineEntry {
  return { ...rest, payload: JSON.parse(payloadJson) as unknown };
}
