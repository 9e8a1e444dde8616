// The reconcile report as JSON: complete (no truncation), stable (same data → same bytes: the model's
// order is already deterministic, object keys of values are sorted), dates as ISO strings, money as
// exact minor units, personal data masked like the other formats. `format` lets a consumer refuse a
// shape it does not know. `renderSummaryJson` is the totals alone, for readers that need no more.
import { maskEmails } from "./mask-personal.js";
import type { FieldDifference, ReconcileReport, ReportSummary } from "./reconcile-report.js";
import { arrayChunks, nested, objectChunks, type Chunks } from "./json-chunks.js";
import { jsonValue } from "./report-value.js";

export const REPORT_FORMAT = "partner-sync.reconcile/1";
export const SUMMARY_FORMAT = "partner-sync.reconcile-summary/1";

function difference<T extends FieldDifference>(d: T): T {
  const values: Record<string, unknown> = {};
  for (const [system, v] of Object.entries(d.values)) values[system] = jsonValue(v, d.field);
  return { ...d, values, expected: jsonValue(d.expected, d.field) };
}

export function renderJson(report: ReconcileReport): string {
  return [...renderJsonChunks(report)].join("");
}

/**
 * `renderJson`'s text in pieces, in order: what `JSON.stringify(doc, null, 2)` of the whole document
 * gives, byte for byte, with each matched key, missing record, drift row, conflict, quarantine entry and
 * policy item turned into JSON on its own as it comes. `reconcile --out` writes the pieces as they
 * come, so the complete report (≈ 120 MB at demo size 100,000) is never one string, nor a second copy
 * of the model.
 */
export function* renderJsonChunks(report: ReconcileReport): Generator<string> {
  const doc: Record<string, unknown> = { format: REPORT_FORMAT, ...report };
  const asIs = <T>(x: T): T => x;
  const entity = { matched: each(asIs), missing: each(asIs), drift: each(difference), conflicts: each(difference), quarantined: each(maskedQuarantine) };
  yield* objectChunks(doc, "", {
    entities: (entities, indent) => arrayChunks(entities as unknown[], indent, (e, inner) => objectChunks(e as Record<string, unknown>, inner, entity)),
    policy: (policy, indent) => objectChunks(policy as Record<string, unknown>, indent, { items: each(maskedItem) }),
  });
  yield "\n";
}

const maskedQuarantine = (q: ReconcileReport["entities"][number]["quarantined"][number]) => ({ ...q, errorMessage: maskEmails(q.errorMessage) });
const maskedItem = (item: ReconcileReport["policy"]["items"][number]) => ({ ...item, message: maskEmails(item.message) });

/** A list streamed item by item, each item turned into JSON (after `map`) on its own. */
function each<T>(map: (item: T) => unknown): Chunks {
  return (rows, indent) => arrayChunks(rows as T[], indent, (x, inner) => [nested(map(x), inner)]);
}

/**
 * The report's summary as JSON: run id, totals and (after --apply) how the writes went — the same
 * figures as the one-line summary, and nothing else, so its size does not grow with the org. What a
 * reader of only the totals takes (the daemon's reconcile child: a complete report is ≈ 120 MB at
 * demo size 100,000, which the daemon cannot parse within its launch line's 150 MB heap).
 */
export function renderSummaryJson(report: ReconcileReport): string {
  const summary: { format: string } & ReportSummary = {
    format: SUMMARY_FORMAT,
    header: { runId: report.header.runId },
    totals: report.totals,
    ...(report.applied ? { applied: report.applied } : {}),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}
