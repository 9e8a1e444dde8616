// `GET /query?q=`, `/queryAll?q=` and `GET /query/<locator>-<offset>` (nextRecordsUrl).
import { http, type HttpHandler } from "msw";
import type { JsonRecord } from "../contracts.js";
import { apiRoute, type ApiCall } from "./api-route.js";
import type { SfOrg } from "./org.js";
import { json, restError } from "./responses.js";
import { runQuery } from "./soql-eval.js";
import { parseSoql } from "./soql-parser.js";

export function queryHandlers(org: SfOrg): HttpHandler[] {
  return [
    http.get("*/services/data/:version/query", apiRoute(org, (c) => startQuery(org, c, false))),
    http.get("*/services/data/:version/queryAll", apiRoute(org, (c) => startQuery(org, c, true))),
    http.get("*/services/data/:version/query/:locator", apiRoute(org, (c) => nextPage(org, c))),
    http.get("*/services/data/:version/queryAll/:locator", apiRoute(org, (c) => nextPage(org, c))),
  ];
}

function startQuery(org: SfOrg, call: ApiCall, includeDeleted: boolean): Response {
  const q = call.url.searchParams.get("q");
  if (q === null) return restError(400, "MALFORMED_QUERY", "A query string has to be specified");
  const parsed = parseSoql(q);
  const result = runQuery(org.store, parsed, { includeDeleted });
  if (!result.fields) return json({ totalSize: result.rows.length, done: true, records: [] });
  const pageSize = Math.min(org.pageSize, batchSizeHint(call.request));
  const cursor = { sobject: result.sobject, fields: result.fields, rows: result.rows, pageSize };
  if (result.rows.length <= pageSize) return json(page(call, cursor, 0, undefined));
  const locator = org.cursors.add(cursor);
  return json(page(call, cursor, 0, locator));
}

function nextPage(org: SfOrg, call: ApiCall): Response {
  const m = /^(.+)-(\d+)$/.exec(call.params.locator ?? "");
  const cursor = m ? org.cursors.get(m[1]!) : undefined;
  const offset = m ? Number(m[2]) : NaN;
  if (!m || !cursor || offset <= 0 || offset >= cursor.rows.length) {
    return restError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  }
  const body = page(call, cursor, offset, m[1]);
  if (body.done) org.cursors.close(m[1]!);
  return json(body);
}

/** `Sforce-Query-Options: batchSize=N` — a hint of 200–2000 rows; out-of-range values are clamped. */
function batchSizeHint(request: Request): number {
  const header = request.headers.get("sforce-query-options") ?? "";
  const m = /batchSize\s*=\s*(\d+)/i.exec(header);
  if (!m) return 2000;
  return Math.min(2000, Math.max(200, Number(m[1])));
}

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: JsonRecord[];
}

function page(call: ApiCall, c: { sobject: string; fields: string[]; rows: JsonRecord[]; pageSize: number }, offset: number, locator: string | undefined): Page {
  const end = Math.min(c.rows.length, offset + c.pageSize);
  const base = `/services/data/${call.version}`;
  const records: JsonRecord[] = new Array(end - offset);
  for (let i = offset; i < end; i++) {
    const row = c.rows[i]!;
    const out: JsonRecord = { attributes: { type: c.sobject, url: `${base}/sobjects/${c.sobject}/${row.Id as string}` } };
    for (const f of c.fields) out[f] = row[f] ?? null;
    records[i - offset] = out;
  }
  const done = end >= c.rows.length;
  return {
    totalSize: c.rows.length,
    done,
    ...(done || !locator ? {} : { nextRecordsUrl: `${base}/query/${locator}-${end}` }),
    records,
  };
}
