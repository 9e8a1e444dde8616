import { describe, expect, it } from "vitest";
import { decide } from "../../../src/sync/decide/decide.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, partner, registration, wonOpportunity } from "./world-builders.js";

// Won 2026-04-10: fiscal Q1 FY2027 (Feb–Apr) ends 2026-04-30T23:59:59.999Z; due 45 days later.
const DUE = "2026-06-14T23:59:59.999Z";
const referral = registration({ dealType: "Referral", status: "Approved", originalApprovedAt: at("2026-03-01T00:00:00Z") });
const world = (banking: "connected" | "none", paidAt: Date | null = null) => buildWorld(emptyWorld({
  partners: [partner()], registrations: [referral],
  opportunities: [wonOpportunity("2026-04-10T00:00:00Z", { resoldByPartnerId: null, firstOrderTargetList: false })],
  supplierBanking: [{ partnerId: "P1", coupaSupplierId: "S1", status: banking }],
  rebateAccruals: paidAt === null ? [] : [{ id: "REFERRAL_FEE:R1", kind: "REFERRAL_FEE", partnerId: "P1", registrationId: "R1", opportunityId: "O1", amount: { amountMinor: 1_000_000, currency: "USD" }, amountUsd: { amountMinor: 1_000_000, currency: "USD" }, earnedAt: at("2026-04-10T00:00:00Z"), earnedQuarter: "FY2027-Q1", dueAt: at(DUE), status: "READY", overdue: false, paidAt, coupaInvoiceId: "INV1", reasons: [] }],
}));
const accrual = (d: ReturnType<typeof decide>) => d.writes.find((w) => w.entity === "RebateAccrual");

describe("REF + PAY: referral fee accruals with payout status and due date", () => {
  it("creates a READY accrual with amount, earned quarter and due date", () => {
    const w = accrual(decide(world("connected"), context("2026-05-01T00:00:00Z")));
    expect(w?.key).toBe("REFERRAL_FEE:R1");
    expect(w?.fields).toMatchObject({ status: "READY", amount: { amountMinor: 1_000_000, currency: "USD" }, earnedQuarter: "FY2027-Q1", dueAt: at(DUE), overdue: false });
  });

  it("is BLOCKED without Coupa banking, and overdue 1 ms after the due date (reported)", () => {
    expect(accrual(decide(world("none"), context(DUE)))?.fields).toMatchObject({ status: "BLOCKED", overdue: false });
    const late = decide(world("none"), context("2026-06-15T00:00:00Z"));
    expect(accrual(late)?.fields).toMatchObject({ status: "BLOCKED", overdue: true });
    expect(late.findings).toContainEqual(expect.objectContaining({ rule: "PAY-2", code: "OVERDUE", severity: "violation", key: "REFERRAL_FEE:R1" }));
  });

  it("reads payment from Coupa and never writes paidAt", () => {
    const w = accrual(decide(world("connected", at("2026-05-20T00:00:00Z")), context("2026-06-01T00:00:00Z")));
    expect(w?.fields).toMatchObject({ status: "PAID" });
    expect(w?.fields.paidAt).toBeUndefined();
  });
});

describe("PAY-3..5: an accrual's reason codes follow its reasons, also when its status does not change", () => {
  // BLOCKED twice over: no banking (PAY-3) and no USD rate for the currency (PAY-5).
  const blocked = (banking: "connected" | "none", codes: readonly string[] | null) => buildWorld(emptyWorld({
    partners: [partner()], registrations: [referral],
    opportunities: [wonOpportunity("2026-04-10T00:00:00Z", { resoldByPartnerId: null, firstOrderTargetList: false, netArr: { amountMinor: 1_000_000, currency: "XTS" } })],
    supplierBanking: [{ partnerId: "P1", coupaSupplierId: "S1", status: banking }],
    rebateAccruals: [{ id: "REFERRAL_FEE:R1", kind: "REFERRAL_FEE", partnerId: "P1", registrationId: "R1", opportunityId: "O1", amount: { amountMinor: 100_000, currency: "XTS" }, amountUsd: null, earnedAt: at("2026-04-10T00:00:00Z"), earnedQuarter: "FY2027-Q1", dueAt: at(DUE), status: "BLOCKED", overdue: false, paidAt: null, coupaInvoiceId: null, reasons: [] }],
    derived: codes === null ? [] : [{ entity: "RebateAccrual", key: "REFERRAL_FEE:R1", fields: { "derived.reasonCodes": codes } }],
  }));
  const now = context("2026-05-01T00:00:00Z");

  it("the banking connected: still BLOCKED (PAY-5), only the codes written, PAY-3 gone", () => {
    const w = accrual(decide(blocked("connected", ["PAY-3:NO_COUPA_BANKING", "PAY-5:CURRENCY_UNCONVERTIBLE"]), now));
    expect(w?.fields).toEqual({ "derived.reasonCodes": ["PAY-5:CURRENCY_UNCONVERTIBLE"] });
    expect(w?.reasons.map((r) => `${r.rule}:${r.code}`)).toEqual(["PAY-5:CURRENCY_UNCONVERTIBLE"]);
    // The planner writes a change of codes alone only for a write whose rules proposed the codes.
    expect(w?.reasonCodesAlone).toBe(true);
    expect(accrual(decide(world("connected"), context("2026-05-01T00:00:00Z")))?.reasonCodesAlone).toBeUndefined();
  });

  it("codes already as decided: nothing written (a second pass over the applied result)", () => {
    expect(accrual(decide(blocked("connected", ["PAY-5:CURRENCY_UNCONVERTIBLE"]), now))).toBeUndefined();
    expect(accrual(decide(blocked("none", ["PAY-3:NO_COUPA_BANKING", "PAY-5:CURRENCY_UNCONVERTIBLE"]), now))).toBeUndefined();
  });

  it("no codes held: they are written", () => {
    expect(accrual(decide(blocked("none", null), now))?.fields).toEqual({ "derived.reasonCodes": ["PAY-3:NO_COUPA_BANKING", "PAY-5:CURRENCY_UNCONVERTIBLE"] });
  });
});
