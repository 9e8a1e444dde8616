import { describe, expect, it } from "vitest";
import type { DealRegistration, Opportunity, Partner } from "../../src/domain/index.js";
import { servicesAttachRebate, servicesAttachWindowStart } from "../../src/rules/services-attach.js";
import { at, opportunity, partner, registration, wonOpportunity } from "./fixtures/entities.js";

const config = { servicesAttachRate: 0.06 };
const sa = (o: Partial<DealRegistration> = {}): DealRegistration =>
  registration({
    id: "SA1",
    program: "Service Attached Registration",
    dealType: null,
    opportunityId: null,
    linkedRegistrationId: "R1",
    submittedAt: at("2026-08-31T15:00:00.000Z"),
    poeStatus: "Approved",
    poeApprovedAt: at("2026-09-10T00:00:00.000Z"),
    ...o,
  });
const sale = (o: Partial<Opportunity> = {}) => wonOpportunity("2026-05-01T00:00:00.000Z", { netArr: { amountMinor: 5_000_050, currency: "EUR" }, ...o });
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe("SA-5 window: six calendar months back from submission (Interpretation)", () => {
  it.each([
    ["2026-08-31T15:00:00.000Z", "2026-02-28T00:00:00.000Z"], // Aug 31 → Feb 28
    ["2028-08-31T15:00:00.000Z", "2028-02-29T00:00:00.000Z"], // leap year → Feb 29
    ["2026-03-15T00:00:00.000Z", "2025-09-15T00:00:00.000Z"], // across a year boundary
    ["2026-12-31T23:59:59.999Z", "2026-06-30T00:00:00.000Z"], // Jun has no 31st
  ])("submitted %s → window starts %s", (submitted, start) => {
    expect(servicesAttachWindowStart(at(submitted)).toISOString()).toBe(start);
  });

  it.each([
    ["on the window's first day (00:00Z)", "2026-02-28T00:00:00.000Z", "ELIGIBLE", []],
    ["1 ms before the window", "2026-02-27T23:59:59.999Z", "INELIGIBLE", ["LINKED_SALE_TOO_OLD"]],
    ["after the submission (sale closed later)", "2026-09-05T00:00:00.000Z", "ELIGIBLE", []],
  ])("linked sale closed %s → %s", (_label, closeIso, outcome, reasonCodes) => {
    const d = servicesAttachRebate(sa(), partner(), sale({ closeDate: at(closeIso) }), config);
    expect([d.outcome, codes(d)]).toEqual([outcome, reasonCodes]);
  });

  it("a linked sale not won → LINKED_SALE_NOT_WON", () => {
    expect(codes(servicesAttachRebate(sa(), partner(), opportunity(), config))).toEqual(["LINKED_SALE_NOT_WON"]);
    expect(codes(servicesAttachRebate(sa(), partner(), opportunity({ isClosed: true, isWon: false }), config))).toEqual(["LINKED_SALE_NOT_WON"]);
  });
});

describe("SA-5 amount: configured rate × net ARR of the linked sale", () => {
  it("rounds half away from zero in the sale's currency and is earned at POE approval (PAY-1)", () => {
    const d = servicesAttachRebate(sa(), partner(), sale(), config);
    expect(d.outcome).toBe("ELIGIBLE");
    expect(d.amount).toEqual({ amountMinor: 300_003, currency: "EUR" }); // 5,000,050 × 0.06 = 300,003
    expect(d.earnedAt?.toISOString()).toBe("2026-09-10T00:00:00.000Z");
  });

  it("no net ARR → NET_ARR_MISSING", () => {
    expect(codes(servicesAttachRebate(sa(), partner(), sale({ netArr: null }), config))).toEqual(["NET_ARR_MISSING"]);
  });
});

describe("SA-1..4 eligibility", () => {
  it.each<[string, DealRegistration, Partner, Opportunity | null, string, string[]]>([
    ["unlinked", sa({ linkedRegistrationId: null, linkedOpportunityId: null }), partner(), null, "INELIGIBLE", ["SA_NOT_LINKED"]],
    ["linked but the sale was not found", sa(), partner(), null, "INELIGIBLE", ["LINKED_SALE_MISSING"]],
    ["linked directly to an opportunity", sa({ linkedRegistrationId: null, linkedOpportunityId: "O1" }), partner(), sale(), "ELIGIBLE", []],
    ["not a services-attach registration", sa({ program: "Deal Registration" }), partner(), sale(), "INELIGIBLE", ["NOT_SERVICES_ATTACH"]],
    ["POE submitted, not approved", sa({ poeStatus: "Submitted", poeApprovedAt: null }), partner(), sale(), "BLOCKED", ["POE_NOT_APPROVED"]],
    ["POE rejected", sa({ poeStatus: "Rejected", poeApprovedAt: null }), partner(), sale(), "BLOCKED", ["POE_NOT_APPROVED"]],
    ["no PS designation", sa(), partner({ psDesignation: false }), sale(), "INELIGIBLE", ["NOT_PS_PARTNER"]],
    ["Premium", sa(), partner(), sale({ tier: "Premium" }), "ELIGIBLE", []],
    ["Starter", sa(), partner(), sale({ tier: "Starter" }), "INELIGIBLE", ["TIER_NOT_ELIGIBLE"]],
    ["Bronze", sa(), partner(), sale({ tier: "Bronze" }), "INELIGIBLE", ["TIER_NOT_ELIGIBLE"]],
    ["sale without tier falls back to the registration's", sa({ tier: "Premium" }), partner(), sale({ tier: null }), "ELIGIBLE", []],
    ["no tier anywhere", sa({ tier: null }), partner(), sale({ tier: null }), "INELIGIBLE", ["TIER_NOT_ELIGIBLE"]],
    ["unsigned partner (ELIG-1)", sa(), partner({ agreementSigned: false }), sale(), "INELIGIBLE", ["NOT_AUTHORIZED"]],
    ["ineligible and blocked: ineligible wins, both reported", sa({ poeStatus: "None", poeApprovedAt: null }), partner({ psDesignation: false }), sale(), "INELIGIBLE", ["NOT_PS_PARTNER", "POE_NOT_APPROVED"]],
  ])("%s → %s", (_label, reg, p, linked, outcome, reasonCodes) => {
    const d = servicesAttachRebate(reg, p, linked, config);
    expect([d.outcome, codes(d)]).toEqual([outcome, reasonCodes]);
  });

  it("a BLOCKED rebate keeps its amount (finance sees what waits) but is not yet earned", () => {
    const d = servicesAttachRebate(sa({ poeStatus: "Submitted", poeApprovedAt: null }), partner(), sale(), config);
    expect(d.amount?.amountMinor).toBe(300_003);
    expect(d.earnedAt).toBeNull();
  });
});
