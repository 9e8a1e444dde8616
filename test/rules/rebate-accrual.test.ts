import { describe, expect, it } from "vitest";
import { payoutStatus } from "../../src/rules/payout.js";
import { toRebateAccrual, type AccrualSource } from "../../src/rules/rebate-accrual.js";
import { referralFee } from "../../src/rules/referral-fee.js";
import { at, opportunity, partner, registration, wonOpportunity } from "./fixtures/entities.js";

const config = { fiscalYearStartMonth: 2, fxToUsd: {} };
const source: AccrualSource = { kind: "REFERRAL_FEE", partnerId: "P1", registrationId: "R1", opportunityId: "O1", paidAt: null, coupaInvoiceId: null };
const referral = registration({ dealType: "Referral", status: "Approved", originalApprovedAt: at("2026-04-01T00:00:00Z") });

describe("PAY-1..5 accrual record from a rebate and its payout status", () => {
  it("builds a READY referral fee accrual with a stable id", () => {
    const rebate = referralFee(referral, partner(), wonOpportunity("2026-05-20T00:00:00Z"), { referralRate: 0.1 });
    const payout = payoutStatus({ partnerId: "P1", rebate, banking: { partnerId: "P1", coupaSupplierId: "S1", status: "connected" }, paidAt: null, now: at("2026-06-01T00:00:00Z"), config });
    const accrual = toRebateAccrual(source, rebate, payout);
    expect(accrual).toMatchObject({
      id: "REFERRAL_FEE:R1",
      amount: { amountMinor: 1_000_000, currency: "USD" },
      amountUsd: { amountMinor: 1_000_000, currency: "USD" },
      earnedQuarter: "FY2027-Q2",
      status: "READY",
      overdue: false,
      paidAt: null,
    });
    expect(accrual?.dueAt?.toISOString()).toBe("2026-09-14T23:59:59.999Z");
  });

  it("carries the payment instant only when the status is PAID", () => {
    const rebate = referralFee(referral, partner(), wonOpportunity("2026-05-20T00:00:00Z"), { referralRate: 0.1 });
    const paidAt = at("2026-07-01T00:00:00Z");
    const future = payoutStatus({ partnerId: "P1", rebate, banking: null, paidAt, now: at("2026-06-01T00:00:00Z"), config });
    expect(toRebateAccrual({ ...source, paidAt }, rebate, future)).toMatchObject({ status: "BLOCKED", paidAt: null });
    const paid = payoutStatus({ partnerId: "P1", rebate, banking: null, paidAt, now: at("2026-07-02T00:00:00Z"), config });
    expect(toRebateAccrual({ ...source, paidAt }, rebate, paid)).toMatchObject({ status: "PAID", paidAt });
  });

  it("records an INELIGIBLE accrual with its amount and the failing rule", () => {
    const rebate = referralFee(referral, partner(), wonOpportunity("2026-05-20T00:00:00Z", { newLogo: false }), { referralRate: 0.1 });
    const payout = payoutStatus({ partnerId: "P1", rebate, banking: null, paidAt: null, now: at("2026-06-01T00:00:00Z"), config });
    const accrual = toRebateAccrual(source, rebate, payout);
    expect(accrual).toMatchObject({ status: "INELIGIBLE", amount: { amountMinor: 1_000_000 }, earnedAt: null, dueAt: null });
    expect(accrual?.reasons.map((r) => r.code)).toEqual(["NOT_NEW_OPPORTUNITY"]);
  });

  it("accrues nothing for a pending or amount-less rebate", () => {
    const pending = referralFee(referral, partner(), opportunity(), { referralRate: 0.1 });
    expect(toRebateAccrual(source, pending, payoutStatus({ partnerId: "P1", rebate: pending, banking: null, paidAt: null, now: at("2026-06-01T00:00:00Z"), config }))).toBeNull();
    const ineligible = referralFee(referral, partner(), wonOpportunity("2026-05-20T00:00:00Z", { netArr: null }), { referralRate: 0.1 });
    expect(toRebateAccrual(source, ineligible, payoutStatus({ partnerId: "P1", rebate: ineligible, banking: null, paidAt: null, now: at("2026-06-01T00:00:00Z"), config }))).toBeNull();
  });
});
