// Salesforce Bulk API ingest jobs the sync pass started: saved before upload, marked finished once
// their results were read. An unfinished one at run start is polled to its end (resumed), never
// uploaded again.
import type Database from "better-sqlite3";

export interface BulkJobRow {
  id: string;
  object: string;
  state: string;
  runId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const COLUMNS = "id, object, state, run_id AS runId, created_at AS createdAt, finished_at AS finishedAt";

export class BulkJobsRepo {
  private readonly putStmt;
  private readonly finishStmt;
  private readonly unfinishedStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.putStmt = db.prepare(
      "INSERT INTO bulk_jobs (id, object, state, run_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state",
    );
    this.finishStmt = db.prepare("UPDATE bulk_jobs SET state = ?, finished_at = ? WHERE id = ?");
    this.unfinishedStmt = db.prepare<[], BulkJobRow>(`SELECT ${COLUMNS} FROM bulk_jobs WHERE finished_at IS NULL ORDER BY created_at, id`);
  }

  put(job: { id: string; object: string; state: string }, runId: string | null): void {
    this.putStmt.run(job.id, job.object, job.state, runId, this.now());
  }

  finish(id: string, state: string): void {
    this.finishStmt.run(state, this.now(), id);
  }

  unfinished(): BulkJobRow[] {
    return this.unfinishedStmt.all();
  }
}
