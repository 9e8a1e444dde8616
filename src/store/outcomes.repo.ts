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

  constructor(db: Database.Database, private readonly now: () => string) {
    this.addStmt = db.prepare("INSERT INTO outcomes (run_id, entity, key, system, action, result, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.countStmt = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outcomes WHERE run_id = ?");
    this.byRunStmt = db.prepare<[string], Outcome>("SELECT run_id AS runId, entity, key, system, action, result, error FROM outcomes WHERE run_id = ? ORDER BY rowid");
  }

  add(o: Outcome): void {
    this.addStmt.run(o.runId, o.entity, o.key, o.system, o.action, o.result, o.error ?? null, this.now());
  }

  countForRun(runId: string): number {
    return this.countStmt.get(runId)!.n;
  }

  forRun(runId: string): Outcome[] {
    return this.byRunStmt.all(runId);
  }
}
