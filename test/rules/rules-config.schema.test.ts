import { describe, expect, it } from "vitest";
import { defaultRulesConfig, rulesConfigSchema, type RulesConfigInput } from "../../src/rules/rules-config.schema.js";

const minimal = (): RulesConfigInput => ({
  discountRates: {
    Open: { partnerSourced: 0.1, coSell: 0.05, incumbent: 0.08, renewal: 0.04 },
    Select: { partnerSourced: 0.2, coSell: 0.1, incumbent: 0.12, renewal: 0.08 },
  },
  servicesAttachRate: 0.05,
  referralRate: 0.1,
  firstOrderRate: 0.05,
  distributors: { byRegion: {}, byCountry: {}, publicSectorByCountry: {}, apacCountries: [] },
});

describe("rules config schema", () => {
  it("fills the defaults program-rules.md names: February fiscal year, recall phase 3, no holidays, empty FX", () => {
    const parsed = rulesConfigSchema.parse(minimal());
    expect(parsed.fiscalYearStartMonth).toBe(2);
    expect(parsed.activeRecallPhase).toBe(3);
    expect(parsed.holidays).toEqual([]);
    expect(parsed.fxToUsd).toEqual({});
  });

  it("takes the LEAD-4 recall owner as a Salesforce user or queue id, unset by default", () => {
    expect(rulesConfigSchema.parse(minimal()).leadRecallOwnerId).toBeUndefined();
    expect(rulesConfigSchema.parse({ ...minimal(), leadRecallOwnerId: "0055g000000000CAAQ" }).leadRecallOwnerId).toBe("0055g000000000CAAQ");
  });

  it("defaults an FX entry's minor unit exponent to 2", () => {
    const parsed = rulesConfigSchema.parse({ ...minimal(), fxToUsd: { EUR: { usdPerUnit: 1.1 } } });
    expect(parsed.fxToUsd.EUR).toEqual({ usdPerUnit: 1.1, minorUnitExponent: 2 });
  });

  it("parses the shipped example", () => {
    expect(rulesConfigSchema.parse(defaultRulesConfig)).toEqual(defaultRulesConfig);
    expect(defaultRulesConfig.distributors.byCountry.IN).toEqual(["TD Synnex", "Redington"]);
  });

  it.each<[string, (c: Record<string, unknown>) => void, string]>([
    ["an unknown top-level key", (c) => { c.referalRate = 0.1; }, "referalRate"],
    ["an unknown key in a track's rates", (c) => { (c.discountRates as { Open: Record<string, unknown> }).Open.cosell = 0.1; }, "cosell"],
    ["a track that carries no discounts", (c) => { (c.discountRates as Record<string, unknown>).Distributor = {}; }, "Distributor"],
    ["a rate above 1", (c) => { c.referralRate = 10; }, "referralRate"],
    ["a negative rate", (c) => { c.firstOrderRate = -0.1; }, "firstOrderRate"],
    ["fiscal start month 13", (c) => { c.fiscalYearStartMonth = 13; }, "fiscalYearStartMonth"],
    ["recall phase 4", (c) => { c.activeRecallPhase = 4; }, "activeRecallPhase"],
    ["a recall owner that is not a Salesforce id", (c) => { c.leadRecallOwnerId = "lead queue"; }, "leadRecallOwnerId"],
    ["a holiday that is not a calendar day", (c) => { c.holidays = ["2026-02-30"]; }, "holidays"],
    ["a lower-case currency", (c) => { c.fxToUsd = { eur: { usdPerUnit: 1.1 } }; }, "fxToUsd"],
    ["a zero FX rate", (c) => { c.fxToUsd = { EUR: { usdPerUnit: 0 } }; }, "fxToUsd"],
    ["a country name instead of a code", (c) => { c.distributors = { ...(c.distributors as object), apacCountries: ["Australia"] }; }, "apacCountries"],
  ])("refuses %s", (_label, mutate, pathPart) => {
    const config = structuredClone(minimal()) as Record<string, unknown>;
    mutate(config);
    const result = rulesConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    const where = result.error!.issues.map((i) => [...i.path, ...("keys" in i ? i.keys : [])].join(".")).join(" ");
    expect(where).toContain(pathPart);
  });
});
