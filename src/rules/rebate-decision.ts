// The shape the rebate rules (SA, REF, FOI) return and payout.ts consumes.
import type { Money } from "../domain/money.js";
import type { Decision, Reason } from "./decision.js";

/**
 * - ELIGIBLE: every rule passes; an accrual exists.
 * - PENDING: nothing is wrong yet but the event that earns it has not happened (opportunity not closed).
 * - BLOCKED: eligible but a prerequisite is missing (proof of execution); PAY-4 reports it BLOCKED.
 * - INELIGIBLE: a rule fails.
 */
export type RebateOutcome = "ELIGIBLE" | "PENDING" | "BLOCKED" | "INELIGIBLE";

export interface RebateDecision extends Decision<RebateOutcome> {
  /** rate × net ARR in the opportunity's currency, also when blocked or ineligible (finance sees what
   * is at stake); null only when net ARR is unknown. */
  amount: Money | null;
  /** PAY-1: the instant that earns it (close won, or POE approval); null until it happens. */
  earnedAt: Date | null;
}

/** Hard failures make it INELIGIBLE; otherwise blockers make it BLOCKED, waits PENDING. */
export function rebateDecision(
  failures: Reason[],
  blockers: Reason[],
  waits: Reason[],
  amount: Money | null,
  earnedAt: Date | null,
  info: Reason[] = [],
): RebateDecision {
  const outcome: RebateOutcome =
    failures.length > 0 ? "INELIGIBLE" : blockers.length > 0 ? "BLOCKED" : waits.length > 0 ? "PENDING" : "ELIGIBLE";
  return {
    outcome,
    reasons: [...failures, ...blockers, ...waits, ...info],
    amount,
    earnedAt: outcome === "ELIGIBLE" ? earnedAt : null,
  };
}
