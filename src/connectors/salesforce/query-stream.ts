// A query read page by page along `nextRecordsUrl`, each page handed on as soon as it arrives.
// jsforce's autoFetch is not used: it buffers every page and stops silently at maxFetch (10000).
// Rows are de-duplicated by Id within one read (a tie or a re-read row across a page boundary is
// yielded once); that Set of Ids is the only thing that grows with the read. A stale locator
// (INVALID_QUERY_LOCATOR: a consumer slower than the 15-minute cursor life) restarts the query
// where the last page ended, which the (SystemModstamp, Id) or Id order makes exact.
import type { RecordPage } from "../connector.js";
import type { JsonRecord } from "../../sandbox/contracts.js";
import { answerShape, ConnectorError } from "../shared/connector-error.js";
import type { SalesforceApiClient } from "./api-client.js";
import { parseSfDateTime } from "./sf-datetime.js";
import { buildQuery, DELETED_FIELD, STAMP_FIELD, type QuerySpec, type ResumeFrom } from "./soql-query.js";

interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: JsonRecord[];
}

export interface StreamOptions {
  signal?: AbortSignal | undefined;
  /** `Sforce-Query-Options: batchSize=N` (200–2000), a hint the server may lower. */
  batchSize?: number | undefined;
  /** Restarts after a stale locator before giving up. */
  maxRestarts?: number;
}

export async function* streamQuery(api: SalesforceApiClient, spec: QuerySpec, options: StreamOptions = {}): AsyncGenerator<RecordPage> {
  const endpoint = spec.deleted || spec.withDeleted ? "queryAll" : "query";
  const headers = options.batchSize ? { "Sforce-Query-Options": `batchSize=${options.batchSize}` } : undefined;
  const seen = new Set<string>();
  let resume: ResumeFrom | undefined;
  let restarts = 0;
  let path: string | undefined = `/${endpoint}?q=${encodeURIComponent(buildQuery(spec))}`;
  while (path !== undefined) {
    options.signal?.throwIfAborted();
    let page: QueryResult;
    try {
      page = await api.request<QueryResult>({
        method: "GET",
        path,
        route: path.startsWith("/services/") ? `GET /${endpoint}/{locator}` : `GET /${endpoint}`,
        idempotent: true,
        ...(headers ? { headers } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (e) {
      if (e instanceof ConnectorError && e.serviceCode === "INVALID_QUERY_LOCATOR" && resume && restarts < (options.maxRestarts ?? 3)) {
        restarts++;
        path = `/${endpoint}?q=${encodeURIComponent(buildQuery(spec, resume))}`;
        continue;
      }
      throw e;
    }
    if (typeof page !== "object" || page === null || !Array.isArray(page.records) || typeof page.done !== "boolean") {
      throw new ConnectorError({ system: "salesforce", route: `GET /${endpoint}`, kind: "server" }, `expected a query answer with done and records, got ${answerShape(page)}`);
    }
    const fresh: JsonRecord[] = [];
    for (const r of page.records) {
      const id = String(r.Id);
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push(r);
    }
    const last = page.records[page.records.length - 1];
    if (last) resume = spec.window ? { stamp: stampOf(last) } : { id: String(last.Id) };
    const more = !page.done && page.nextRecordsUrl !== undefined;
    const coveredUntil = spec.window ? (more ? (resume?.stamp ?? spec.window.start ?? undefined) : spec.window.end) : undefined;
    yield { records: fresh, ...(coveredUntil ? { coveredUntil } : {}) };
    path = more ? page.nextRecordsUrl : undefined;
  }
}

function stampOf(record: JsonRecord): Date {
  const value = record[STAMP_FIELD];
  if (typeof value !== "string") throw new TypeError(`record ${String(record.Id)} has no ${STAMP_FIELD}`);
  return parseSfDateTime(value);
}

/** A window page of a read that includes soft-deleted rows: the live ones as `records`, the others apart. */
export interface PageWithDeleted extends RecordPage {
  deleted: JsonRecord[];
}

/**
 * Splits the pages of a `withDeleted` read by `IsDeleted`: the window's live rows and its deletes
 * from one queryAll cursor, instead of a second query per object for the deletes (issue #4).
 */
export async function* splitDeleted(pages: AsyncIterable<RecordPage>): AsyncGenerator<PageWithDeleted> {
  for await (const page of pages) {
    const records: JsonRecord[] = [];
    const deleted: JsonRecord[] = [];
    for (const r of page.records) (r[DELETED_FIELD] === true ? deleted : records).push(r);
    yield { ...page, records, deleted };
  }
}
