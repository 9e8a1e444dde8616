import { describe, expect, it } from "vitest";
import type { LicenseTier } from "../../src/domain/license-tier.js";
import type { Opportunity } from "../../src/domain/opportunity.js";
import {
  addedLicensesDiscount,
  incumbency,
  incumbentOf,
  renewalDiscountPlan,
  renewedLicensesDiscount,
  tierUpgrade,
} from "../../src/rules/renewals.js";
import { defaultRulesConfig } from "../../src/rules/rules-config.schema.js";
import { opportunity, partner } from "./fixtures/entities.js";

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
const renewal = (previousTier: LicenseTier | null, tier: LicenseTier | null, o: Partial<Opportunity> = {}) =>
  opportunity({ type: "Renewal", previousTier, tier, incumbentPartnerId: "P1", ...o });
const rates = defaultRulesConfig.discountRates;

describe("REN-1 same-tier renewals earn the renewal discount, except Starter/Bronze", () => {
  it.each([
    ["Premium", "Premium", "renewal", "SAME_TIER_RENEWAL"],
    ["Ultimate", "Ultimate", "renewal", "SAME_TIER_RENEWAL"],
    ["Starter", "Starter", "none", "NO_DISCOUNT_STARTER_BRONZE"],
    ["Bronze", "Bronze", "none", "NO_DISCOUNT_STARTER_BRONZE"],
    ["Starter", "Bronze", "none", "NO_DISCOUNT_STARTER_BRONZE"],
    ["Free", "Free", "none", "NO_DISCOUNT_STARTER_BRONZE"],
    ["Premium", "Ultimate", "not-same-tier", "NOT_SAME_TIER"],
    ["Ultimate", "Premium", "not-same-tier", "NOT_SAME_TIER"],
    [null, "Premium", "not-checkable", "TIER_UNKNOWN"],
    ["Premium", null, "not-checkable", "TIER_UNKNOWN"],
  ] as const)("%s → %s: %s", (previous, tier, outcome, code) => {
    const d = renewedLicensesDiscount(renewal(previous, tier));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.reasons[0]?.rule).toBe("REN-1");
  });
});

describe("REN-2 licenses added at renewal get the partner-sourced discount", () => {
  it.each([
    [5, "partner-sourced", "ADDED_LICENSES_PARTNER_SOURCED"],
    [0, "none", "NO_ADDED_LICENSES"],
    [null, "not-checkable", "ADDED_SEATS_UNKNOWN"],
  ] as const)("%s added → %s", (seats, outcome, code) => {
    const d = addedLicensesDiscount("O1", seats);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("REN-3 a tier upgrade makes the whole deal partner-sourced", () => {
  it.each([
    ["Premium", "Ultimate", "whole-deal-partner-sourced", "TIER_UPGRADE"],
    ["Bronze", "Premium", "whole-deal-partner-sourced", "TIER_UPGRADE"],
    ["Premium", "Premium", "no-upgrade", "NO_TIER_UPGRADE"],
    ["Ultimate", "Premium", "no-upgrade", "NO_TIER_UPGRADE"],
    [null, "Ultimate", "not-checkable", "TIER_UNKNOWN"],
  ] as const)("%s → %s: %s", (previous, tier, outcome, code) => {
    const d = tierUpgrade(renewal(previous, tier));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("REN-4 incumbent = reseller of the customer's most recent purchase", () => {
  const now = new Date("2026-06-01T00:00:00.000Z");
  const p = (id: string, closeDate: string | null, resoldByPartnerId: string | null, isWon = true) => ({
    id, isWon, resoldByPartnerId, closeDate: closeDate === null ? null : new Date(closeDate),
  });
  it.each([
    ["the latest of several purchases", [p("a", "2024-01-01T00:00:00Z", "P2"), p("b", "2025-01-01T00:00:00Z", "P1")], "incumbent", "P1", "INCUMBENT"],
    ["a later lost opportunity does not count", [p("a", "2025-01-01T00:00:00Z", "P1"), p("b", "2026-01-01T00:00:00Z", "P2", false)], "incumbent", "P1", "INCUMBENT"],
    ["a purchase closing at now counts", [p("a", "2025-01-01T00:00:00Z", "P1"), p("b", "2026-06-01T00:00:00Z", "P2")], "incumbent", "P2", "INCUMBENT"],
    ["a purchase closing 1 ms after now does not", [p("a", "2025-01-01T00:00:00Z", "P1"), p("b", "2026-06-01T00:00:00.001Z", "P2")], "incumbent", "P1", "INCUMBENT"],
    ["most recent bought direct", [p("a", "2024-01-01T00:00:00Z", "P1"), p("b", "2025-01-01T00:00:00Z", null)], "none", null, "MOST_RECENT_PURCHASE_DIRECT"],
    ["no purchase", [], "none", null, "NO_PRIOR_PURCHASE"],
    ["two resellers at the same instant", [p("a", "2025-01-01T00:00:00Z", "P1"), p("b", "2025-01-01T00:00:00Z", "P2")], "not-checkable", null, "INCUMBENT_AMBIGUOUS"],
    ["two purchases of one reseller at the same instant", [p("a", "2025-01-01T00:00:00Z", "P1"), p("b", "2025-01-01T00:00:00Z", "P1")], "incumbent", "P1", "INCUMBENT"],
    ["a won purchase without close date", [p("a", "2025-01-01T00:00:00Z", "P1"), p("b", null, "P2")], "not-checkable", null, "PURCHASE_DATE_MISSING"],
  ] as const)("%s", (_name, purchases, outcome, partnerId, code) => {
    const d = incumbentOf(purchases, now);
    expect([d.outcome, d.partnerId, ...codes(d)]).toEqual([outcome, partnerId, code]);
  });

  it.each([
    ["the compliant incumbent", partner(), renewal("Premium", "Premium"), "incumbent", "INCUMBENT"],
    ["no incumbent", partner(), renewal("Premium", "Premium", { incumbentPartnerId: null }), "not-incumbent", "NO_INCUMBENT"],
    ["another partner is the incumbent", partner(), renewal("Premium", "Premium", { incumbentPartnerId: "P9" }), "not-incumbent", "NOT_THE_INCUMBENT"],
    ["the incumbent is non-compliant", partner({ compliant: false }), renewal("Premium", "Premium"), "not-incumbent", "INCUMBENT_NOT_COMPLIANT"],
    ["the customer asked in writing for another partner", partner(), renewal("Premium", "Premium", { customerRequestedOtherPartner: true }), "not-incumbent", "CUSTOMER_CHOSE_OTHER_PARTNER"],
  ] as const)("%s → %s", (_name, pa, opp, outcome, code) => {
    const d = incumbency(pa, opp);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("REN-1..4 discount plan with configured rates", () => {
  const select = partner({ track: "Select" });
  const open = partner({ track: "Open" });
  it.each([
    ["Select incumbent, same tier, 5 added", select, renewal("Premium", "Premium"), 5, "priced",
      [{ portion: "renewed", type: "incumbent", rate: 0.15 }, { portion: "added", type: "partnerSourced", rate: 0.25 }]],
    ["Open incumbent, same tier, none added", open, renewal("Ultimate", "Ultimate"), 0, "priced",
      [{ portion: "renewed", type: "incumbent", rate: 0.1 }]],
    ["Select non-incumbent (customer asked for it), same tier", partner({ id: "P2" }), renewal("Premium", "Premium", { customerRequestedOtherPartner: true }), 0, "priced",
      [{ portion: "renewed", type: "renewal", rate: 0.1 }]],
    ["Select incumbent, Bronze renewal with 3 added", select, renewal("Bronze", "Bronze"), 3, "priced",
      [{ portion: "renewed", type: "none", rate: 0 }, { portion: "added", type: "partnerSourced", rate: 0.25 }]],
    ["Select incumbent, upgrade Premium → Ultimate", select, renewal("Premium", "Ultimate"), 10, "priced",
      [{ portion: "whole-deal", type: "partnerSourced", rate: 0.25 }]],
    ["downgrade", select, renewal("Ultimate", "Premium"), 0, "manual-review", []],
    ["tier unknown", select, renewal(null, "Premium"), 0, "not-checkable", []],
    ["added seats unknown", select, renewal("Premium", "Premium"), null, "not-checkable", [{ portion: "renewed", type: "incumbent", rate: 0.15 }]],
    ["Distributor track", partner({ track: "Distributor" }), renewal("Premium", "Premium"), 0, "not-applicable", []],
  ] as const)("%s → %s", (_name, pa, opp, added, outcome, lines) => {
    const d = renewalDiscountPlan(pa, opp, added, rates);
    expect(d.outcome).toBe(outcome);
    expect(d.lines).toEqual(lines);
  });

  it("explains a downgrade and a track without discounts with their codes", () => {
    expect(codes(renewalDiscountPlan(select, renewal("Ultimate", "Premium"), 0, rates))).toEqual(["TIER_DOWNGRADE"]);
    expect(codes(renewalDiscountPlan(partner({ track: "Alliance" }), renewal("Premium", "Premium"), 0, rates))).toEqual(["TRACK_HAS_NO_DISCOUNTS"]);
  });

  it("carries the REN-1, REN-4 and REN-2 reasons of a priced renewal", () => {
    const d = renewalDiscountPlan(select, renewal("Premium", "Premium"), 5, rates);
    expect(d.reasons.map((r) => `${r.rule}:${r.code}`)).toEqual(["REN-1:SAME_TIER_RENEWAL", "REN-4:INCUMBENT", "REN-2:ADDED_LICENSES_PARTNER_SOURCED"]);
  });

  it("reads rates from config, not code", () => {
    const custom = { ...rates, Select: { ...rates.Select, incumbent: 0.33 } };
    expect(renewalDiscountPlan(select, renewal("Premium", "Premium"), 0, custom).lines[0]?.rate).toBe(0.33);
  });
});
