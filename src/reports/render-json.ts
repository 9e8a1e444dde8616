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
  return [...renderJsonChunks(report)].join("");
}

/**
 * `renderJson`'s text in pieces, in order: what `JSON.stringify(doc, null, 2)` of the whole document
 * gives, byte for byte, with each matched key, missing record, drift row, conflict, quarantine entry and
 * policy item turned into JSON on its own as it comes. `reconcile --out` writes the pieces as they come, so the complete
 * report (≈ 120 MB at demo size 100,000) is never one string, nor a second copy of the model.
 */
export function* renderJsonChunks(report: ReconcileReport): Generator<string> {
  const doc: Record<string, unknown> = { format: REPORT_FORMAT, ...report };
  yield* objectChunks(doc, "", {
    entities: (entities, indent) => arrayChunks(entities as ReconcileReport["entities"], indent, (e, inner) => objectChunks(e as unknown as Record<string, unknown>, inner, {
      matched: (keys, i) => arrayChunks(keys as string[], i, (k, j) => [nested(k, j)]),
      missing: (rows, i) => arrayChunks(rows as unknown[], i, (m, j) => [nested(m, j)]),
      drift: (rows, i) => arrayChunks(rows as FieldDifference[], i, (d, j) => [nested(difference(d), j)]),
      conflicts: (rows, i) => arrayChunks(rows as FieldDifference[], i, (d, j) => [nested(difference(d), j)]),
      quarantined: (rows, i) => arrayChunks(rows as ReconcileReport["entities"][number]["quarantined"], i, (q, j) => [nested({ ...q, errorMessage: maskEmails(q.errorMessage) }, j)]),
    })),
    policy: (policy, indent) => objectChunks(policy as Record<string, unknown>, indent, {
      items: (items, i) => arrayChunks(items as ReconcileReport["policy"]["items"], i, (item, j) => [nested({ ...item, message: maskEmails(item.message) }, j)]),
    }),
  });
  yield "\n";
}

type Chunks = (value: unknown, indent: string) => Iterable<string>;

/** JSON.stringify(value, null, 2) as it would appear nested at `indent`. */
function nested(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
}

/** An object as JSON.stringify(…, null, 2) lays it out at `indent`; `special` keys stream their value. */
function* objectChunks(obj: Record<string, unknown>, indent: string, special: Record<string, Chunks>): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    // What JSON.stringify leaves out of an object.
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    yield `${first ? "{\n" : ",\n"}${inner}${JSON.stringify(key)}: `;
    first = false;
    const stream = special[key];
    if (stream !== undefined && value !== null && typeof value === "object") yield* stream(value, inner);
    else yield nested(value, inner);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** An array as JSON.stringify(…, null, 2) lays it out at `indent`, one item's pieces at a time. */
function* arrayChunks<T>(items: readonly T[], indent: string, item: (value: T, indent: string) => Iterable<string>): Generator<string> {
  if (items.length === 0) {
    yield "[]";
    return;
  }
  const inner = `${indent}  `;
  for (let i = 0; i < items.length; i++) {
    yield `${i === 0 ? "[\n" : ",\n"}${inner}`;
    yield* item(items[i] as T, inner);
  }
  yield `\n${indent}]`;
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
