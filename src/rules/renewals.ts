// Renewals and incumbency (program-rules.md REN-1..4; handbook "Definitions and Qualifications",
// "Subscription Renewals"). Decides the discount *type* of each part of a renewal; the rates come from the
// rules config passed in.
import type { LicenseTier } from "../domain/license-tier.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { decision, reason, type Decision, type Reason } from "./decision.js";
import type { DiscountRatesOfTrack, RulesConfig } from "./rules-config.schema.js";

const iso = (d: Date): string => d.toISOString();
// Starter and Bronze are one level (self-managed and SaaS names); Free carries no subscription to discount.
const TIER_RANK: Record<LicenseTier, number> = { Free: 0, Starter: 1, Bronze: 1, Premium: 2, Ultimate: 3 };
const NO_RENEWAL_DISCOUNT = new Set<LicenseTier>(["Free", "Starter", "Bronze"]);

type RenewalOpp = Pick<Opportunity, "id" | "tier" | "previousTier">;
type TierChange = "same" | "upgrade" | "downgrade" | "unknown";

function tierChange(opp: RenewalOpp): TierChange {
  if (opp.tier === null || opp.previousTier === null) return "unknown";
  const delta = TIER_RANK[opp.tier] - TIER_RANK[opp.previousTier];
  return delta === 0 ? "same" : delta > 0 ? "upgrade" : "downgrade";
}
const tiers = (opp: RenewalOpp): string => `${opp.previousTier ?? "unknown"} → ${opp.tier ?? "unknown"}`;

// REN-1 — handbook "Definitions and Qualifications": same-tier renewals earn the renewal discount, except Starter/Bronze.
export function renewedLicensesDiscount(opp: RenewalOpp): Decision<"renewal" | "none" | "not-same-tier" | "not-checkable"> {
  const change = tierChange(opp);
  const r = (code: string, why: string) => reason("REN-1", code, `Renewal ${opp.id} (${tiers(opp)}): ${why}`);
  if (change === "unknown") return decision("not-checkable", r("TIER_UNKNOWN", "the tier or the previous tier is not recorded"));
  if (change !== "same") return decision("not-same-tier", r("NOT_SAME_TIER", `a tier ${change}, not a same-tier renewal`));
  if (NO_RENEWAL_DISCOUNT.has(opp.tier as LicenseTier)) return decision("none", r("NO_DISCOUNT_STARTER_BRONZE", "no discount on Starter/Bronze renewals"));
  return decision("renewal", r("SAME_TIER_RENEWAL", "same-tier renewal earns the renewal discount"));
}

// REN-2 — handbook "Definitions and Qualifications": licenses added at renewal get the partner-sourced discount.
export function addedLicensesDiscount(oppId: string, addedSeats: number | null): Decision<"partner-sourced" | "none" | "not-checkable"> {
  if (addedSeats === null) return decision("not-checkable", reason("REN-2", "ADDED_SEATS_UNKNOWN", `Renewal ${oppId}: the number of added licenses is not recorded`));
  if (addedSeats <= 0) return decision("none", reason("REN-2", "NO_ADDED_LICENSES", `Renewal ${oppId}: no licenses added`));
  return decision("partner-sourced", reason("REN-2", "ADDED_LICENSES_PARTNER_SOURCED", `Renewal ${oppId}: ${addedSeats} added licenses get the partner-sourced discount`));
}

// REN-3 — handbook "Definitions and Qualifications": a tier upgrade makes the whole deal partner-sourced.
export function tierUpgrade(opp: RenewalOpp): Decision<"whole-deal-partner-sourced" | "no-upgrade" | "not-checkable"> {
  const change = tierChange(opp);
  const r = (code: string, why: string) => reason("REN-3", code, `Renewal ${opp.id} (${tiers(opp)}): ${why}`);
  if (change === "unknown") return decision("not-checkable", r("TIER_UNKNOWN", "the tier or the previous tier is not recorded"));
  if (change === "upgrade") return decision("whole-deal-partner-sourced", r("TIER_UPGRADE", "an upgrade: the whole deal is partner-sourced"));
  return decision("no-upgrade", r("NO_TIER_UPGRADE", `no upgrade (${change})`));
}

type Purchase = Pick<Opportunity, "id" | "isWon" | "closeDate" | "resoldByPartnerId">;

// REN-4 — handbook "Definitions and Qualifications": the incumbent is the reseller of the customer's most recent purchase.
export function incumbentOf(purchases: readonly Purchase[], now: Date): Decision<"incumbent" | "none" | "not-checkable"> & { partnerId: string | null } {
  const out = (o: "incumbent" | "none" | "not-checkable", code: string, message: string, partnerId: string | null = null) => ({ ...decision(o, reason("REN-4", code, message)), partnerId });
  const won = purchases.filter((p) => p.isWon);
  const undated = won.find((p) => p.closeDate === null);
  if (undated) return out("not-checkable", "PURCHASE_DATE_MISSING", `purchase ${undated.id} is won but has no close date, so the most recent purchase is unknown`);
  let latest: Purchase[] = [];
  for (const p of won) {
    const t = (p.closeDate as Date).getTime();
    if (t > now.getTime()) continue;
    const best = latest[0]?.closeDate?.getTime() ?? -Infinity;
    if (t > best) latest = [p];
    else if (t === best) latest.push(p);
  }
  const first = latest[0];
  if (first === undefined) return out("none", "NO_PRIOR_PURCHASE", `no purchase closed won by ${iso(now)}`);
  const resellers = new Set(latest.map((p) => p.resoldByPartnerId));
  const when = iso(first.closeDate as Date);
  if (resellers.size > 1) return out("not-checkable", "INCUMBENT_AMBIGUOUS", `purchases ${latest.map((p) => p.id).join(", ")} closed at ${when} through different resellers`);
  if (first.resoldByPartnerId === null) return out("none", "MOST_RECENT_PURCHASE_DIRECT", `most recent purchase ${first.id} (${when}) was bought directly`);
  return out("incumbent", "INCUMBENT", `partner ${first.resoldByPartnerId} resold the most recent purchase ${first.id} (${when})`, first.resoldByPartnerId);
}

// REN-4 — handbook "Definitions and Qualifications": the incumbent earns the incumbent discount unless
// non-compliant or the customer asked in writing to renew with another partner.
export function incumbency(
  partner: Pick<Partner, "id" | "compliant">,
  opp: Pick<Opportunity, "id" | "incumbentPartnerId" | "customerRequestedOtherPartner">,
): Decision<"incumbent" | "not-incumbent"> {
  const no = (code: string, why: string) => decision("not-incumbent", reason("REN-4", code, `Partner ${partner.id} on renewal ${opp.id}: ${why}`));
  if (opp.incumbentPartnerId === null) return no("NO_INCUMBENT", "the customer's most recent purchase was not through a reseller");
  if (opp.incumbentPartnerId !== partner.id) return no("NOT_THE_INCUMBENT", `the incumbent is partner ${opp.incumbentPartnerId}`);
  if (!partner.compliant) return no("INCUMBENT_NOT_COMPLIANT", "the incumbent is no longer compliant with the program");
  if (opp.customerRequestedOtherPartner) return no("CUSTOMER_CHOSE_OTHER_PARTNER", "the customer asked in writing to renew with another partner");
  return decision("incumbent", reason("REN-4", "INCUMBENT", `Partner ${partner.id} is the incumbent of renewal ${opp.id}`));
}

export type RenewalDiscountType = keyof DiscountRatesOfTrack | "none";
export interface RenewalLine {
  portion: "renewed" | "added" | "whole-deal";
  type: RenewalDiscountType;
  rate: number;
}
export type RenewalPlan = Decision<"priced" | "manual-review" | "not-applicable" | "not-checkable"> & { lines: RenewalLine[] };

// REN-1..4 composed — handbook "Definitions and Qualifications": discount type and configured rate per part of a renewal.
// The incumbent's incumbent discount replaces (does not stack on) the renewal discount of its renewed licenses.
export function renewalDiscountPlan(
  partner: Pick<Partner, "id" | "track" | "compliant">,
  opp: RenewalOpp & Pick<Opportunity, "incumbentPartnerId" | "customerRequestedOtherPartner">,
  addedSeats: number | null,
  rates: RulesConfig["discountRates"],
): RenewalPlan {
  if (partner.track !== "Open" && partner.track !== "Select") {
    return { ...decision("not-applicable", reason("REN-1", "TRACK_HAS_NO_DISCOUNTS", `Partner ${partner.id} is on track ${partner.track}; only Open and Select earn discounts`)), lines: [] };
  }
  const trackRates = rates[partner.track];
  const line = (portion: RenewalLine["portion"], type: RenewalDiscountType): RenewalLine => ({ portion, type, rate: type === "none" ? 0 : trackRates[type] });
  const upgrade = tierUpgrade(opp);
  if (upgrade.outcome === "whole-deal-partner-sourced") return { ...decision("priced", ...upgrade.reasons), lines: [line("whole-deal", "partnerSourced")] };
  const renewed = renewedLicensesDiscount(opp);
  if (renewed.outcome === "not-checkable") return { ...decision("not-checkable", ...renewed.reasons), lines: [] };
  if (renewed.outcome === "not-same-tier") {
    const why = reason("REN-1", "TIER_DOWNGRADE", `Renewal ${opp.id} (${tiers(opp)}): a downgrade; the rules name no discount for it, so a person decides`);
    return { ...decision("manual-review", why), lines: [] };
  }
  const reasons: Reason[] = [...renewed.reasons];
  let renewedType: RenewalDiscountType = "none";
  if (renewed.outcome === "renewal") {
    const inc = incumbency(partner, opp);
    reasons.push(...inc.reasons);
    renewedType = inc.outcome === "incumbent" ? "incumbent" : "renewal";
  }
  const added = addedLicensesDiscount(opp.id, addedSeats);
  reasons.push(...added.reasons);
  const lines = [line("renewed", renewedType)];
  if (added.outcome === "partner-sourced") lines.push(line("added", "partnerSourced"));
  return { ...decision(added.outcome === "not-checkable" ? "not-checkable" : "priced", ...reasons), lines };
}
