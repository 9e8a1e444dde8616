// How far each (system, object) has been read and handled. Advanced only in the same transaction
// as the outcomes it covers (the sync pass calls `set` inside `store.transaction`).
import type Database from "better-sqlite3";

export interface Watermark {
  system: string;
  object: string;
  value: string;
  updatedAt: string;
  runId: string | null;
}

export class WatermarksRepo {
  private readonly getStmt;
  private readonly allStmt;
  private readonly setStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.getStmt = db.prepare<[string, string], { value: string }>("SELECT value FROM watermarks WHERE system = ? AND object = ?");
    this.allStmt = db.prepare<[], Watermark>("SELECT system, object, value, updated_at AS updatedAt, run_id AS runId FROM watermarks ORDER BY system, object");
    this.setStmt = db.prepare("INSERT INTO watermarks (system, object, value, updated_at, run_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (system, object) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, run_id = excluded.run_id");
  }

  get(system: string, object: string): string | undefined {
    return this.getStmt.get(system, object)?.value;
  }

  set(system: string, object: string, value: string, runId: string | null = null): void {
    this.setStmt.run(system, object, value, this.now(), runId);
  }

  all(): Watermark[] {
    return this.allStmt.all();
  }
}
