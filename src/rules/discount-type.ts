// Which program discount a partner gets on a deal, and at what rate (program-rules.md DISC-1..4).
// Renewal opportunities are decided by the REN rules (renewals.ts), which use `discountRate` for the
// incumbent and renewal rates.
import type { DealRegistration } from "../domain/deal-registration.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { reason, type Decision, type Reason } from "./decision.js";
import type { DiscountRatesOfTrack, RulesConfig } from "./rules-config.schema.js";
import { mayRegisterDeals, type StandingOutcome } from "./standing.js";

export type DiscountType = keyof DiscountRatesOfTrack;

export interface DiscountDecision extends Decision<DiscountType | "none" | "renewal-rules"> {
  /** Fraction off list price; null when no discount applies. */
  rate: number | null;
}

// DISC-4 Rates — handbook "Discounts and Referral Fees": rates by track and type are configuration
export function discountRate(partner: Partner, type: DiscountType, config: Pick<RulesConfig, "discountRates">): DiscountDecision {
  const track = partner.track;
  if (track !== "Open" && track !== "Select") {
    return { outcome: "none", reasons: [reason("DISC-4", "NO_RATE_FOR_TRACK", `track ${track} of partner ${partner.id} carries no program discount`)], rate: null };
  }
  const rate = config.discountRates[track][type];
  return { outcome: type, reasons: [reason("DISC-4", "CONFIGURED_RATE", `${track} ${type} rate ${rate}`)], rate };
}

// Object literals rather than spreads of `base`: decide asks this of every registration in play, every pass.
function withOverride(opportunity: Opportunity, base: DiscountDecision, why: Reason): DiscountDecision {
  const override = opportunity.discountOverrideRate;
  const reasons = [why];
  for (const r of base.reasons) reasons.push(r);
  if (override === null || base.rate === null) return { outcome: base.outcome, reasons, rate: base.rate };
  // DISC-4: the negotiated reduction is stored with the deal and replaces the configured rate.
  reasons.push(reason("DISC-4", "MANUAL_OVERRIDE", `opportunity ${opportunity.id} carries a negotiated rate ${override}`));
  return { outcome: base.outcome, reasons, rate: override };
}

// DISC-1 Partner-sourced, DISC-2 Co-sell — handbook "Definitions and Qualifications" / "Discounts and Referral Fees"
export function discountFor(
  partner: Partner,
  opportunity: Opportunity,
  approvedRegistration: DealRegistration | null,
  config: Pick<RulesConfig, "discountRates">,
  now: Date,
  /** `mayRegisterDeals(partner, now)` when the caller already has it (decide judges one partner's many deals). */
  standing: Decision<StandingOutcome> = mayRegisterDeals(partner, now),
): DiscountDecision {
  if (standing.outcome === "INELIGIBLE") return { outcome: "none", reasons: [...standing.reasons], rate: null };
  if (opportunity.type === "Renewal") {
    return { outcome: "renewal-rules", reasons: [reason("DISC-3", "RENEWAL_RULES_APPLY", `opportunity ${opportunity.id} is a renewal: REN-1..4 decide`)], rate: null };
  }
  if (approvedRegistration !== null && approvedRegistration.status !== "Approved") {
    throw new TypeError(`discountFor: registration ${approvedRegistration.id} is ${approvedRegistration.status}, pass the Approved holder or null`);
  }
  if (approvedRegistration?.partnerId === partner.id) {
    const why = reason("DISC-1", "PARTNER_SOURCED", `partner ${partner.id} holds approved registration ${approvedRegistration.id}`);
    return withOverride(opportunity, discountRate(partner, "partnerSourced", config), why);
  }
  if (approvedRegistration !== null) {
    const why = reason("DISC-2", "REGISTERED_BY_ANOTHER_PARTNER", `registration ${approvedRegistration.id} of partner ${approvedRegistration.partnerId} holds opportunity ${opportunity.id}`);
    return withOverride(opportunity, discountRate(partner, "coSell", config), why);
  }
  if (opportunity.coSellPartnerIds.includes(partner.id)) {
    const why = reason("DISC-2", "VENDOR_ATTACHED", `the vendor's sales team attached partner ${partner.id} to opportunity ${opportunity.id}`);
    return withOverride(opportunity, discountRate(partner, "coSell", config), why);
  }
  return {
    outcome: "none",
    reasons: [reason("DISC-1", "NO_APPROVED_REGISTRATION", `partner ${partner.id} neither holds an approved registration of opportunity ${opportunity.id} nor was attached to it`)],
    rate: null,
  };
}

/** `discountFor`'s outcome and rate without its reasons. */
export interface DiscountTerms {
  outcome: DiscountDecision["outcome"];
  rate: number | null;
}

const NO_DISCOUNT: DiscountTerms = Object.freeze({ outcome: "none", rate: null });
const RENEWAL_RULES: DiscountTerms = Object.freeze({ outcome: "renewal-rules", rate: null });

/**
 * `discountFor`'s outcome and rate, without writing its messages: decide asks this of every registration
 * in play (62k in a 100k world) and writes the reasons only for the few whose discount changes. Same
 * branches, same order as `discountFor` (a test holds the two to the same answer in every branch).
 */
export function discountTerms(
  partner: Partner,
  opportunity: Opportunity,
  approvedRegistration: DealRegistration | null,
  config: Pick<RulesConfig, "discountRates">,
  standing: StandingOutcome,
): DiscountTerms {
  if (standing === "INELIGIBLE") return NO_DISCOUNT;
  if (opportunity.type === "Renewal") return RENEWAL_RULES;
  if (approvedRegistration !== null && approvedRegistration.status !== "Approved") {
    throw new TypeError(`discountFor: registration ${approvedRegistration.id} is ${approvedRegistration.status}, pass the Approved holder or null`);
  }
  let type: DiscountType;
  if (approvedRegistration?.partnerId === partner.id) type = "partnerSourced";
  else if (approvedRegistration !== null || opportunity.coSellPartnerIds.includes(partner.id)) type = "coSell";
  else return NO_DISCOUNT;
  const track = partner.track;
  if (track !== "Open" && track !== "Select") return NO_DISCOUNT;
  // DISC-4: a negotiated rate stored with the deal replaces the configured one.
  const override = opportunity.discountOverrideRate;
  return { outcome: type, rate: override === null ? config.discountRates[track][type] : override };
}
