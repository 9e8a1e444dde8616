// Upsert by external id through sObject Collections: `PATCH /composite/sobjects/{SObject}/{ExtId}`,
// at most 200 records a call (more is 400 EXCEEDED_ID_LIMIT), `allOrNone: false` so one bad record
// does not roll back the others. The answer is HTTP 200 with one result per record IN REQUEST ORDER,
// which is how results are matched. A whole chunk is retried on a transient HTTP failure (an upsert
// by external id is idempotent); afterwards only the records that hit UNABLE_TO_LOCK_ROW are sent
// again, a few times with backoff.
import type { WriteRecord, WriteResult } from "../connector.js";
import type { JsonRecord } from "../../sandbox/contracts.js";
import { ConnectorError } from "../shared/connector-error.js";
import type { SalesforceApiClient } from "./api-client.js";
import { soqlIdentifier } from "./soql-literal.js";
import { duplicateKeyResult, duplicateKeys, failed } from "./write-result.js";

export const COLLECTION_LIMIT = 200;

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: { statusCode?: string; errorCode?: string; message?: string; fields?: string[] }[];
}

export interface LockRetryPolicy {
  /** Extra attempts of records that failed with UNABLE_TO_LOCK_ROW. */
  retries: number;
  /** First wait; doubles each time. */
  minDelayMs: number;
}

export const DEFAULT_LOCK_RETRY: LockRetryPolicy = { retries: 3, minDelayMs: 500 };

export interface CollectionsOptions {
  lockRetry: LockRetryPolicy;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal | undefined;
}

export async function upsertCollections(
  api: SalesforceApiClient,
  object: string,
  extField: string,
  records: readonly WriteRecord[],
  options: CollectionsOptions,
): Promise<WriteResult[]> {
  const dups = duplicateKeys(records.map((r) => r.key));
  const results: (WriteResult | undefined)[] = records.map((r) => (dups.has(r.key) ? duplicateKeyResult(r.key) : undefined));
  return sendWithLockRetry(records, results, (chunk) => sendChunk(api, object, extField, chunk, options.signal), options);
}

/**
 * Sends the records without a result yet in chunks of at most 200, then again only those that hit a
 * retryable record error (UNABLE_TO_LOCK_ROW), with backoff. Shared by upsert and update.
 */
export async function sendWithLockRetry<R extends { key: string }>(
  records: readonly R[],
  results: (WriteResult | undefined)[],
  send: (chunk: readonly R[]) => Promise<WriteResult[]>,
  options: CollectionsOptions,
): Promise<WriteResult[]> {
  let pending = records.map((_, i) => i).filter((i) => results[i] === undefined);
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await options.sleep(options.lockRetry.minDelayMs * 2 ** (attempt - 1));
    for (let start = 0; start < pending.length; start += COLLECTION_LIMIT) {
      const chunk = pending.slice(start, start + COLLECTION_LIMIT);
      const saved = await send(chunk.map((i) => records[i]!));
      chunk.forEach((i, n) => (results[i] = saved[n]));
    }
    if (attempt >= options.lockRetry.retries) break;
    pending = pending.filter((i) => results[i]?.error?.retryable === true);
  }
  return results.map((r, i) => r ?? failed(records[i]!.key, "PS_NOT_SENT", "record was not sent"));
}

async function sendChunk(api: SalesforceApiClient, object: string, extField: string, chunk: readonly WriteRecord[], signal: AbortSignal | undefined): Promise<WriteResult[]> {
  const route = `PATCH /composite/sobjects/${object}/${extField}`;
  const body = { allOrNone: false, records: chunk.map((r) => toSObject(object, extField, r)) };
  const saved = await api.request<unknown>({
    method: "PATCH",
    path: `/composite/sobjects/${soqlIdentifier(object)}/${soqlIdentifier(extField)}`,
    route,
    body: JSON.stringify(body),
    contentType: "application/json",
    idempotent: true,
    ...(signal ? { signal } : {}),
  });
  return toWriteResults(saved, chunk, route);
}

/** Salesforce SaveResults, one per record in request order, as WriteResults keyed like the records. */
export function toWriteResults(saved: unknown, chunk: readonly { key: string }[], route: string): WriteResult[] {
  if (!Array.isArray(saved) || saved.length !== chunk.length) {
    throw new ConnectorError({ system: "salesforce", route, kind: "server", status: 200 }, `expected ${chunk.length} results, got ${Array.isArray(saved) ? saved.length : typeof saved}`);
  }
  return (saved as SaveResult[]).map((s, n) => {
    const key = chunk[n]!.key;
    if (s.success) return { key, ok: true, ...(s.id ? { id: s.id } : {}), created: s.created === true };
    const e = s.errors?.[0];
    return failed(key, e?.statusCode ?? e?.errorCode ?? "UNKNOWN_ERROR", e?.message ?? "refused without an error message", e?.fields);
  });
}

function toSObject(object: string, extField: string, r: WriteRecord): JsonRecord {
  const out: JsonRecord = { attributes: { type: object } };
  for (const [k, v] of Object.entries(r.fields)) if (k.toLowerCase() !== extField.toLowerCase() && k !== "attributes") out[k] = v;
  out[extField] = r.key;
  return out;
}
