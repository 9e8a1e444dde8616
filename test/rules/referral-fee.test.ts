import { describe, expect, it } from "vitest";
import type { DealRegistration, Opportunity, Partner } from "../../src/domain/index.js";
import { referralFee } from "../../src/rules/referral-fee.js";
import { at, opportunity, partner, registration, wonOpportunity } from "./fixtures/entities.js";

const config = { referralRate: 0.1 };
const referral = (o: Partial<DealRegistration> = {}) =>
  registration({ dealType: "Referral", status: "Approved", originalApprovedAt: at("2026-04-01T00:00:00Z"), ...o });
const won = (o: Partial<Opportunity> = {}) => wonOpportunity("2026-05-20T00:00:00.000Z", { netArr: { amountMinor: 12_345, currency: "USD" }, ...o });
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe("REF-1..4 referral fee", () => {
  it.each<[string, DealRegistration, Partner, Opportunity, string, string[]]>([
    ["approved referral, new logo, closed won", referral(), partner(), won(), "ELIGIBLE", []],
    ["REF-1 referral still Submitted", referral({ status: "Submitted" }), partner(), won(), "INELIGIBLE", ["REFERRAL_NOT_APPROVED"]],
    ["REF-1 referral Expired", referral({ status: "Expired" }), partner(), won(), "INELIGIBLE", ["REFERRAL_NOT_APPROVED"]],
    ["REF-1 approved Resale, not Referral", referral({ dealType: "Resale" }), partner(), won(), "INELIGIBLE", ["REFERRAL_NOT_APPROVED"]],
    ["REF-2 customer not new", referral(), partner(), won({ newLogo: false }), "INELIGIBLE", ["NOT_NEW_OPPORTUNITY"]],
    ["REF-2 resold by a partner", referral(), partner(), won({ resoldByPartnerId: "P9" }), "INELIGIBLE", ["RESOLD_BY_PARTNER"]],
    ["REF-3 through a cloud marketplace still qualifies", referral(), partner(), won({ marketplace: "AWS" }), "ELIGIBLE", ["MARKETPLACE_QUALIFIES"]],
    ["REF-4 not closed yet", referral(), partner(), opportunity({ netArr: { amountMinor: 12_345, currency: "USD" } }), "PENDING", ["NOT_CLOSED_WON"]],
    ["REF-4 closed lost", referral(), partner(), opportunity({ isClosed: true, isWon: false }), "INELIGIBLE", ["OPPORTUNITY_LOST"]],
    ["REF-4 won without close date", referral(), partner(), won({ closeDate: null }), "INELIGIBLE", ["CLOSE_DATE_MISSING"]],
    ["no net ARR", referral(), partner(), won({ netArr: null }), "INELIGIBLE", ["NET_ARR_MISSING"]],
    ["ELIG-1 unsigned partner", referral(), partner({ agreementSigned: false }), won(), "INELIGIBLE", ["NOT_AUTHORIZED"]],
  ])("%s → %s", (_label, reg, p, opp, outcome, reasonCodes) => {
    const d = referralFee(reg, p, opp, config);
    expect([d.outcome, codes(d)]).toEqual([outcome, reasonCodes]);
  });

  it("accrues rate × net ARR, earned at close", () => {
    const d = referralFee(referral(), partner(), won(), config);
    expect(d.amount).toEqual({ amountMinor: 1_235, currency: "USD" }); // 1,234.5 → 1,235
    expect(d.earnedAt?.toISOString()).toBe("2026-05-20T00:00:00.000Z");
  });

  it("a pending fee shows its expected amount but no earned instant", () => {
    const d = referralFee(referral(), partner(), opportunity({ netArr: { amountMinor: 1_000, currency: "USD" } }), config);
    expect([d.amount?.amountMinor, d.earnedAt]).toEqual([100, null]);
  });
});
