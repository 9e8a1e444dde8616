// The reconcile report as JSON: complete (no truncation), stable (same data → same bytes: the model's
// order is already deterministic, object keys of values are sorted), dates as ISO strings, money as
// exact minor units, personal data masked like the other formats. `format` lets a consumer refuse a
// shape it does not know. `renderSummaryJson` is the totals alone, for readers that need no more.
import { maskEmails } from "./mask-personal.js";
import type { FieldDifference, ReconcileReport, ReportSummary } from "./reconcile-report.js";
import { jsonValue } from "./report-value.js";

export const REPORT_FORMAT = "partner-sync.reconcile/1";
export const SUMMARY_FORMAT = "partner-sync.reconcile-summary/1";

function difference<T extends FieldDifference>(d: T): T {
  const values: Record<string, unknown> = {};
  for (const [system, v] of Object.entries(d.values)) values[system] = jsonValue(v, d.field);
  return { ...d, values, expected: jsonValue(d.expected, d.field) };
}

export function renderJson(report: ReconcileReport): string {
  const doc = {
    format: REPORT_FORMAT,
    ...report,
    entities: report.entities.map((e) => ({
      ...e,
      drift: e.drift.map(difference),
      conflicts: e.conflicts.map(difference),
      quarantined: e.quarantined.map((q) => ({ ...q, errorMessage: maskEmails(q.errorMessage) })),
    })),
    policy: { ...report.policy, items: report.policy.items.map((i) => ({ ...i, message: maskEmails(i.message) })) },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The report's summary as JSON: run id, totals and (after --apply) how the writes went — the same
 * figures as the one-line summary, and nothing else, so its size does not grow with the org. What a
 * reader of only the totals takes (the daemon's reconcile child: a complete report is ≈ 120 MB at
 * demo size 100,000, which the daemon cannot parse within its launch line's 160 MB heap).
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
