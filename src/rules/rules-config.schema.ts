// The `rules` section of the config: every number the handbook leaves to the private incentive guide
// (program-rules.md: "the number is configuration, never a constant in code"), plus the fiscal
// calendar, holidays, distributor table and FX table. Strict objects: a typo is a config error, not a
// silently ignored key. Rules receive the parsed value as an argument; they never import the defaults.
import { z } from "zod";
import { DEFAULT_FISCAL_YEAR_START_MONTH } from "./fiscal-calendar.js";

/** A fraction of list price or net ARR: 0.2 = 20 %. */
const rate = z.number().min(0).max(1);

const countryCode = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2, upper case (e.g. \"DE\")");
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code, upper case (e.g. \"EUR\")");

const isoDay = z.iso.date({ message: "a calendar day as YYYY-MM-DD" });

/** DISC-4: one rate per discount type for a track. */
const discountRatesOfTrack = z.strictObject({
  partnerSourced: rate,
  coSell: rate,
  incumbent: rate,
  renewal: rate,
});

/** Only the tracks that transact carry discounts; a partner of another track gets none. */
const discountRates = z.strictObject({
  Open: discountRatesOfTrack,
  Select: discountRatesOfTrack,
});

const distributorNames = z.array(z.string().min(1)).min(1);

/**
 * Q-2 distributor table. Lookup order (quote-to-order.ts): public sector by country, then country,
 * then region — where the APAC region entry applies only to `apacCountries`.
 */
const distributors = z.strictObject({
  byRegion: z.record(z.string().min(1), distributorNames),
  byCountry: z.record(countryCode, distributorNames),
  publicSectorByCountry: z.record(countryCode, distributorNames),
  apacCountries: z.array(countryCode),
});

/**
 * PAY-5: how many US dollars one major unit of the currency buys, and the currency's ISO 4217 minor
 * unit exponent (2 for EUR, 0 for JPY) so integer minor amounts convert exactly. USD needs no entry.
 */
const fxRate = z.strictObject({
  usdPerUnit: z.number().positive(),
  minorUnitExponent: z.number().int().min(0).max(4).default(2),
});

export const rulesConfigSchema = z.strictObject({
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(DEFAULT_FISCAL_YEAR_START_MONTH),
  /** Non-business days (NFR-6) besides weekends, as UTC calendar days. */
  holidays: z.array(isoDay).default([]),
  discountRates,
  servicesAttachRate: rate,
  referralRate: rate,
  firstOrderRate: rate,
  distributors,
  /** LEAD-3: the recall phase in force; 3 is the final one. */
  activeRecallPhase: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(3),
  /** LEAD-4: the vendor user or queue (Salesforce id) recalled leads go back to; unset = recalled without an owner change, reported not checkable. */
  leadRecallOwnerId: z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, "a Salesforce user or queue id (15 or 18 characters)").optional(),
  fxToUsd: z.record(currencyCode, fxRate).default({}),
});

export type RulesConfig = z.infer<typeof rulesConfigSchema>;
export type RulesConfigInput = z.input<typeof rulesConfigSchema>;
export type DiscountRatesOfTrack = z.infer<typeof discountRatesOfTrack>;
export type FxTable = RulesConfig["fxToUsd"];

/**
 * A realistic example (config/ may ship it as the default file). Illustrative rates only: the real ones
 * live in the vendor's private incentive guide.
 */
export const defaultRulesConfig: RulesConfig = rulesConfigSchema.parse({
  fiscalYearStartMonth: 2,
  holidays: ["2026-01-01", "2026-05-25", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"],
  discountRates: {
    Open: { partnerSourced: 0.15, coSell: 0.05, incumbent: 0.1, renewal: 0.05 },
    Select: { partnerSourced: 0.25, coSell: 0.1, incumbent: 0.15, renewal: 0.1 },
  },
  servicesAttachRate: 0.06,
  referralRate: 0.1,
  firstOrderRate: 0.05,
  distributors: {
    byRegion: { EMEA: ["Amazic"], APAC: ["TD Synnex"] },
    byCountry: { IN: ["TD Synnex", "Redington"], JP: ["TD Synnex", "Networld"] },
    publicSectorByCountry: { US: ["Carahsoft"] },
    apacCountries: ["AU", "NZ", "SG", "MY", "TH", "ID", "PH", "VN", "HK", "TW", "KR"],
  },
  activeRecallPhase: 3,
  fxToUsd: {
    EUR: { usdPerUnit: 1.08, minorUnitExponent: 2 },
    GBP: { usdPerUnit: 1.27, minorUnitExponent: 2 },
    JPY: { usdPerUnit: 0.0067, minorUnitExponent: 0 },
    INR: { usdPerUnit: 0.012, minorUnitExponent: 2 },
    AUD: { usdPerUnit: 0.66, minorUnitExponent: 2 },
  },
});
