// Services-attach rebate (program-rules.md SA-1..5): a PS partner's services sold alongside a
// Premium/Ultimate license sale that closed won recently.
import type { DealRegistration } from "../domain/deal-registration.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { reason, type Reason } from "./decision.js";
import { applyRate } from "./exact-rate.js";
import { addCalendarMonths } from "./fiscal-calendar.js";
import { rebateDecision, type RebateDecision } from "./rebate-decision.js";
import type { RulesConfig } from "./rules-config.schema.js";
import { mayEarnRebates } from "./standing.js";

const ELIGIBLE_TIERS: ReadonlySet<string> = new Set(["Premium", "Ultimate"]);
const LOOKBACK_MONTHS = 6;

/** SA-5 window start: the UTC day six calendar months before submission, clamped to month end. */
export function servicesAttachWindowStart(submittedAt: Date): Date {
  const back = addCalendarMonths(submittedAt, -LOOKBACK_MONTHS);
  return new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate()));
}

function linkedSaleFailures(reg: DealRegistration, sale: Opportunity): Reason[] {
  if (!sale.isWon || sale.closeDate === null) {
    return [reason("SA-5", "LINKED_SALE_NOT_WON", `linked opportunity ${sale.id} is ${sale.isClosed ? "closed lost" : "not closed won"}`)];
  }
  const windowStart = servicesAttachWindowStart(reg.submittedAt);
  if (sale.closeDate.getTime() >= windowStart.getTime()) return [];
  return [
    reason("SA-5", "LINKED_SALE_TOO_OLD", `linked sale ${sale.id} closed ${sale.closeDate.toISOString()}, before ${windowStart.toISOString()} (six calendar months before submission ${reg.submittedAt.toISOString()})`),
  ];
}

// SA-1..5 — handbook "How Services Attached Registrations Work" / "Definitions and Qualifications".
// Interpretation (SA-5): "within the last six months" is counted back from the services registration's
// submission, in calendar months: the same day-of-month six months earlier, or that month's last day
// when it has no such day (Aug 31 → Feb 28/29).
export function servicesAttachRebate(
  reg: DealRegistration,
  partner: Partner,
  /** The licensing opportunity the SA-1 link resolves to (via a registration or directly); null if unresolved. */
  linkedSale: Opportunity | null,
  config: Pick<RulesConfig, "servicesAttachRate">,
): RebateDecision {
  const failures: Reason[] = [...mayEarnRebates(partner).reasons];
  if (reg.program !== "Service Attached Registration") {
    failures.push(reason("SA-1", "NOT_SERVICES_ATTACH", `registration ${reg.id} is a ${reg.program}`));
  }
  if (reg.linkedOpportunityId === null && reg.linkedRegistrationId === null) {
    failures.push(reason("SA-1", "SA_NOT_LINKED", `registration ${reg.id} links to no licensing opportunity or registration`));
  } else if (linkedSale === null) {
    failures.push(reason("SA-1", "LINKED_SALE_MISSING", `the licensing sale linked from registration ${reg.id} was not found`));
  }
  if (!partner.psDesignation) {
    failures.push(reason("SA-3", "NOT_PS_PARTNER", `partner ${partner.id} lacks the Professional Services designation`));
  }
  // The license sold is the linked sale's; the registration's own tier only stands in when the CRM has none.
  const tier = linkedSale?.tier ?? reg.tier;
  if (tier === null || !ELIGIBLE_TIERS.has(tier)) {
    failures.push(reason("SA-4", "TIER_NOT_ELIGIBLE", `tier ${tier ?? "unknown"} is not Premium or Ultimate`));
  }
  if (linkedSale !== null) failures.push(...linkedSaleFailures(reg, linkedSale));
  if (linkedSale !== null && linkedSale.netArr === null) {
    failures.push(reason("SA-5", "NET_ARR_MISSING", `linked sale ${linkedSale.id} has no net ARR`));
  }

  const blockers: Reason[] = [];
  if (reg.poeStatus !== "Approved" || reg.poeApprovedAt === null) {
    blockers.push(reason("SA-2", "POE_NOT_APPROVED", `proof of execution of registration ${reg.id} is ${reg.poeStatus}, not approved by the vendor's sales team`));
  }
  const amount = linkedSale?.netArr ? applyRate(linkedSale.netArr, config.servicesAttachRate) : null;
  return rebateDecision(failures, blockers, [], amount, reg.poeApprovedAt);
}
