// Versioned schema of the checkpoint store. The version lives in SQLite's `user_version`; each
// migration runs once, in its own transaction, in order. Never edit a released migration: add one.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "watermarks, record state, runs, outcomes, quarantine, audit, leases",
    sql: `
      CREATE TABLE watermarks (
        system     TEXT NOT NULL,
        object     TEXT NOT NULL,
        value      TEXT NOT NULL,          -- an ISO-8601 instant, or an opaque cursor
        updated_at TEXT NOT NULL,
        run_id     TEXT,
        PRIMARY KEY (system, object)
      ) STRICT;

      CREATE TABLE record_state (
        entity     TEXT NOT NULL,          -- canonical entity, e.g. "DealRegistration"
        key        TEXT NOT NULL,          -- canonical id
        system     TEXT NOT NULL,          -- salesforce | portal | coupa
        system_id  TEXT,                   -- that system's own id, once known
        hash       TEXT NOT NULL,          -- hash of the mapped fields last written or seen
        seen_at    TEXT NOT NULL,
        PRIMARY KEY (entity, key, system)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE runs (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,         -- sync | reconcile | replay
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','quarantined','aborted')),
        dry_run     INTEGER NOT NULL DEFAULT 0,
        eval_at     TEXT,                  -- the evaluation instant (--now)
        counts_json TEXT NOT NULL DEFAULT '{}',
        error       TEXT
      ) STRICT;
      CREATE INDEX runs_started ON runs (started_at DESC);

      CREATE TABLE outcomes (
        run_id  TEXT NOT NULL REFERENCES runs(id),
        entity  TEXT NOT NULL,
        key     TEXT NOT NULL,
        system  TEXT NOT NULL,
        action  TEXT NOT NULL,             -- create | update | skip | read
        result  TEXT NOT NULL,             -- ok | failed | quarantined
        error   TEXT,
        at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outcomes_run ON outcomes (run_id);
      CREATE INDEX outcomes_record ON outcomes (entity, key);

      CREATE TABLE quarantine (
        id            INTEGER PRIMARY KEY,
        entity        TEXT NOT NULL,
        key           TEXT NOT NULL,
        system        TEXT NOT NULL,       -- where the record came from
        stage         TEXT NOT NULL,       -- normalize | decide | apply
        error_code    TEXT NOT NULL,
        error_message TEXT NOT NULL,
        payload_json  TEXT NOT NULL,       -- the record as read, to replay without re-reading
        status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','replayed','discarded')),
        attempts      INTEGER NOT NULL DEFAULT 1,
        first_run_id  TEXT NOT NULL,
        last_run_id   TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL,
        resolved_at   TEXT
      ) STRICT;
      -- at most one open entry per record: a record failing again updates it
      CREATE UNIQUE INDEX quarantine_open ON quarantine (entity, key, system) WHERE status = 'open';

      CREATE TABLE audit (
        id          INTEGER PRIMARY KEY,
        run_id      TEXT NOT NULL,
        at          TEXT NOT NULL,
        entity      TEXT NOT NULL,
        key         TEXT NOT NULL,
        system      TEXT NOT NULL,         -- the system written to
        action      TEXT NOT NULL,         -- create | update | drift-overwrite | rule
        before_hash TEXT,
        after_hash  TEXT NOT NULL,
        fields_json TEXT NOT NULL,         -- {"field": [before, after]} (personal data redacted)
        reasons_json TEXT NOT NULL DEFAULT '[]' -- [{rule, code, message}]
      ) STRICT;
      CREATE INDEX audit_record ON audit (entity, key);
      CREATE INDEX audit_run ON audit (run_id);

      CREATE TABLE leases (
        name        TEXT PRIMARY KEY,      -- one flow, e.g. "sync"
        owner       TEXT NOT NULL,         -- host:pid:random, unique per holder
        acquired_at INTEGER NOT NULL,      -- epoch ms
        renewed_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: "id translation index on record_state; Salesforce Bulk API jobs in flight",
    sql: `
      -- The sync pass translates a system's id into the canonical key (foreign references, joins):
      -- one indexed lookup per id instead of a scan.
      CREATE INDEX record_state_system_id ON record_state (entity, system, system_id);

      -- A Bulk API job's id is stored BEFORE its data is uploaded and polled: a run killed while the
      -- job runs resumes polling it at the next start instead of uploading the records again.
      CREATE TABLE bulk_jobs (
        id          TEXT PRIMARY KEY,      -- the Salesforce job id
        object      TEXT NOT NULL,
        state       TEXT NOT NULL,         -- Open | UploadComplete | InProgress | JobComplete | Failed | Aborted
        run_id      TEXT,
        created_at  TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: "write intents: a page's planned writes, stored before the first of them is sent",
    sql: `
      -- A page's writes go to several systems one call after another. A crash between two of them
      -- leaves a state the rules cannot decide again (a lead Recall in Salesforce, not yet on the
      -- portal). The page's plan is stored here BEFORE its first write and deleted with its checkpoint;
      -- one found at a run's start is finished first (src/sync/write-intents.ts).
      CREATE TABLE write_intents (
        id          INTEGER PRIMARY KEY,
        run_id      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        entity      TEXT NOT NULL,         -- the page's entity
        system      TEXT NOT NULL,         -- the system the page was read from
        intent_json TEXT NOT NULL          -- {keys, writes}: the page's records and its planned writes
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: "drop the unused outcomes (entity, key) index",
    sql: `
      -- No query reads outcomes by record (they are read by run), yet every record a page passes
      -- inserted into this index: a random B-tree write per record, the pages it dirtied written to the
      -- WAL at each checkpoint. At demo size 100,000 the table gains ≈ 550k rows a run.
      DROP INDEX outcomes_record;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
