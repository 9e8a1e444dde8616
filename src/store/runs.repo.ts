// One row per run of a flow: what kind, when, how it ended, and its counts.
import type Database from "better-sqlite3";

export type RunStatus = "running" | "succeeded" | "failed" | "quarantined" | "aborted";

export interface Run {
  id: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  dryRun: boolean;
  evalAt: string | null;
  counts: Record<string, number>;
  error: string | null;
}

interface RunRow extends Omit<Run, "dryRun" | "counts"> {
  dryRun: number;
  countsJson: string;
}

const COLUMNS = "id, kind, started_at AS startedAt, finished_at AS finishedAt, status, dry_run AS dryRun, eval_at AS evalAt, counts_json AS countsJson, error";

export class RunsRepo {
  private readonly startStmt;
  private readonly finishStmt;
  private readonly recentStmt;
  private readonly getStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.startStmt = db.prepare("INSERT INTO runs (id, kind, started_at, status, dry_run, eval_at) VALUES (?, ?, ?, 'running', ?, ?)");
    this.finishStmt = db.prepare("UPDATE runs SET finished_at = ?, status = ?, counts_json = ?, error = ? WHERE id = ?");
    this.recentStmt = db.prepare<[number], RunRow>(`SELECT ${COLUMNS} FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?`);
    this.getStmt = db.prepare<[string], RunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = ?`);
  }

  start(run: { id: string; kind: string; dryRun?: boolean; evalAt?: string | null }): void {
    this.startStmt.run(run.id, run.kind, this.now(), run.dryRun ? 1 : 0, run.evalAt ?? null);
  }

  finish(id: string, status: Exclude<RunStatus, "running">, counts: Record<string, number> = {}, error: string | null = null): void {
    this.finishStmt.run(this.now(), status, JSON.stringify(counts), error, id);
  }

  get(id: string): Run | undefined {
    const row = this.getStmt.get(id);
    return row && toRun(row);
  }

  recent(limit = 10): Run[] {
    return this.recentStmt.all(limit).map(toRun);
  }
}

function toRun({ dryRun, countsJson, ...rest }: RunRow): Run {
  return { ...rest, dryRun: dryRun === 1, counts: JSON.parse(countsJson) as Record<string, number> };
}
