// Referral fee (program-rules.md REF-1..4): a partner's approved referral of a new customer the
// vendor then sells to directly (or through a marketplace).
import type { DealRegistration } from "../domain/deal-registration.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { reason, type Reason } from "./decision.js";
import { applyRate } from "./exact-rate.js";
import { rebateDecision, type RebateDecision } from "./rebate-decision.js";
import type { RulesConfig } from "./rules-config.schema.js";
import { mayEarnRebates } from "./standing.js";

// REF-1..4 — handbook "Definitions and Qualifications" (Referral Fees)
export function referralFee(
  reg: DealRegistration,
  partner: Partner,
  opportunity: Opportunity,
  config: Pick<RulesConfig, "referralRate">,
): RebateDecision {
  const failures: Reason[] = [...mayEarnRebates(partner).reasons];
  if (reg.program !== "Deal Registration" || reg.dealType !== "Referral" || reg.status !== "Approved") {
    failures.push(reason("REF-1", "REFERRAL_NOT_APPROVED", `registration ${reg.id} is ${reg.status} ${reg.dealType ?? "without deal type"}, not an Approved Referral`));
  }
  if (!opportunity.newLogo) {
    failures.push(reason("REF-2", "NOT_NEW_OPPORTUNITY", `the customer of opportunity ${opportunity.id} is not new to the vendor`));
  }
  if (opportunity.resoldByPartnerId !== null) {
    failures.push(reason("REF-2", "RESOLD_BY_PARTNER", `opportunity ${opportunity.id} is resold by partner ${opportunity.resoldByPartnerId}`));
  }
  if (opportunity.isClosed && !opportunity.isWon) {
    failures.push(reason("REF-4", "OPPORTUNITY_LOST", `opportunity ${opportunity.id} closed lost: the customer did not sign`));
  }
  if (opportunity.netArr === null) failures.push(reason("REF-4", "NET_ARR_MISSING", `opportunity ${opportunity.id} has no net ARR`));

  const waits: Reason[] = [];
  if (!opportunity.isClosed) {
    waits.push(reason("REF-4", "NOT_CLOSED_WON", `opportunity ${opportunity.id} has not closed won; the fee accrues when it does`));
  } else if (opportunity.isWon && opportunity.closeDate === null) {
    failures.push(reason("REF-4", "CLOSE_DATE_MISSING", `opportunity ${opportunity.id} is won without a close date`));
  }
  const info: Reason[] =
    opportunity.marketplace !== null
      ? [reason("REF-3", "MARKETPLACE_QUALIFIES", `transacted through ${opportunity.marketplace}; a marketplace referral still qualifies`)]
      : [];
  const amount = opportunity.netArr ? applyRate(opportunity.netArr, config.referralRate) : null;
  return rebateDecision(failures, [], waits, amount, opportunity.closeDate, info);
}
