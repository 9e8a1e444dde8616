// A rebate or fee the vendor owes a partner, derived by the rules (REF, FOI, SA, PAY).
import type { Reason } from "../rules/decision.js";
import type { Money } from "./money.js";

export type RebateKind = "REFERRAL_FEE" | "FIRST_ORDER_INCENTIVE" | "SERVICES_ATTACH";
export type PayoutStatus = "PAID" | "READY" | "BLOCKED" | "INELIGIBLE";

export interface RebateAccrual {
  /** Stable: `${kind}:${registrationId}`, so recomputing finds the same accrual. */
  id: string;
  kind: RebateKind;
  partnerId: string;
  registrationId: string;
  opportunityId: string | null;
  /** In the opportunity's currency. */
  amount: Money;
  /** PAY-5: converted with the configured table; null when unconvertible. */
  amountUsd: Money | null;
  /** PAY-1: close-won instant (REF, FOI) or POE approval instant (SA); null when not yet earned. */
  earnedAt: Date | null;
  /** "FY2027-Q3" */
  earnedQuarter: string | null;
  /** PAY-2: earned quarter end + 45 days. */
  dueAt: Date | null;
  status: PayoutStatus;
  overdue: boolean;
  paidAt: Date | null;
  coupaInvoiceId: string | null;
  reasons: Reason[];
}
