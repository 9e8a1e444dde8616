import { describe, expect, it } from "vitest";
import { renderTable } from "../../src/reports/render-table.js";
import { sampleReport } from "./report-fixture.js";

describe("renderTable", () => {
  it("puts the verdict, header and summary before the details", () => {
    const text = renderTable(sampleReport());
    const lines = text.split("\n");
    expect(lines[0]).toBe("partner-sync reconcile — differences found");
    expect(lines[1]).toContain("run run-42 · evaluated at 2026-05-07T12:00:00.000Z · report only (nothing written)");
    expect(text.indexOf("Summary")).toBeLessThan(text.indexOf("== DealRegistration =="));
    expect(text).toMatch(/^\s+total\s+6\s+1\s+1\s+5\s+1\s+1\s+6$/m);
    expect(text).toMatch(/^\s+coupa\s+not read\s+0/m);
  });

  it("aligns every column of a table", () => {
    const lines = renderTable(sampleReport()).split("\n");
    const start = lines.findIndex((l) => l.startsWith("Summary")) + 1;
    const rows = lines.slice(start, lines.indexOf("", start));
    const columnStarts = (l: string) => [...l.matchAll(/(?<=  )\S/g)].map((m) => m.index);
    const header = columnStarts(rows[0]!);
    for (const row of rows.slice(2)) expect(columnStarts(row)).toEqual(header);
  });

  it("shows money, masks emails in values, errors and policy reasons", () => {
    const text = renderTable(sampleReport());
    expect(text).toContain("1,250.00 USD");
    expect(text).toContain("1,000.00 USD");
    expect(text).toContain("j***@example.com");
    expect(text).toContain("b***@partner.example");
    expect(text).toContain("f***@acme.example");
    expect(text).not.toMatch(/jane\.doe|bob@|finance@/);
  });

  it("lists each category with its count and the policy findings violations first", () => {
    const text = renderTable(sampleReport());
    expect(text).toMatch(/Missing \(1\)/);
    expect(text).toMatch(/Drift \(4\)/);
    expect(text).toMatch(/Conflicts \(1\)/);
    expect(text).toMatch(/Quarantined \(1\)/);
    expect(text).toMatch(/Matched \(1\): R-100/);
    expect(text.indexOf("NO_BANKING")).toBeLessThan(text.indexOf("EXPIRED"));
  });

  it("truncates a long list with how many more and where to see them", () => {
    const text = renderTable(sampleReport(30), { maxRows: 10 });
    expect(text).toContain("…and 21 more (use --format json or --out)");
    expect(text).toContain("R-10 ");
    expect(text).not.toContain("R-11 ");
  });

  it("says everything matched when nothing differs", () => {
    const r = sampleReport(0);
    r.entities = [];
    r.totals = { records: 1, matched: 1, missing: 0, drift: 0, driftRecords: 0, conflicts: 0, quarantined: 0, plannedWrites: 0, violations: 0, actions: 0 };
    r.policy = { evaluated: true, counts: [], items: [] };
    expect(renderTable(r).split("\n")[0]).toBe("partner-sync reconcile — everything matched");
  });
});
