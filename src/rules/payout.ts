// Payout of rebates and fees (program-rules.md PAY-1..4; PAY-5 in payout-currency.ts): when each is
// earned and due, and whether finance can pay it now.
import type { Money } from "../domain/money.js";
import type { PayoutStatus } from "../domain/rebate-accrual.js";
import type { SupplierBanking } from "../domain/supplier-banking.js";
import { reason, type Decision, type Reason } from "./decision.js";
import { addDays, fiscalQuarterOf, isAtOrBefore, type FiscalQuarter } from "./fiscal-calendar.js";
import { convertToUsd } from "./payout-currency.js";
import type { RebateDecision } from "./rebate-decision.js";
import type { RulesConfig } from "./rules-config.schema.js";

/** PAY-2: days after the end of the earned quarter. */
export const PAYOUT_DAYS_AFTER_QUARTER = 45;

// PAY-1 Earned quarter — handbook "How Services Attached Registrations Work" / "Definitions and Qualifications"
export function earnedQuarter(earnedAt: Date, fiscalYearStartMonth: number): FiscalQuarter {
  return fiscalQuarterOf(earnedAt, fiscalYearStartMonth);
}

// PAY-2 Due date — handbook "How Services Attached Registrations Work".
// Interpretation: the 45-day rule, stated for services attach and referral fees, applies to all rebates.
export function payoutDueAt(earnedAt: Date, fiscalYearStartMonth: number): Date {
  return addDays(earnedQuarter(earnedAt, fiscalYearStartMonth).end, PAYOUT_DAYS_AFTER_QUARTER);
}

// PAY-3 Banking — handbook "Definitions and Qualifications".
// Interpretation of "connected": the partner maps to an active Coupa supplier that has at least one active
// remit-to address with bank account details (or an approved bank account in supplier information).
export function bankingFailures(partnerId: string, banking: SupplierBanking | null): Reason[] {
  if (banking?.status === "connected") return [];
  const state =
    banking === null || banking.status === "none"
      ? "has no active Coupa supplier"
      : `is Coupa supplier ${banking.coupaSupplierId ?? "?"} without bank details on an active remit-to address`;
  return [reason("PAY-3", "NO_COUPA_BANKING", `partner ${partnerId} ${state}`)];
}

export interface PayoutDecision extends Decision<PayoutStatus> {
  overdue: boolean;
  earnedQuarter: string | null;
  dueAt: Date | null;
  amountUsd: Money | null;
}

export interface PayoutInput {
  partnerId: string;
  rebate: RebateDecision;
  banking: SupplierBanking | null;
  /** When the billing system shows the accrual paid; null if not paid. */
  paidAt: Date | null;
  now: Date;
  config: Pick<RulesConfig, "fiscalYearStartMonth" | "fxToUsd">;
}

// PAY-4 Status — handbook "How Services Attached Registrations Work"; PAY-5 conversion included.
// Returns null for a PENDING rebate: nothing is earned yet, so there is no accrual to pay.
export function payoutStatus(input: PayoutInput): PayoutDecision | null {
  const { rebate, now, config } = input;
  if (rebate.outcome === "PENDING") return null;
  const quarter = rebate.earnedAt ? earnedQuarter(rebate.earnedAt, config.fiscalYearStartMonth) : null;
  const dueAt = rebate.earnedAt ? payoutDueAt(rebate.earnedAt, config.fiscalYearStartMonth) : null;
  const conversion = rebate.amount ? convertToUsd(rebate.amount, config.fxToUsd) : null;
  const base = { earnedQuarter: quarter?.name ?? null, dueAt, amountUsd: conversion?.usd ?? null };

  // A payment dated after `now` has not happened as of the evaluation instant (replays with --now).
  if (input.paidAt !== null && isAtOrBefore(input.paidAt, now)) {
    const paid = reason("PAY-4", "PAID", `the billing system shows it paid ${input.paidAt.toISOString()}`);
    return { ...base, outcome: "PAID", overdue: false, reasons: [paid] };
  }
  if (rebate.outcome === "INELIGIBLE") return { ...base, outcome: "INELIGIBLE", overdue: false, reasons: rebate.reasons };

  // The rebate's own reasons travel along: its blockers (POE) or informational notes (REF-3 marketplace).
  const missing = [...bankingFailures(input.partnerId, input.banking), ...(conversion?.reasons ?? [])];
  const overdue = dueAt !== null && !isAtOrBefore(now, dueAt);
  const overdueReason = overdue ? [reason("PAY-2", "OVERDUE", `due ${dueAt.toISOString()} and not paid by ${now.toISOString()}`)] : [];
  if (rebate.outcome === "BLOCKED" || missing.length > 0) {
    return { ...base, outcome: "BLOCKED", overdue, reasons: [...rebate.reasons, ...missing, ...overdueReason] };
  }
  return { ...base, outcome: "READY", overdue, reasons: [...rebate.reasons, ...overdueReason] };
}
