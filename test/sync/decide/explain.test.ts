import { describe, expect, it } from "vitest";
import { explain } from "../../../src/sync/decide/explain.js";
import { renderExplanation } from "../../../src/sync/decide/explain-render.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, opportunity, partner, prospect, registration, wonOpportunity } from "./world-builders.js";

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

  it("says why an accrual is BLOCKED: the rebate's and payout's reasons, with the banking and payment it read", () => {
    const accrualWorld = (banking: "connected" | "none") => buildWorld(emptyWorld({
      partners: [partner()], registrations: [registration({ dealType: "Referral", status: "Approved", originalApprovedAt: at("2026-03-01T00:00:00Z") })],
      opportunities: [wonOpportunity("2026-04-10T00:00:00Z", { resoldByPartnerId: null, firstOrderTargetList: false })],
      supplierBanking: [{ partnerId: "P1", coupaSupplierId: "S1", status: banking }],
      rebateAccruals: [{ id: "REFERRAL_FEE:R1", kind: "REFERRAL_FEE", partnerId: "P1", registrationId: "R1", opportunityId: "O1", amount: { amountMinor: 1_000_000, currency: "USD" }, amountUsd: { amountMinor: 1_000_000, currency: "USD" }, earnedAt: at("2026-04-10T00:00:00Z"), earnedQuarter: "FY2027-Q1", dueAt: at("2026-06-14T23:59:59.999Z"), status: "READY", overdue: false, paidAt: null, coupaInvoiceId: "INV1", reasons: [] }],
    }));
    const expl = explain(accrualWorld("none"), context("2026-05-01T00:00:00Z"), "RebateAccrual", "REFERRAL_FEE:R1");
    expect(expl.found).toBe(true);
    expect(expl.rules).toEqual([expect.objectContaining({ rule: "REFERRAL_FEE", outcome: "BLOCKED", inputs: expect.objectContaining({ registrationStatus: "Approved", banking: "none", coupaSupplierId: "S1", paidAt: null, coupaInvoiceId: "INV1", dueAt: "2026-06-14T23:59:59.999Z" }) })]);
    const text = renderExplanation(expl, "text");
    expect(text).toContain("REFERRAL_FEE: BLOCKED");
    expect(text).toContain("→ PAY-3 NO_COUPA_BANKING: partner P1 has no active Coupa supplier");
    expect(text).toContain("write status = BLOCKED");
    expect(explain(accrualWorld("connected"), context("2026-05-01T00:00:00Z"), "RebateAccrual", "REFERRAL_FEE:R1").rules[0]?.outcome).toBe("READY");
  });

  it("says when the record is not in the data, and refuses an unknown entity", () => {
    expect(renderExplanation(explain(world, ctx, "Prospect", "nope"), "text")).toBe("Prospect nope as of 2026-06-01T00:00:00.000Z: not found in the data read\n");
    expect(() => explain(world, ctx, "Invoice", "1")).toThrow(/unknown entity "Invoice"/);
  });
});
