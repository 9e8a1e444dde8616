// The emulated org: everything `reset()` restores (data, sessions, counters, cursors, jobs, faults).
import type { Clock, SandboxCredentials, SandboxData } from "../contracts.js";
import type { BulkIngestJob } from "./bulk-ingest-job.js";
import type { BulkQueryJob } from "./bulk-query.js";
import { FaultState } from "./faults.js";
import { QueryCursors } from "./query-cursors.js";
import { SessionRegistry } from "./sessions.js";
import { SfStore } from "./store.js";

export interface SalesforceEmulatorOptions {
  seed: SandboxData["salesforce"];
  credentials: SandboxCredentials["salesforce"];
  clock: Clock;
  /** rows per query page (1–2000); a `batchSize` hint can only lower it */
  pageSize?: number;
  dailyApiLimit?: number;
  /** a refresh_token grant returns a new refresh token and revokes the one presented */
  refreshTokenRotation?: boolean;
  /** validated by `SalesforceFaultsSchema` */
  faults?: unknown;
}

export class SfOrg {
  store!: SfStore;
  sessions!: SessionRegistry;
  faults!: FaultState;
  cursors!: QueryCursors;
  ingestJobs!: Map<string, BulkIngestJob>;
  queryJobs!: Map<string, BulkQueryJob>;
  /** API calls made today (the `USED` of `Sforce-Limit-Info: api-usage=USED/MAX`) */
  apiUsed = 0;
  readonly pageSize: number;
  readonly dailyApiLimit: number;
  private jobCounter = 0;

  constructor(readonly opts: SalesforceEmulatorOptions) {
    this.pageSize = opts.pageSize ?? 2000;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 2000) {
      throw new Error(`pageSize must be an integer 1–2000, got ${opts.pageSize}`);
    }
    this.dailyApiLimit = opts.dailyApiLimit ?? 100_000;
    this.reset();
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  reset(): void {
    this.store = SfStore.seeded(this.opts.seed, this.opts.clock);
    this.sessions = new SessionRegistry(this.opts.credentials.refreshToken);
    this.apiUsed = 0;
    this.cursors = new QueryCursors(this.opts.clock);
    this.ingestJobs = new Map();
    this.queryJobs = new Map();
    this.faults = new FaultState(this.opts.faults, (remaining) => {
      this.apiUsed = Math.max(0, this.dailyApiLimit - remaining);
    });
  }

  /** Ids of Bulk API jobs: key prefix 750 (ingest) or 750 too for query jobs, as in Salesforce. */
  nextJobId(): string {
    this.jobCounter++;
    return `7505g${String(this.jobCounter).padStart(10, "0")}AAA`;
  }
}
