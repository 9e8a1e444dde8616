// The Salesforce connector: the engine's `Connector` over jsforce, plus what only Salesforce needs
// (deletes, Bulk API job resume, describe, limits, the API budget). Dependencies arrive through the
// factory (config, secrets, callbacks, clock), so tests run it against the emulator unchanged.
import type { Logger } from "pino";
import type { SalesforceConfig } from "../../config/config.schema.js";
import type { Secrets } from "../../config/secrets.js";
import type { JsonRecord, SfSObjectDescribe } from "../../sandbox/contracts.js";
import type { Connector, ReadOptions, ReadWindow, RecordPage, WriteRecord, WriteResult } from "../connector.js";
import type { RetryPolicy } from "../shared/retry.js";
import { ApiBudget, type BudgetCaps, type BudgetState } from "./api-budget.js";
import { SalesforceApiClient } from "./api-client.js";
import { DEFAULT_BULK_POLL, resumeBulkJob, upsertBulk, type BulkJobOutcome, type BulkPollPolicy, type PersistJob } from "./bulk-ingest.js";
import { updateCollections, type UpdateRecord } from "./collections-update.js";
import { DEFAULT_LOCK_RETRY, upsertCollections, type LockRetryPolicy } from "./collections-upsert.js";
import { splitDeleted, streamQuery, type PageWithDeleted } from "./query-stream.js";
import { createSafeRequest } from "./safe-request.js";
import { SalesforceSession } from "./session.js";
import { soqlIdentifier, soqlInList } from "./soql-literal.js";

export const DEFAULT_BULK_THRESHOLD = 2000;
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Keys per `IN (…)` list: 200 ids of 18 characters keep a query well under SOQL's 100,000 characters and the URL short. */
export const KEYS_PER_QUERY = 200;

export interface SalesforceConnectorOptions {
  config: SalesforceConfig;
  secrets: Secrets;
  logger?: Logger;
  /** Stores a Bulk API job's id before its data is uploaded (the engine backs it with the store). */
  persistJob?: PersistJob;
  /**
   * Above this many records of one object in one upsert call, Bulk API 2.0 is used — for a caller
   * that does not say which way (`upsert`'s `via`). The sync engine always says (src/sync/bulk-routing.ts).
   */
  bulkThreshold?: number;
  budget?: BudgetCaps;
  retryPolicy?: RetryPolicy;
  clock?: () => Date;
  /** The refresh flow with rotation: the new refresh token, to be stored (the old one is dead). */
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
  /** Per request, until the response headers arrive. */
  timeoutMs?: number;
  /** `Sforce-Query-Options: batchSize` hint (200–2000). */
  queryBatchSize?: number;
  lockRetry?: LockRetryPolicy;
  bulkPoll?: BulkPollPolicy;
  sleep?: (ms: number) => Promise<void>;
}

export interface DescribeGlobal {
  sobjects: { name: string; label?: string; custom?: boolean; queryable?: boolean; createable?: boolean; updateable?: boolean }[];
}

export type OrgLimits = Record<string, { Max: number; Remaining: number }>;

/** Which way an upsert goes; without it, by the number of records (`bulkThreshold`). */
export interface SalesforceUpsertOptions {
  via?: "bulk" | "collections";
}

export interface SalesforceConnector extends Connector {
  readonly system: "salesforce";
  upsert(object: string, keyField: string, records: readonly WriteRecord[], options?: SalesforceUpsertOptions): Promise<WriteResult[]>;
  /** Soft-deleted rows (queryAll, IsDeleted = true) whose SystemModstamp is in the window. */
  readDeleted(object: string, window: ReadWindow, options: ReadOptions): AsyncIterable<RecordPage>;
  /**
   * readChanged and readDeleted in one read (queryAll over the window, split by IsDeleted): each page's
   * live rows as `records`, its soft-deleted rows as `deleted`; `coveredUntil` covers both.
   */
  readChangedWithDeleted(object: string, window: ReadWindow, options: ReadOptions): AsyncIterable<PageWithDeleted>;
  /**
   * Records whose `keyField` is one of `keys` (`WHERE keyField IN (…)`, in chunks that keep the SOQL
   * short), for fetching the counterparts of another system's changed records.
   */
  readByKeys(object: string, keyField: string, keys: readonly string[], options: ReadOptions): Promise<JsonRecord[]>;
  /**
   * Updates records by their Salesforce Id (objects without an external id to upsert by: Lead,
   * Opportunity). Results in the order of `records`, keyed by the id given; never creates; a refused
   * record (unknown or deleted id, validation) is a result with `ok: false`.
   */
  update(object: string, records: readonly UpdateRecord[]): Promise<WriteResult[]>;
  /** Polls a persisted Bulk API job to its end (after a crash) and returns its results. */
  resumeBulkJob(id: string): Promise<BulkJobOutcome>;
  describe(object: string): Promise<SfSObjectDescribe>;
  describeGlobal(): Promise<DescribeGlobal>;
  limits(): Promise<OrgLimits>;
  /** The org's API usage from the last response, and this connector's own call count. */
  budget(): BudgetState;
}

// Not unref'd: while a retry waits, this timer may be the only thing keeping the process alive
// (a CLI run awaiting its pass); an unref'd one lets Node exit mid-run with code 13.
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSalesforceConnector(options: SalesforceConnectorOptions): SalesforceConnector {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  // No jsforce-internal retries: they ignore Retry-After and spend API calls we could not count.
  const requestOptions = { timeout: options.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS, retry: { maxRetries: 0 } };
  const request = createSafeRequest(requestOptions.timeout, config.proxyUrl);
  const budget = new ApiBudget(options.budget);
  const session = new SalesforceSession({
    config,
    secrets: options.secrets,
    clock,
    requestOptions,
    request,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(options.onRefreshTokenRotated ? { onRefreshTokenRotated: options.onRefreshTokenRotated } : {}),
  });
  const api = new SalesforceApiClient({
    apiVersion: config.apiVersion,
    session,
    budget,
    requestOptions,
    request,
    clock,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(logger ? { logger } : {}),
  });
  const bulkThreshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
  const bulkOptions = {
    persistJob:
      options.persistJob ??
      ((job: { id: string }) => logger?.warn({ jobId: job.id }, "no persistJob callback: a crash now would upload this Bulk API job's data again")),
    poll: options.bulkPoll ?? DEFAULT_BULK_POLL,
    sleep,
    now: () => clock().getTime(),
  };
  const streamOptions = (o: ReadOptions) => ({ signal: o.signal, batchSize: options.queryBatchSize });
  const get = <T>(path: string, route: string) => api.request<T>({ method: "GET", path, route, idempotent: true });

  return {
    system: "salesforce",
    serverDate: () => api.serverDate,
    readChanged: (object, window, o) => streamQuery(api, { object, fields: o.fields, where: o.where, window }, streamOptions(o)),
    readAll: (object, o) => streamQuery(api, { object, fields: o.fields, where: o.where }, streamOptions(o)),
    readDeleted: (object, window, o) => streamQuery(api, { object, fields: o.fields, where: o.where, window, deleted: true }, streamOptions(o)),
    readChangedWithDeleted: (object, window, o) => splitDeleted(streamQuery(api, { object, fields: o.fields, where: o.where, window, withDeleted: true }, streamOptions(o))),
    async readByKeys(object, keyField, keys, o) {
      const out: JsonRecord[] = [];
      const unique = [...new Set(keys)];
      for (let i = 0; i < unique.length; i += KEYS_PER_QUERY) {
        const chunk = unique.slice(i, i + KEYS_PER_QUERY);
        const inList = `${soqlIdentifier(keyField)} IN ${soqlInList(chunk)}`;
        const where = o.where !== undefined && o.where.trim() !== "" ? `${inList} AND (${o.where})` : inList;
        for await (const page of streamQuery(api, { object, fields: [...o.fields, keyField], where }, streamOptions(o))) out.push(...page.records);
      }
      return out;
    },
    async upsert(object: string, keyField: string, records: readonly WriteRecord[], upsertOptions: SalesforceUpsertOptions = {}): Promise<WriteResult[]> {
      if (records.length === 0) return [];
      const collections = { lockRetry: options.lockRetry ?? DEFAULT_LOCK_RETRY, sleep };
      const via = upsertOptions.via ?? (records.length > bulkThreshold ? "bulk" : "collections");
      if (via === "collections") return upsertCollections(api, object, keyField, records, collections);
      const results = await upsertBulk(api, object, keyField, records, bulkOptions);
      // Lock conflicts inside a bulk job get the same second chance as in a collections call.
      const locked = results.flatMap((r, i) => (r.error?.retryable && r.error.code === "UNABLE_TO_LOCK_ROW" ? [i] : []));
      if (locked.length === 0) return results;
      const again = await upsertCollections(api, object, keyField, locked.map((i) => records[i]!), collections);
      locked.forEach((i, n) => (results[i] = again[n]!));
      return results;
    },
    async update(object, records) {
      if (records.length === 0) return [];
      return updateCollections(api, object, records, { lockRetry: options.lockRetry ?? DEFAULT_LOCK_RETRY, sleep });
    },
    resumeBulkJob: (id) => resumeBulkJob(api, id, bulkOptions),
    describe: (object) => get<SfSObjectDescribe>(`/sobjects/${soqlIdentifier(object)}/describe`, "GET /sobjects/{object}/describe"),
    describeGlobal: () => get<DescribeGlobal>("/sobjects", "GET /sobjects"),
    limits: () => get<OrgLimits>("/limits", "GET /limits"),
    budget: () => budget.state(),
  };
}
