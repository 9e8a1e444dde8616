import { describe, expect, it } from "vitest";
import { renderJson, renderSummaryJson, REPORT_FORMAT, SUMMARY_FORMAT } from "../../src/reports/render-json.js";
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
