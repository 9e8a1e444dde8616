// The accrual record a rebate decision and its payout status make together (PAY-1..5), in the shape
// the sync engine writes and the payouts report reads.
import type { RebateAccrual, RebateKind } from "../domain/rebate-accrual.js";
import type { PayoutDecision } from "./payout.js";
import type { RebateDecision } from "./rebate-decision.js";

export interface AccrualSource {
  kind: RebateKind;
  partnerId: string;
  registrationId: string;
  opportunityId: string | null;
  paidAt: Date | null;
  coupaInvoiceId: string | null;
}

// PAY-1..5 — handbook "How Services Attached Registrations Work" / "Definitions and Qualifications"
// Null when there is nothing to accrue: the rebate is PENDING (payout null) or has no amount.
export function toRebateAccrual(source: AccrualSource, rebate: RebateDecision, payout: PayoutDecision | null): RebateAccrual | null {
  if (payout === null || rebate.amount === null) return null;
  return {
    id: `${source.kind}:${source.registrationId}`,
    kind: source.kind,
    partnerId: source.partnerId,
    registrationId: source.registrationId,
    opportunityId: source.opportunityId,
    amount: rebate.amount,
    amountUsd: payout.amountUsd,
    earnedAt: rebate.earnedAt,
    earnedQuarter: payout.earnedQuarter,
    dueAt: payout.dueAt,
    status: payout.outcome,
    overdue: payout.overdue,
    paidAt: payout.outcome === "PAID" ? source.paidAt : null,
    coupaInvoiceId: source.coupaInvoiceId,
    reasons: payout.reasons,
  };
}
