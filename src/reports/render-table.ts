// The reconcile report for a terminal: header and summary first (what someone paged at 2 a.m. reads),
// then per entity the records to look at. Columns are aligned; long lists stop at `maxRows` with a
// pointer to the complete forms (JSON, or a file).
import { isClean, type ReconcileReport } from "./reconcile-report.js";
import {
  appliedLine, entitySections, headerLines, matchedLine, MORE_HINT, policyCountsSection, policyItemsSection, summarySection,
  systemsSection, type Section,
} from "./report-sections.js";

export interface TableOptions {
  /** Rows per list before "…and N more"; default 20. */
  maxRows?: number;
  /** Longest cell but the last column (the message or error, never cut); longer values end in "…". Default 48. */
  maxCellWidth?: number;
}

function clip(cell: string, width: number): string {
  const flat = cell.replace(/\s+/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(1, width - 1))}…`;
}

function table(s: Section, indent: string, maxRows: number, maxCellWidth: number): string[] {
  const last = s.headers.length - 1;
  const shown = s.rows.slice(0, maxRows).map((r) => r.map((c, i) => clip(c, i === last ? Infinity : maxCellWidth)));
  const widths = s.headers.map((h, i) => Math.max(h.length, ...shown.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string => `${indent}${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd();
  const out = [line(s.headers), line(widths.map((w) => "-".repeat(w))), ...shown.map(line)];
  const more = s.rows.length - shown.length;
  if (more > 0) out.push(`${indent}…and ${more} more ${MORE_HINT}`);
  return out;
}

function titled(s: Section, maxRows: number, maxCellWidth: number, count = true): string[] {
  const head = count ? `${s.title} (${s.rows.length})` : s.title;
  return [`${head}${s.hint !== undefined ? ` — ${s.hint}` : ""}`, ...table(s, "  ", maxRows, maxCellWidth)];
}

export function renderTable(report: ReconcileReport, options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? 20;
  const width = options.maxCellWidth ?? 48;
  const t = report.totals;
  const out: string[] = [`partner-sync reconcile — ${isClean(report) ? "everything matched" : "differences found"}`, ...headerLines(report)];
  const applied = appliedLine(report);
  if (applied !== undefined) out.push(applied);
  out.push(
    `${t.records} records · ${t.matched} matched · ${t.missing} missing · ${t.drift} drift · ${t.conflicts} conflicts · ${t.quarantined} quarantined · ${t.violations} violations · ${t.actions} actions · ${t.plannedWrites} writes planned`,
    "",
    ...titled(systemsSection(report), Infinity, width, false),
    "",
    ...titled(summarySection(report), Infinity, width, false),
    "",
  );
  const policy = policyCountsSection(report.policy);
  out.push(...(policy.rows.length === 0 ? [`Policy — ${policy.hint ?? "no findings"}`] : titled(policy, Infinity, width, false)), "");

  for (const e of report.entities) {
    out.push(`== ${e.entity} ==`, `  ${matchedLine(e, maxRows)}`);
    for (const s of entitySections(e)) if (s.rows.length > 0) out.push(...titled(s, maxRows, width).map((l) => `  ${l}`));
    out.push("");
  }
  const items = policyItemsSection(report.policy);
  if (items.rows.length > 0) out.push(...titled(items, maxRows, width), "");
  return `${out.join("\n").trimEnd()}\n`;
}
