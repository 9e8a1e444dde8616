// What happened to each record in a run, stored in the checkpoint transaction that covers it.
import type Database from "better-sqlite3";

export interface Outcome {
  runId: string;
  entity: string;
  key: string;
  system: string;
  action: "create" | "update" | "skip" | "read";
  result: "ok" | "failed" | "quarantined";
  error?: string | null;
}

export class OutcomesRepo {
  private readonly addStmt;
  private readonly countStmt;
  private readonly byRunStmt;
  private readonly pruneStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.addStmt = db.prepare("INSERT INTO outcomes (run_id, entity, key, system, action, result, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.countStmt = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outcomes WHERE run_id = ?");
    this.byRunStmt = db.prepare<[string], Outcome>("SELECT run_id AS runId, entity, key, system, action, result, error FROM outcomes WHERE run_id = ? ORDER BY rowid");
    this.pruneStmt = db.prepare<[string, string, number]>(
      "DELETE FROM outcomes WHERE rowid IN (SELECT rowid FROM outcomes WHERE run_id IN (SELECT id FROM runs WHERE started_at < ? AND id != ?) LIMIT ?)",
    );
  }

  add(o: Outcome): void {
    this.addStmt.run(o.runId, o.entity, o.key, o.system, o.action, o.result, o.error ?? null, this.now());
  }

  /** Deletes up to `limit` outcomes of runs started before `before` (ISO), never `keepRunId`'s; returns how many went. */
  pruneRunsBefore(before: string, keepRunId: string, limit: number): number {
    return this.pruneStmt.run(before, keepRunId, limit).changes;
  }

  countForRun(runId: string): number {
    return this.countStmt.get(runId)!.n;
  }

  forRun(runId: string): Outcome[] {
    return this.byRunStmt.all(runId);
  }
}
