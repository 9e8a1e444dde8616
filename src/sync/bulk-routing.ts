// Which way a run's Salesforce upserts go (issue #4: Bulk API 2.0 ingest "above a configurable
// threshold, default 2,000 records of one object in a run"). The pass writes page by page, so the run's
// count of one object's records grows page after page: once it passes `sync.bulkThreshold`, a page's
// upsert of that object is sent as ONE Bulk API job instead of `batchSize` records a call — when the
// job is the cheaper of the two. A job costs at least BULK_JOB_MIN_CALLS calls, whatever its size, and
// a second or more of polling; collections cost ⌈records / batchSize⌉ calls and no wait. So a page
// holding 1,400 records or fewer of the object (at batchSize 200) still goes 200 a call: a job would
// cost more calls, not fewer (docs/sync-engine.md "Bulk API 2.0").
import type { SalesforceUpsertOptions } from "../connectors/salesforce/salesforce-connector.js";

/**
 * Calls one Bulk API 2.0 ingest job costs at the least: create, upload, close (UploadComplete), one
 * status read, and the three result reads (successful, failed, unprocessed).
 */
export const BULK_JOB_MIN_CALLS = 7;

export type SalesforceWriteRoute = NonNullable<SalesforceUpsertOptions["via"]>;

/** A run's Salesforce upserts so far: records sent per object (created once per run). */
export interface BulkRouting {
  /** `sync.bulkThreshold`: records of one object in one run above which Bulk API 2.0 is used. */
  readonly threshold: number;
  readonly sent: Map<string, number>;
}

export function bulkRouting(threshold: number): BulkRouting {
  return { threshold, sent: new Map() };
}

/**
 * The route of one upsert of `records` records of `object`, counted into the run's total. Without a
 * routing (a caller that never uses the Bulk API) every upsert goes through collections.
 */
export function routeSalesforceUpsert(routing: BulkRouting | undefined, object: string, records: number, batchSize: number): SalesforceWriteRoute {
  if (routing === undefined || records === 0) return "collections";
  const before = routing.sent.get(object) ?? 0;
  routing.sent.set(object, before + records);
  const overThreshold = before + records > routing.threshold;
  const jobIsCheaper = Math.ceil(records / batchSize) > BULK_JOB_MIN_CALLS;
  return overThreshold && jobIsCheaper ? "bulk" : "collections";
}
