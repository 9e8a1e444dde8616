import { describe, expect, it } from "vitest";
import type { DealRegistration, Opportunity, Partner } from "../../src/domain/index.js";
import { firstOrderIncentive } from "../../src/rules/first-order-incentive.js";
import { at, opportunity, partner, registration, wonOpportunity } from "./fixtures/entities.js";

const config = { firstOrderRate: 0.05 };
const holder = (o: Partial<DealRegistration> = {}) => registration({ status: "Approved", originalApprovedAt: at("2026-04-01T00:00:00Z"), ...o });
const won = (o: Partial<Opportunity> = {}) => wonOpportunity("2026-07-31T23:59:59.999Z", o);
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe("FOI-1..3 first order incentive", () => {
  it.each<[string, DealRegistration | null, Partner, Opportunity, string, string[]]>([
    ["Select partner, partner-sourced, new logo on target list, won", holder(), partner(), won(), "ELIGIBLE", []],
    ["FOI-1 no approved registration", null, partner(), won(), "INELIGIBLE", ["NOT_PARTNER_SOURCED"]],
    ["FOI-1 another partner's registration", holder({ partnerId: "P2" }), partner(), won(), "INELIGIBLE", ["NOT_PARTNER_SOURCED"]],
    ["FOI-1 registration not Approved", holder({ status: "Expired" }), partner(), won(), "INELIGIBLE", ["NOT_PARTNER_SOURCED"]],
    ["FOI-1 registration of another opportunity", holder({ opportunityId: "O2" }), partner(), won(), "INELIGIBLE", ["NOT_PARTNER_SOURCED"]],
    ["FOI-1 customer not new", holder(), partner(), won({ newLogo: false }), "INELIGIBLE", ["NOT_NEW_CUSTOMER"]],
    ["FOI-2 not on the target list", holder(), partner(), won({ firstOrderTargetList: false }), "INELIGIBLE", ["NOT_ON_TARGET_LIST"]],
    ["FOI-3 Open partner", holder(), partner({ track: "Open" }), won(), "INELIGIBLE", ["NOT_SELECT_PARTNER"]],
    ["not closed yet", holder(), partner(), opportunity(), "PENDING", ["NOT_CLOSED_WON"]],
    ["closed lost", holder(), partner(), opportunity({ isClosed: true, isWon: false }), "INELIGIBLE", ["OPPORTUNITY_LOST"]],
    ["won without a close date", holder(), partner(), won({ closeDate: null }), "INELIGIBLE", ["CLOSE_DATE_MISSING"]],
    ["no net ARR", holder(), partner(), won({ netArr: null }), "INELIGIBLE", ["NET_ARR_MISSING"]],
    ["ELIG-1 unsigned", holder(), partner({ agreementSigned: false }), won(), "INELIGIBLE", ["NOT_AUTHORIZED"]],
  ])("%s → %s", (_label, reg, p, opp, outcome, reasonCodes) => {
    const d = firstOrderIncentive(reg, p, opp, config);
    expect([d.outcome, codes(d)]).toEqual([outcome, reasonCodes]);
  });

  it("amount is the configured rate × net ARR, earned at close", () => {
    const d = firstOrderIncentive(holder(), partner(), won(), config);
    expect(d.amount).toEqual({ amountMinor: 500_000, currency: "USD" });
    expect(d.earnedAt?.toISOString()).toBe("2026-07-31T23:59:59.999Z");
  });
});
