// The checkpoint store: one SQLite file (better-sqlite3, WAL). The only module that opens it.
//
// Durability: `synchronous = FULL`. In WAL mode NORMAL survives a process crash (kill -9) but may
// lose the last commits on power loss or an OS crash. A lost checkpoint commit is not harmless here:
// the portal's create is not idempotent, so forgetting that a record was created means creating it
// again. FULL costs one fsync per commit, and we commit once per batch, not per record.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { PartnerSyncError } from "../errors.js";
import { AuditRepo } from "./audit.repo.js";
import { BulkJobsRepo } from "./bulk-jobs.repo.js";
import { LeasesRepo } from "./leases.repo.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
import { OutcomesRepo } from "./outcomes.repo.js";
import { QuarantineRepo } from "./quarantine.repo.js";
import { RecordStateRepo } from "./record-state.repo.js";
import { RunsRepo } from "./runs.repo.js";
import { WatermarksRepo } from "./watermarks.repo.js";
import { WriteIntentsRepo } from "./write-intents.repo.js";

export interface StoreOptions {
  busyTimeoutMs?: number;
  /** Epoch milliseconds; injected so leases and timestamps are testable. */
  clock?: () => number;
}

export interface Store {
  readonly path: string;
  readonly schemaVersion: number;
  readonly watermarks: WatermarksRepo;
  readonly recordState: RecordStateRepo;
  readonly runs: RunsRepo;
  readonly outcomes: OutcomesRepo;
  readonly quarantine: QuarantineRepo;
  readonly audit: AuditRepo;
  readonly leases: LeasesRepo;
  readonly bulkJobs: BulkJobsRepo;
  readonly writeIntents: WriteIntentsRepo;
  /** Runs fn in one IMMEDIATE transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openStore(path: string, options: StoreOptions = {}): Store {
  const clock = options.clock ?? Date.now;
  const memory = path === ":memory:";
  if (!memory && existsSync(path)) refuseNewer(path);
  if (!memory) mkdirSync(dirname(path), { recursive: true });

  let db: Database.Database;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5_000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection; 4 MB holds the hot index
    // pages (record_state by key and by system id) and the rest comes from the OS page cache. Part of
    // the worker's memory bound (src/cli.ts).
    db.pragma("cache_size = -4096");
    migrate(db);
  } catch (e) {
    if (e instanceof PartnerSyncError) throw e;
    throw new PartnerSyncError("PS_E_STORE_OPEN", `cannot open the checkpoint store ${path}: ${(e as Error).message}`, { details: { path }, cause: e });
  }

  // Every row a checkpoint writes is stamped: the text is made once per clock tick, not per row.
  let lastTick = Number.NaN;
  let lastIso = "";
  const nowIso = () => {
    const t = clock();
    if (t !== lastTick) {
      lastTick = t;
      lastIso = new Date(t).toISOString();
    }
    return lastIso;
  };
  return {
    path,
    schemaVersion: db.pragma("user_version", { simple: true }) as number,
    watermarks: new WatermarksRepo(db, nowIso),
    recordState: new RecordStateRepo(db, nowIso),
    runs: new RunsRepo(db, nowIso),
    outcomes: new OutcomesRepo(db, nowIso),
    quarantine: new QuarantineRepo(db, nowIso),
    audit: new AuditRepo(db, nowIso),
    leases: new LeasesRepo(db, clock),
    bulkJobs: new BulkJobsRepo(db, nowIso),
    writeIntents: new WriteIntentsRepo(db, nowIso),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close: () => db.close(),
  };
}

/** Reads the schema version without writing anything, so a newer store is left exactly as it was. */
function refuseNewer(path: string): void {
  let version: number;
  try {
    const ro = new Database(path, { readonly: true, fileMustExist: true });
    try {
      version = ro.pragma("user_version", { simple: true }) as number;
    } finally {
      ro.close();
    }
  } catch (e) {
    throw new PartnerSyncError("PS_E_STORE_OPEN", `cannot open the checkpoint store ${path}: ${(e as Error).message}`, { details: { path }, cause: e });
  }
  if (version > SCHEMA_VERSION) {
    throw new PartnerSyncError(
      "PS_E_STORE_NEWER_SCHEMA",
      `the checkpoint store ${path} has schema version ${version}, newer than this partner-sync understands (${SCHEMA_VERSION}); run a newer partner-sync, or point store.path elsewhere. The store was not modified.`,
      { details: { path, storeVersion: version, codeVersion: SCHEMA_VERSION } },
    );
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // PRAGMA cannot take a bound parameter; the version is a number from our own table.
      db.pragma(`user_version = ${Number(m.version)}`);
    }).immediate();
  }
}
