import { describe, expect, it } from "vitest";
import type { DealRegistration, Opportunity, Partner } from "../../src/domain/index.js";
import { discountFor, discountRate, discountTerms } from "../../src/rules/discount-type.js";
import type { RulesConfig } from "../../src/rules/rules-config.schema.js";
import { mayRegisterDeals } from "../../src/rules/standing.js";
import { at, opportunity, partner, registration } from "./fixtures/entities.js";

const config: Pick<RulesConfig, "discountRates"> = {
  discountRates: {
    Open: { partnerSourced: 0.11, coSell: 0.05, incumbent: 0.07, renewal: 0.03 },
    Select: { partnerSourced: 0.21, coSell: 0.09, incumbent: 0.13, renewal: 0.06 },
  },
};
const now = at("2026-06-01T00:00:00Z");
const holderOf = (partnerId: string): DealRegistration =>
  registration({ id: `R-${partnerId}`, partnerId, status: "Approved", originalApprovedAt: at("2026-05-01T00:00:00Z") });
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe("DISC-1 partner-sourced and DISC-2 co-sell", () => {
  it.each<[string, Partner, Opportunity, DealRegistration | null, string, number | null, string[]]>([
    ["Select holder of the approved registration", partner(), opportunity(), holderOf("P1"), "partnerSourced", 0.21, ["PARTNER_SOURCED", "CONFIGURED_RATE"]],
    ["Open holder of the approved registration", partner({ track: "Open" }), opportunity(), holderOf("P1"), "partnerSourced", 0.11, ["PARTNER_SOURCED", "CONFIGURED_RATE"]],
    ["quoting an opportunity registered by another (DR-3)", partner(), opportunity(), holderOf("P2"), "coSell", 0.09, ["REGISTERED_BY_ANOTHER_PARTNER", "CONFIGURED_RATE"]],
    ["attached by the vendor's sales team, no registration", partner({ track: "Open" }), opportunity({ source: "Vendor", coSellPartnerIds: ["P1"] }), null, "coSell", 0.05, ["VENDOR_ATTACHED", "CONFIGURED_RATE"]],
    ["neither registered nor attached", partner(), opportunity({ source: "Vendor" }), null, "none", null, ["NO_APPROVED_REGISTRATION"]],
    ["add-on sale with the approved registration (DR-9: add-ons qualify)", partner(), opportunity({ type: "Add-On" }), holderOf("P1"), "partnerSourced", 0.21, ["PARTNER_SOURCED", "CONFIGURED_RATE"]],
  ])("%s → %s %s", (_label, p, opp, holder, outcome, rate, reasonCodes) => {
    const d = discountFor(p, opp, holder, config, now);
    expect([d.outcome, d.rate, codes(d)]).toEqual([outcome, rate, reasonCodes]);
  });

  it("leaves renewals to the REN rules", () => {
    const d = discountFor(partner(), opportunity({ type: "Renewal" }), holderOf("P1"), config, now);
    expect([d.outcome, d.rate, codes(d)]).toEqual(["renewal-rules", null, ["RENEWAL_RULES_APPLY"]]);
  });

  it.each([
    ["unsigned (ELIG-1)", partner({ agreementSigned: false }), "NOT_AUTHORIZED"],
    ["untrained (ELIG-2)", partner({ people: [] }), "NO_FOUNDATIONS_TRAINING"],
  ])("an %s partner gets no discount", (_label, p, code) => {
    const d = discountFor(p, opportunity(), holderOf("P1"), config, now);
    expect([d.outcome, d.rate, codes(d)]).toEqual(["none", null, [code]]);
  });

  it("refuses a registration that is not Approved as the holder (caller bug, not data)", () => {
    expect(() => discountFor(partner(), opportunity(), registration({ status: "Submitted" }), config, now)).toThrow(TypeError);
  });
});

describe("DISC-4 rates come from configuration; a manual override stored with the deal replaces them", () => {
  it("reads the rate by track and type", () => {
    expect(discountRate(partner({ track: "Open" }), "incumbent", config).rate).toBe(0.07);
    expect(discountRate(partner({ track: "Select" }), "renewal", config).rate).toBe(0.06);
  });

  it.each(["Distributor", "Alliance", "Unassigned"] as const)("track %s has no rate", (track) => {
    const d = discountRate(partner({ track }), "partnerSourced", config);
    expect([d.outcome, d.rate, codes(d)]).toEqual(["none", null, ["NO_RATE_FOR_TRACK"]]);
  });

  it("applies the negotiated rate of a deeply discounted large deal", () => {
    const d = discountFor(partner(), opportunity({ discountOverrideRate: 0.12 }), holderOf("P1"), config, now);
    expect([d.outcome, d.rate, codes(d)]).toEqual(["partnerSourced", 0.12, ["PARTNER_SOURCED", "CONFIGURED_RATE", "MANUAL_OVERRIDE"]]);
  });

  it("an override does not create a discount where none applies", () => {
    const d = discountFor(partner(), opportunity({ discountOverrideRate: 0.12 }), null, config, now);
    expect([d.outcome, d.rate]).toEqual(["none", null]);
  });
});

describe("discountTerms gives discountFor's outcome and rate without its reasons", () => {
  const partners: [string, Partner][] = [
    ["Select", partner()],
    ["Open", partner({ track: "Open" })],
    ["Distributor", partner({ track: "Distributor" })],
    ["unsigned", partner({ agreementSigned: false })],
    ["untrained", partner({ people: [] })],
  ];
  const opportunities: [string, Opportunity][] = [
    ["new business", opportunity()],
    ["vendor-sourced", opportunity({ source: "Vendor" })],
    ["vendor-attached", opportunity({ source: "Vendor", coSellPartnerIds: ["P1"] })],
    ["negotiated rate", opportunity({ discountOverrideRate: 0.12 })],
    ["attached with a negotiated rate", opportunity({ source: "Vendor", coSellPartnerIds: ["P1"], discountOverrideRate: 0.04 })],
    ["renewal", opportunity({ type: "Renewal" })],
  ];
  const holders: [string, DealRegistration | null][] = [["held by the partner", holderOf("P1")], ["held by another", holderOf("P2")], ["not held", null]];
  const cases = partners.flatMap(([p, pv]) => opportunities.flatMap(([o, ov]) => holders.map(([h, hv]) => [`${p} partner, ${o}, ${h}`, pv, ov, hv] as const)));

  it.each(cases)("%s", (_label, p, opp, holder) => {
    const d = discountFor(p, opp, holder, config, now);
    expect(discountTerms(p, opp, holder, config, mayRegisterDeals(p, now).outcome)).toEqual({ outcome: d.outcome, rate: d.rate });
  });

  it("refuses a registration that is not Approved as the holder, as discountFor does", () => {
    expect(() => discountTerms(partner(), opportunity(), registration({ status: "Submitted" }), config, "ELIGIBLE")).toThrow(TypeError);
  });
});
