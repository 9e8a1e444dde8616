import { describe, expect, it } from "vitest";
import { explain } from "../../../src/sync/decide/explain.js";
import { renderExplanation } from "../../../src/sync/decide/explain-render.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, opportunity, partner, prospect, registration } from "./world-builders.js";

const world = buildWorld(emptyWorld({
  partners: [partner()],
  opportunities: [opportunity()],
  registrations: [registration({ status: "Approved", originalApprovedAt: at("2026-03-01T10:00:00Z"), submittedAt: at("2026-02-20T00:00:00Z") })],
  prospects: [prospect()],
}));
const ctx = context("2026-06-01T00:00:00Z");

describe("rules explain", () => {
  it("names DR-4 with the approval date, the deadline and the instant for an expired registration", () => {
    const expl = explain(world, ctx, "DealRegistration", "R1");
    const dr4 = expl.rules.find((r) => r.rule === "DR-4");
    expect(dr4).toMatchObject({ outcome: "EXPIRED", inputs: { originalApprovedAt: "2026-03-01T10:00:00.000Z", expiresAt: "2026-05-30T10:00:00.000Z", now: "2026-06-01T00:00:00.000Z" } });
    expect(expl.rules.map((r) => r.rule)).toEqual(expect.arrayContaining(["DR-1", "DR-2", "DR-3/5/7", "DR-8", "DR-9"]));
    expect(expl.writes[0]?.fields.status).toBe("Expired");
    const text = renderExplanation(expl, "text");
    expect(text).toContain("DR-4: EXPIRED");
    expect(text).toContain("→ DR-4 EXPIRED: registration R1 approved 2026-03-01T10:00:00.000Z, 90 days until 2026-05-30T10:00:00.000Z");
    expect(text).toContain("write status = Expired");
  });

  it("names LEAD-3 with the sharing date and deadline for a recalled lead, and LEAD-4's write", () => {
    const expl = explain(world, ctx, "Prospect", "L1");
    expect(expl.rules.find((r) => r.rule === "LEAD-3")).toMatchObject({ outcome: "recall", inputs: { sharedAt: "2026-03-02T10:00:00.000Z", activeRecallPhase: 3 } });
    const text = renderExplanation(expl, "text");
    expect(text).toContain("LEAD-3 RECALLED_PHASE_3: Prospect L1: shared 2026-03-02T10:00:00.000Z, not accepted within 5 days (by 2026-03-07T10:00:00.000Z)");
    expect(text).toContain("write shareStatus = Recall");
    expect(text).toContain("write recalledAt = 2026-06-01T00:00:00.000Z");
  });

  it("renders the same JSON for the same world and instant", () => {
    const a = renderExplanation(explain(world, ctx, "DealRegistration", "R1"), "json");
    expect(renderExplanation(explain(world, ctx, "DealRegistration", "R1"), "json")).toBe(a);
    expect(JSON.parse(a)).toMatchObject({ entity: "DealRegistration", id: "R1", now: "2026-06-01T00:00:00.000Z", found: true });
  });

  it("says when the record is not in the data, and refuses an unknown entity", () => {
    expect(renderExplanation(explain(world, ctx, "Prospect", "nope"), "text")).toBe("Prospect nope as of 2026-06-01T00:00:00.000Z: not found in the data read\n");
    expect(() => explain(world, ctx, "Invoice", "1")).toThrow(/unknown entity "Invoice"/);
  });
});
