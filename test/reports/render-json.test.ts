import { describe, expect, it } from "vitest";
import { maskEmails } from "../../src/reports/mask-personal.js";
import type { FieldDifference, ReconcileReport } from "../../src/reports/reconcile-report.js";
import { renderJson, renderJsonChunks, renderSummaryJson, REPORT_FORMAT, SUMMARY_FORMAT } from "../../src/reports/render-json.js";
import { jsonValue } from "../../src/reports/report-value.js";
import { sampleReport } from "./report-fixture.js";

describe("renderJson", () => {
  it("is complete and parseable with the format tag and totals", () => {
    const doc = JSON.parse(renderJson(sampleReport(60))) as { format: string; totals: { drift: number }; entities: { drift: unknown[] }[] };
    expect(doc.format).toBe(REPORT_FORMAT);
    expect(doc.totals.drift).toBe(62);
    expect(doc.entities[0]!.drift).toHaveLength(61);
  });

  it("keeps money exact, masks emails in values, errors and messages", () => {
    const text = renderJson(sampleReport());
    const doc = JSON.parse(text) as { entities: { drift: { values: Record<string, unknown> }[] }[] };
    expect(doc.entities[1]!.drift[0]!.values).toEqual({ salesforce: { amountMinor: 100000, currency: "USD" }, "partner-sync": { amountMinor: 125000, currency: "USD" } });
    expect(text).toContain("j***@example.com");
    expect(text).not.toMatch(/jane\.doe|bob@|finance@/);
  });

  it("renders Dates as ISO strings and gives the same bytes twice", () => {
    const r = sampleReport();
    r.entities[0]!.drift[0]!.values = { portal: new Date("2026-05-07T00:00:00Z"), salesforce: null };
    expect(renderJson(r)).toContain('"portal": "2026-05-07T00:00:00.000Z"');
    const again = sampleReport();
    again.entities[0]!.drift[0]!.values = { portal: new Date("2026-05-07T00:00:00Z"), salesforce: null };
    expect(renderJson(again)).toBe(renderJson(r));
  });
});

describe("renderSummaryJson", () => {
  it("holds the run id, the totals and the apply outcome, nothing that grows with the records", () => {
    const small = sampleReport(3);
    const large = sampleReport(5_000);
    // The same totals: only the records differ.
    large.totals = small.totals;
    expect(renderSummaryJson(large)).toBe(renderSummaryJson(small));
    expect(renderSummaryJson(large).length).toBeLessThan(1_000);
    expect(renderJson(large).length).toBeGreaterThan(1_000_000);
    expect(JSON.parse(renderSummaryJson(small))).toEqual({ format: SUMMARY_FORMAT, header: { runId: "run-42" }, totals: small.totals });
    small.applied = { attempted: 3, succeeded: 2, failed: 1 };
    expect(JSON.parse(renderSummaryJson(small))).toMatchObject({ applied: { attempted: 3, succeeded: 2, failed: 1 } });
  });
});

/** The document built whole and stringified at once: what the pieces must add up to, byte for byte. */
function whole(report: ReconcileReport): string {
  const difference = (d: FieldDifference) => ({ ...d, values: Object.fromEntries(Object.entries(d.values).map(([k, v]) => [k, jsonValue(v, d.field)])), expected: jsonValue(d.expected, d.field) });
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

describe("renderJsonChunks", () => {
  it("adds up to the whole document stringified at once, in pieces none larger than one row", () => {
    const dated = sampleReport(2);
    dated.entities[0]!.drift[0]!.values = { portal: new Date("2026-05-07T00:00:00Z"), salesforce: null };
    const applied = sampleReport(0);
    applied.applied = { attempted: 3, succeeded: 3, failed: 0 };
    const empty = sampleReport(0);
    for (const e of empty.entities) Object.assign(e, { matched: [], missing: [], drift: [], conflicts: [], quarantined: [] });
    empty.policy = { ...empty.policy, counts: [], items: [] };
    empty.header.entities = [];
    const many = sampleReport(500);
    many.entities[0]!.matched = Array.from({ length: 5_000 }, (_, i) => `R-${i}`);
    for (const report of [sampleReport(3), many, dated, applied, empty, { ...sampleReport(1), entities: [] }]) {
      const chunks = [...renderJsonChunks(report)];
      expect(chunks.join("")).toBe(whole(report));
      expect(renderJson(report)).toBe(whole(report));
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2_000);
    }
  });
});
