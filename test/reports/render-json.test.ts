import { describe, expect, it } from "vitest";
import { renderJson, REPORT_FORMAT } from "../../src/reports/render-json.js";
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
