// Update by Salesforce Id through sObject Collections: `PATCH /composite/sobjects`, for objects that
// have no external-id field to upsert by (Lead, Opportunity). Same contract as the upsert: at most 200
// records a call, `allOrNone: false`, one result per record in request order, a whole chunk retried on
// a transient HTTP failure (setting the same fields on the same Id again is idempotent), then only the
// records that hit UNABLE_TO_LOCK_ROW sent again. Never creates a record.
import type { WriteResult } from "../connector.js";
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { SalesforceApiClient } from "./api-client.js";
import { sendWithLockRetry, toWriteResults, type CollectionsOptions } from "./collections-upsert.js";
import { failed } from "./write-result.js";

export interface UpdateRecord {
  /** The record's Salesforce Id (15 or 18 characters); the result's `key`. */
  id: string;
  fields: JsonRecord;
}

const ROUTE = "PATCH /composite/sobjects";

export async function updateCollections(api: SalesforceApiClient, object: string, records: readonly UpdateRecord[], options: CollectionsOptions): Promise<WriteResult[]> {
  const keyed = records.map((r) => ({ key: r.id, fields: r.fields }));
  const count = new Map<string, number>();
  for (const r of keyed) count.set(r.key, (count.get(r.key) ?? 0) + 1);
  // Two updates of one record in one call would race each other's values: refuse both, send neither.
  const results: (WriteResult | undefined)[] = keyed.map((r) =>
    (count.get(r.key) ?? 0) > 1 ? failed(r.key, "PS_DUPLICATE_ID", `record ${r.key} appears more than once in one update; none of them was sent`) : undefined,
  );
  return sendWithLockRetry(keyed, results, (chunk) => sendChunk(api, object, chunk, options.signal), options);
}

async function sendChunk(api: SalesforceApiClient, object: string, chunk: readonly { key: string; fields: JsonRecord }[], signal: AbortSignal | undefined): Promise<WriteResult[]> {
  const body = { allOrNone: false, records: chunk.map((r) => toSObject(object, r.key, r.fields)) };
  const saved = await api.request<unknown>({
    method: "PATCH",
    path: "/composite/sobjects",
    route: ROUTE,
    body: JSON.stringify(body),
    contentType: "application/json",
    idempotent: true,
    ...(signal ? { signal } : {}),
  });
  return toWriteResults(saved, chunk, ROUTE);
}

function toSObject(object: string, id: string, fields: JsonRecord): JsonRecord {
  const out: JsonRecord = { attributes: { type: object }, id };
  // The Id travels as `id`; an `Id` among the values would be a second, conflicting address.
  for (const [k, v] of Object.entries(fields)) if (k.toLowerCase() !== "id" && k !== "attributes") out[k] = v;
  return out;
}
