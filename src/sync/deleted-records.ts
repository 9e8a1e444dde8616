// Salesforce soft deletes met in an entity's window read: recorded (outcome `read`, error "deleted in
// salesforce") and counted, not propagated — a record deleted in Salesforce is still the partner's
// submission on the portal, and deleting there is a decision for partner operations (merges and
// mistakes look the same from here). They come with the window's own pages (one queryAll cursor,
// split by IsDeleted in the connector), not from a second query per object (issue #4).
import type { RecordPage } from "../connectors/connector.js";
import type { PageWithDeleted } from "../connectors/salesforce/query-stream.js";
import type { JsonRecord } from "../sandbox/contracts.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import { statsOf, type PassContext } from "./pass-context.js";

/** The window's pages as the pass reads them, each page's deletes recorded as it arrives. */
export async function* recordingDeletes(ctx: PassContext, spec: EntitySpec, side: SystemSide, pages: AsyncIterable<PageWithDeleted>): AsyncGenerator<RecordPage> {
  for await (const { deleted, ...page } of pages) {
    recordDeleted(ctx, spec, side, deleted);
    yield page;
  }
}

function recordDeleted(ctx: PassContext, spec: EntitySpec, side: SystemSide, rows: readonly JsonRecord[]): void {
  // A dry run changes nothing, the store included; its summary does not count deletes either (as before).
  if (rows.length === 0 || ctx.dryRun) return;
  const keyField = side.canonicalKeyField ?? "Id";
  statsOf(ctx, spec.entity).deleted += rows.length;
  ctx.store.transaction(() => {
    for (const r of rows) {
      const key = String(r[keyField] ?? r.Id);
      ctx.store.outcomes.add({ runId: ctx.runId, entity: spec.entity, key, system: "salesforce", action: "read", result: "ok", error: `deleted in salesforce (${String(r.Id)}); not propagated` });
    }
  });
}
