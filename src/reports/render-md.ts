// The reconcile report as Markdown, for pasting into a ticket: a heading per entity and GitHub
// tables. Cells are escaped so a value holding `|` or a newline cannot break the table.
import { isClean, type ReconcileReport } from "./reconcile-report.js";
import {
  appliedLine, entitySections, headerLines, matchedLine, MORE_HINT, policyCountsSection, policyItemsSection, summarySection,
  systemsSection, type Section,
} from "./report-sections.js";

export interface MarkdownOptions {
  /** Rows per table before "…and N more"; default 50 (tickets have size limits). */
  maxRows?: number;
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function mdTable(s: Section, maxRows: number): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  const shown = s.rows.slice(0, maxRows);
  const out = [row(s.headers), row(s.headers.map(() => "---")), ...shown.map(row)];
  const more = s.rows.length - shown.length;
  if (more > 0) out.push("", `…and ${more} more ${MORE_HINT}`);
  return out;
}

function section(level: string, s: Section, maxRows: number, count = true): string[] {
  const out = [`${level} ${s.title}${count ? ` (${s.rows.length})` : ""}`, ""];
  if (s.hint !== undefined) out.push(`_${s.hint}_`, "");
  return [...out, ...mdTable(s, maxRows), ""];
}

export function renderMarkdown(report: ReconcileReport, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const t = report.totals;
  const out = [
    `# Reconcile report — ${isClean(report) ? "everything matched" : "differences found"}`,
    "",
    ...headerLines(report).map((l) => `- ${l}`),
  ];
  const applied = appliedLine(report);
  if (applied !== undefined) out.push(`- ${applied}`);
  out.push(
    `- **${t.records}** records · **${t.matched}** matched · **${t.missing}** missing · **${t.drift}** drift · **${t.conflicts}** conflicts · **${t.quarantined}** quarantined · **${t.violations}** violations · **${t.actions}** actions`,
    "",
    ...section("##", systemsSection(report), Infinity, false),
    ...section("##", summarySection(report), Infinity, false),
  );
  const policy = policyCountsSection(report.policy);
  if (policy.rows.length === 0) out.push("## Policy", "", policy.hint ?? "No findings.", "");
  else out.push(...section("##", policy, Infinity, false));

  for (const e of report.entities) {
    out.push(`## ${e.entity}`, "", matchedLine(e, maxRows), "");
    for (const s of entitySections(e)) if (s.rows.length > 0) out.push(...section("###", s, maxRows));
  }
  const items = policyItemsSection(report.policy);
  if (items.rows.length > 0) out.push(...section("##", items, maxRows));
  return `${out.join("\n").trimEnd()}\n`;
}
