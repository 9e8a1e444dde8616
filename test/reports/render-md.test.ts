import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/reports/render-md.js";
import { sampleReport } from "./report-fixture.js";

describe("renderMarkdown", () => {
  it("has a heading per entity and per non-empty category with its count", () => {
    const md = renderMarkdown(sampleReport());
    const headings = md.split("\n").filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# Reconcile report — differences found", "## Systems", "## Summary", "## Policy",
      "## DealRegistration", "### Missing (1)", "### Drift (4)", "### Conflicts (1)", "### Quarantined (1)",
      "## RebateAccrual", "### Drift (1)", "## Policy findings (2)",
    ]);
  });

  it("writes tables whose rows all have the header's number of cells, escaping pipes", () => {
    const md = renderMarkdown(sampleReport());
    const lines = md.split("\n");
    const start = lines.indexOf("### Quarantined (1)");
    const table = lines.slice(start).filter((l) => l.startsWith("|")).slice(0, 3);
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    expect(table.map(cells)).toEqual([8, 8, 8]);
    expect(table[2]).toContain("is \\| not valid");
  });

  it("masks emails and truncates long tables", () => {
    expect(renderMarkdown(sampleReport())).toContain("j***@example.com");
    expect(renderMarkdown(sampleReport())).not.toMatch(/jane\.doe|bob@|finance@/);
    const md = renderMarkdown(sampleReport(60), { maxRows: 50 });
    expect(md).toContain("…and 11 more (use --format json or --out)");
  });
});
