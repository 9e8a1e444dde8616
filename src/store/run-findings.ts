// The rule findings of one run, kept for its summary outside the heap. A run reports the same finding
// again whenever a later page's world holds the record (a partner named by many pages), so findings
// are kept once per (entity, key, rule, code, message), the latest report winning and the first one's
// position kept — what a Map by that key did. In a Map, a size-100,000 first run held ≈ 30k findings
// with their rope-string keys and messages alive to the end: the rest of the pass is bounded, so
// that was what grew, and it ran a 160 MB heap out of memory (docs/bench.md, round 3).
//
// Where: a private temporary SQLite database, like the run mirror (`new Database("")`): pages in a
// small cache, the rest in a file SQLite deletes on close. Closed by whoever opened it.
import type Database from "better-sqlite3";
import { openScratchDatabase } from "./scratch-database.js";

/** What is kept of a finding: plain JSON (the decide step's PolicyFinding). */
export interface KeptFinding {
  entity: string;
  key: string;
  rule: string;
  code: string;
  message: string;
}

export class RunFindings<F extends KeptFinding = KeptFinding> {
  private readonly db = openScratchDatabase(2);
  private readonly upsert: Database.Statement;
  private readonly readAll: Database.Statement;
  private readonly count: Database.Statement;

  constructor() {
    this.db.exec("CREATE TABLE finding (entity TEXT NOT NULL, key TEXT NOT NULL, rule TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (entity, key, rule, code, message))");
    this.upsert = this.db.prepare("INSERT INTO finding (entity, key, rule, code, message, json) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET json = excluded.json");
    this.readAll = this.db.prepare("SELECT json FROM finding ORDER BY rowid").pluck();
    this.count = this.db.prepare("SELECT count(*) FROM finding").pluck();
  }

  /** Findings of one page, in one transaction. */
  add(findings: readonly F[]): void {
    if (findings.length === 0) return;
    this.db.transaction(() => {
      for (const f of findings) this.upsert.run(f.entity, f.key, f.rule, f.code, f.message, JSON.stringify(f));
    })();
  }

  get size(): number {
    return this.count.get() as number;
  }

  /** Every finding kept, in the order each was first reported. */
  all(): F[] {
    return (this.readAll.all() as string[]).map((j) => JSON.parse(j) as F);
  }

  close(): void {
    this.db.close();
  }
}
