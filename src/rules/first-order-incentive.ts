// First order incentive (program-rules.md FOI-1..3): a Select partner's partner-sourced first order of
// a customer on the vendor's target list.
import type { DealRegistration } from "../domain/deal-registration.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { reason, type Reason } from "./decision.js";
import { applyRate } from "./exact-rate.js";
import { rebateDecision, type RebateDecision } from "./rebate-decision.js";
import type { RulesConfig } from "./rules-config.schema.js";
import { mayEarnRebates } from "./standing.js";

// FOI-1..3 — handbook "Definitions and Qualifications" (First Order Incentive)
export function firstOrderIncentive(
  /** The opportunity's Approved registration (DR-3 holder), or null when it has none. */
  approvedRegistration: DealRegistration | null,
  partner: Partner,
  opportunity: Opportunity,
  config: Pick<RulesConfig, "firstOrderRate">,
): RebateDecision {
  const failures: Reason[] = [...mayEarnRebates(partner).reasons];
  const holdsIt =
    approvedRegistration !== null &&
    approvedRegistration.status === "Approved" &&
    approvedRegistration.partnerId === partner.id &&
    approvedRegistration.opportunityId === opportunity.id;
  if (!holdsIt) {
    failures.push(reason("FOI-1", "NOT_PARTNER_SOURCED", `partner ${partner.id} holds no approved registration of opportunity ${opportunity.id}`));
  }
  if (!opportunity.newLogo) {
    failures.push(reason("FOI-1", "NOT_NEW_CUSTOMER", `the customer of opportunity ${opportunity.id} is not new to the vendor`));
  }
  if (!opportunity.firstOrderTargetList) {
    failures.push(reason("FOI-2", "NOT_ON_TARGET_LIST", `the customer of opportunity ${opportunity.id} is not on the first-order target list`));
  }
  if (partner.track !== "Select") {
    failures.push(reason("FOI-3", "NOT_SELECT_PARTNER", `partner ${partner.id} is on track ${partner.track}, not Select`));
  }
  if (opportunity.isClosed && !opportunity.isWon) {
    failures.push(reason("FOI-1", "OPPORTUNITY_LOST", `opportunity ${opportunity.id} closed lost`));
  }
  if (opportunity.netArr === null) failures.push(reason("FOI-3", "NET_ARR_MISSING", `opportunity ${opportunity.id} has no net ARR`));

  const waits: Reason[] = [];
  if (!opportunity.isClosed) {
    waits.push(reason("PAY-1", "NOT_CLOSED_WON", `opportunity ${opportunity.id} has not closed won; the incentive is earned when it does`));
  } else if (opportunity.isWon && opportunity.closeDate === null) {
    failures.push(reason("PAY-1", "CLOSE_DATE_MISSING", `opportunity ${opportunity.id} is won without a close date`));
  }
  const amount = opportunity.netArr ? applyRate(opportunity.netArr, config.firstOrderRate) : null;
  return rebateDecision(failures, [], waits, amount, opportunity.closeDate);
}
