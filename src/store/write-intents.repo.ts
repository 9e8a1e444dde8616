// A page's planned writes, stored before the first of them is sent and deleted in the same
// transaction as the page's checkpoint (src/sync/write-intents.ts says what they are for). The text
// is the sync module's own encoding: this repo only keeps it.
import type Database from "better-sqlite3";

export interface WriteIntentRow {
  id: number;
  runId: string;
  createdAt: string;
  entity: string;
  system: string;
  intentJson: string;
}

export class WriteIntentsRepo {
  private readonly addStmt;
  private readonly removeStmt;
  private readonly replaceStmt;
  private readonly listStmt;
  private readonly countStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.addStmt = db.prepare("INSERT INTO write_intents (run_id, created_at, entity, system, intent_json) VALUES (?, ?, ?, ?, ?)");
    this.removeStmt = db.prepare("DELETE FROM write_intents WHERE id = ?");
    this.replaceStmt = db.prepare("UPDATE write_intents SET intent_json = ? WHERE id = ?");
    this.listStmt = db.prepare<[], WriteIntentRow>(
      "SELECT id, run_id AS runId, created_at AS createdAt, entity, system, intent_json AS intentJson FROM write_intents ORDER BY id",
    );
    this.countStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM write_intents");
  }

  add(runId: string, entity: string, system: string, intentJson: string): number {
    return Number(this.addStmt.run(runId, this.now(), entity, system, intentJson).lastInsertRowid);
  }

  remove(id: number): void {
    this.removeStmt.run(id);
  }

  /** What is left of an intent, once part of it is done (finishing it: src/sync/finish-intents.ts). */
  replace(id: number, intentJson: string): void {
    this.replaceStmt.run(intentJson, id);
  }

  /** Oldest first: the order their pages were applied in. */
  list(): WriteIntentRow[] {
    return this.listStmt.all();
  }

  count(): number {
    return this.countStmt.get()!.n;
  }
}
