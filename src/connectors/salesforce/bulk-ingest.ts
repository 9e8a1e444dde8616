// Upsert by external id through Bulk API 2.0 ingest, for large volumes: create the job, hand its id
// to `persistJob` BEFORE uploading (a crash after that resumes polling the job instead of uploading
// the data again), one PUT of the CSV, UploadComplete, poll with backoff until the job ends, then
// read successful/failed/unprocessed results. Their rows come in any order: they are matched to the
// input BY EXTERNAL ID, never by position.
import type { WriteRecord, WriteResult } from "../connector.js";
import { ConnectorError } from "../shared/connector-error.js";
import type { SalesforceApiClient } from "./api-client.js";
import { parseCsvRecords, toIngestCsv } from "./bulk-csv.js";
import { soqlIdentifier } from "./soql-literal.js";
import { duplicateKeyResult, duplicateKeys, failed } from "./write-result.js";

export type BulkJobState = "Open" | "UploadComplete" | "InProgress" | "JobComplete" | "Failed" | "Aborted";
const FINAL: ReadonlySet<string> = new Set(["JobComplete", "Failed", "Aborted"]);

/** What the engine stores about a job (its id is enough to resume it). */
export interface BulkJobRecord {
  id: string;
  object: string;
  state: BulkJobState;
}
export type PersistJob = (job: BulkJobRecord) => void | Promise<void>;

export interface BulkPollPolicy {
  minDelayMs: number;
  maxDelayMs: number;
  /** Give up polling after this long (the job id stays persisted: the next run resumes it). */
  timeoutMs: number;
}
export const DEFAULT_BULK_POLL: BulkPollPolicy = { minDelayMs: 1000, maxDelayMs: 15_000, timeoutMs: 30 * 60_000 };

export interface BulkOptions {
  persistJob: PersistJob;
  poll: BulkPollPolicy;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

interface JobInfo {
  id: string;
  object: string;
  state: BulkJobState;
  externalIdFieldName?: string;
  errorMessage?: string;
}

export interface BulkJobOutcome {
  job: BulkJobRecord;
  /** Every result row the job reported (successful, failed, unprocessed), keyed by external id. */
  results: WriteResult[];
  errorMessage?: string;
}

const base = "/jobs/ingest";

export async function upsertBulk(api: SalesforceApiClient, object: string, extField: string, records: readonly WriteRecord[], options: BulkOptions): Promise<WriteResult[]> {
  const dups = duplicateKeys(records.map((r) => r.key));
  const sent = records.filter((r) => !dups.has(r.key));
  if (sent.length === 0) return records.map((r) => duplicateKeyResult(r.key));
  const csv = toIngestCsv(extField, sent);
  // Creating a job is safe to repeat: a job left Open without data is never processed.
  const job = await api.request<JobInfo>({
    method: "POST",
    path: base,
    route: `POST ${base}`,
    body: JSON.stringify({ object: soqlIdentifier(object), operation: "upsert", externalIdFieldName: soqlIdentifier(extField), contentType: "CSV", lineEnding: "LF" }),
    contentType: "application/json",
    idempotent: true,
  });
  await options.persistJob({ id: job.id, object, state: "Open" });
  await api.request({ method: "PUT", path: `${base}/${job.id}/batches`, route: `PUT ${base}/{id}/batches`, body: csv, contentType: "text/csv", idempotent: true, raw: true });
  await api.request({ method: "PATCH", path: `${base}/${job.id}`, route: `PATCH ${base}/{id}`, body: JSON.stringify({ state: "UploadComplete" }), contentType: "application/json", idempotent: true });
  await options.persistJob({ id: job.id, object, state: "UploadComplete" });
  const outcome = await finish(api, job.id, options);
  const byKey = new Map(outcome.results.map((r) => [r.key, r]));
  return records.map((r) => {
    if (dups.has(r.key)) return duplicateKeyResult(r.key);
    return byKey.get(r.key) ?? failed(r.key, outcome.job.state === "Failed" ? "PS_BULK_JOB_FAILED" : "PS_BULK_NO_RESULT", outcome.errorMessage ?? `job ${job.id} (${outcome.job.state}) reported no result for this record`);
  });
}

/**
 * Picks up a persisted job after a crash: polls it to its end and returns its results. A job still
 * Open never received all its data: it is aborted and the caller sends the records again.
 */
export async function resumeBulkJob(api: SalesforceApiClient, id: string, options: BulkOptions): Promise<BulkJobOutcome> {
  const info = await jobInfo(api, id);
  if (info.state === "Open") {
    await api.request({ method: "PATCH", path: `${base}/${id}`, route: `PATCH ${base}/{id}`, body: JSON.stringify({ state: "Aborted" }), contentType: "application/json", idempotent: true });
    await options.persistJob({ id, object: info.object, state: "Aborted" });
    return { job: { id, object: info.object, state: "Aborted" }, results: [] };
  }
  return finish(api, id, options);
}

async function jobInfo(api: SalesforceApiClient, id: string): Promise<JobInfo> {
  return api.request<JobInfo>({ method: "GET", path: `${base}/${id}`, route: `GET ${base}/{id}`, idempotent: true });
}

async function finish(api: SalesforceApiClient, id: string, options: BulkOptions): Promise<BulkJobOutcome> {
  const started = options.now();
  let info = await jobInfo(api, id);
  for (let n = 0; !FINAL.has(info.state); n++) {
    if (options.now() - started > options.poll.timeoutMs) {
      throw new ConnectorError({ system: "salesforce", route: `GET ${base}/{id}`, kind: "server", serviceCode: "PS_BULK_POLL_TIMEOUT" }, `job ${id} still ${info.state} after ${options.poll.timeoutMs} ms; it stays persisted and is resumed next run`);
    }
    await options.sleep(Math.min(options.poll.maxDelayMs, options.poll.minDelayMs * 2 ** n));
    info = await jobInfo(api, id);
  }
  const ext = info.externalIdFieldName ?? "";
  const results: WriteResult[] = [];
  const rows = async (kind: string) =>
    parseCsvRecords(await api.request<string>({ method: "GET", path: `${base}/${id}/${kind}/`, route: `GET ${base}/{id}/${kind}`, idempotent: true, raw: true }));
  for (const row of await rows("successfulResults")) {
    results.push({ key: keyOf(row, ext), ok: true, id: row.sf__Id ?? "", created: row.sf__Created === "true" });
  }
  for (const row of await rows("failedResults")) {
    const e = parseBulkError(row.sf__Error ?? "");
    results.push(failed(keyOf(row, ext), e.code, e.message, e.fields));
  }
  for (const row of await rows("unprocessedrecords")) {
    // Never attempted: sending it again is safe and expected.
    results.push({ key: keyOf(row, ext), ok: false, error: { code: "PS_BULK_UNPROCESSED", message: `job ${id} ended ${info.state} before processing this record`, retryable: true } });
  }
  const job: BulkJobRecord = { id, object: info.object, state: info.state };
  await options.persistJob(job);
  return { job, results, ...(info.errorMessage ? { errorMessage: info.errorMessage } : {}) };
}

/** The external id column, named as uploaded (compared case-insensitively). */
function keyOf(row: Record<string, string>, extField: string): string {
  const column = Object.keys(row).find((k) => k.toLowerCase() === extField.toLowerCase());
  return column === undefined ? "" : (row[column] ?? "");
}

/** `sf__Error` is `CODE:message:fields --` (the message may itself hold colons). */
export function parseBulkError(text: string): { code: string; message: string; fields?: string[] } {
  const m = /^([A-Z_]+):(.*?)(?::([A-Za-z0-9_,.]*))?\s*--\s*$/s.exec(text.trim());
  if (!m) return { code: "UNKNOWN_ERROR", message: text };
  const fields = m[3] ? m[3].split(",").filter(Boolean) : [];
  return { code: m[1]!, message: m[2]!.trim(), ...(fields.length ? { fields } : {}) };
}
