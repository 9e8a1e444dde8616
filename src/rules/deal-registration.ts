// Deal registration rules on one registration (program-rules.md DR-1, DR-2, DR-4, DR-7, DR-8, DR-9).
// The rules that look at all registrations of an opportunity together (DR-3, DR-5) are in
// registration-queue.ts.
import type { DealRegistration } from "../domain/deal-registration.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { decision, reason, type Decision, type Reason } from "./decision.js";
import { addDays, isAtOrBefore } from "./fiscal-calendar.js";
import { mayHaveRegistrationApproved } from "./standing.js";

/** DR-4: an approval lasts 90 days from the original approval unless the vendor extended it. */
export const APPROVAL_DAYS = 90;

const DEAL_TYPES: ReadonlySet<string> = new Set(["Resale", "Referral", "MSP"]);
// Deliberately loose: the CRM validates addresses; we only refuse what cannot be an address at all.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// DR-2 Order of receipt — handbook "Deal Registration Program Overview": submission time, ties by lower id
export function compareByReceipt(a: DealRegistration, b: DealRegistration): number {
  const byTime = a.submittedAt.getTime() - b.submittedAt.getTime();
  if (byTime !== 0) return byTime;
  return compareIds(a.id, b.id);
}

/** "Lower id": numerically when both ids are digit strings (portal ids), else by code units. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

// The answer of the per-registration checks that find nothing, shared: decide asks them of every
// registration, every pass. Frozen, so a caller adding to it fails loudly instead of changing it for all.
const NO_FAILURES = Object.freeze([]) as unknown as Reason[];

// DR-1 One opportunity — handbook "How Licensing Registrations Work"
export function singleOpportunityFailures(reg: DealRegistration): Reason[] {
  const problem = reg.accountWide
    ? "is registered for a whole account"
    : reg.otherOpportunityIds.length > 0
      ? `names ${reg.otherOpportunityIds.length + 1} opportunities`
      : null;
  return problem === null ? NO_FAILURES : [reason("DR-1", "NOT_SINGLE_OPPORTUNITY", `registration ${reg.id} ${problem}`)];
}

// DR-9 Types — handbook "Deal Registration Program Overview"
export function registrationTypeFailures(reg: DealRegistration): Reason[] {
  if (reg.program === "Service Attached Registration") return [];
  if (reg.program !== "Deal Registration") {
    return [reason("DR-9", "UNKNOWN_PROGRAM", `registration ${reg.id} has program "${String(reg.program)}"`)];
  }
  if (reg.dealType !== null && DEAL_TYPES.has(reg.dealType)) return [];
  return [reason("DR-9", "INVALID_DEAL_TYPE", `registration ${reg.id} has deal type ${reg.dealType ?? "none"}, not Resale, Referral or MSP`)];
}

export interface ExpiryDecision extends Decision<"ACTIVE" | "EXPIRED" | "NOT_APPLICABLE" | "UNKNOWN"> {
  /** The deadline in force (extension or original approval + 90 days); null when none applies. */
  expiresAt: Date | null;
}

/**
 * DR-4: the deadline of an Approved registration's approval on an open opportunity (`expiresAt` of
 * `registrationExpiry`), without judging it against an instant; null when none applies.
 */
export function approvalDeadline(reg: DealRegistration, opportunity: Opportunity | null): Date | null {
  if (reg.status !== "Approved" || opportunity === null || opportunity.isClosed) return null;
  if (reg.originalApprovedAt === null && reg.extendedUntil === null) return null;
  // The extension replaces the 90-day deadline (program-rules.md DR-4), even if it is earlier.
  return reg.extendedUntil ?? addDays(reg.originalApprovedAt as Date, APPROVAL_DAYS);
}

// DR-4 Expiry — handbook "How Licensing Registrations Work"
export function registrationExpiry(reg: DealRegistration, opportunity: Opportunity | null, now: Date): ExpiryDecision {
  if (reg.status !== "Approved") return { outcome: "NOT_APPLICABLE", reasons: [], expiresAt: null };
  // Expiring is a write the partner feels; without the opportunity we cannot rule out "closed".
  if (opportunity === null) {
    return { outcome: "UNKNOWN", reasons: [reason("DR-4", "OPPORTUNITY_MISSING", `opportunity ${reg.opportunityId ?? "(none)"} of registration ${reg.id} was not read`)], expiresAt: null };
  }
  if (opportunity.isClosed) {
    return { outcome: "ACTIVE", reasons: [reason("DR-4", "OPPORTUNITY_CLOSED", `opportunity ${opportunity.id} is closed ${opportunity.isWon ? "won" : "lost"}; the registration does not expire`)], expiresAt: null };
  }
  if (reg.originalApprovedAt === null && reg.extendedUntil === null) {
    return { outcome: "UNKNOWN", reasons: [reason("DR-4", "APPROVAL_DATE_MISSING", `registration ${reg.id} is Approved without an original approval instant`)], expiresAt: null };
  }
  const expiresAt = approvalDeadline(reg, opportunity) as Date;
  if (isAtOrBefore(now, expiresAt)) return { outcome: "ACTIVE", reasons: [], expiresAt };
  // The message is built only for an expiry: every decide pass asks this of every approval.
  const basis = reg.extendedUntil !== null ? "extended until" : `approved ${reg.originalApprovedAt?.toISOString()}, 90 days until`;
  return { outcome: "EXPIRED", reasons: [reason("DR-4", "EXPIRED", `registration ${reg.id} ${basis} ${expiresAt.toISOString()}, now ${now.toISOString()}`)], expiresAt };
}

// DR-7 Already engaged — handbook "Deal Registration Program Overview"
export function alreadyEngagedFailures(reg: DealRegistration, holder: DealRegistration | null): Reason[] {
  if (holder === null || holder.id === reg.id || holder.partnerId === reg.partnerId) return NO_FAILURES;
  // "A new registration": one submitted after the holder's approval. Earlier ones wait in line (DR-5).
  const approvedAt = holder.originalApprovedAt;
  if (approvedAt === null || reg.submittedAt.getTime() <= approvedAt.getTime()) return NO_FAILURES;
  return [reason("DR-7", "ALREADY_ENGAGED", `opportunity ${reg.opportunityId} already has registration ${holder.id} of partner ${holder.partnerId} approved since ${approvedAt.toISOString()}`)];
}

function missingFields(reg: DealRegistration): Reason[] {
  const missing: Reason[] = [];
  const add = (code: string, what: string): void => {
    missing.push(reason("DR-8", code, `registration ${reg.id} has no ${what}`));
  };
  if (!reg.customerName?.trim()) add("MISSING_CUSTOMER_NAME", "customer name");
  if (!reg.customerContactEmail?.trim()) add("MISSING_CONTACT_EMAIL", "customer contact email");
  else if (!EMAIL.test(reg.customerContactEmail.trim())) {
    missing.push(reason("DR-8", "INVALID_CONTACT_EMAIL", `registration ${reg.id} contact email "${reg.customerContactEmail}" is not an address`));
  }
  const isServicesAttach = reg.program === "Service Attached Registration";
  // A services-attach registration names its licensing sale through the SA-1 link and has no deal type (DR-9).
  const hasOpportunity = reg.opportunityId !== null || (isServicesAttach && (reg.linkedOpportunityId ?? reg.linkedRegistrationId) !== null);
  if (!hasOpportunity) add("MISSING_OPPORTUNITY", "opportunity");
  if (!isServicesAttach && reg.dealType === null) add("MISSING_DEAL_TYPE", "deal type");
  if (reg.tier === null) add("MISSING_TIER", "tier");
  return missing;
}

// DR-8 Approvable — handbook "Deal Registration Program Overview"
export function approvability(reg: DealRegistration, partner: Partner | null, now: Date): Decision<"APPROVABLE" | "NOT_APPROVABLE"> {
  const pieces = [...missingFields(reg), ...singleOpportunityFailures(reg), ...registrationTypeFailures(reg)];
  if (partner === null) pieces.push(reason("DR-8", "PARTNER_MISSING", `partner ${reg.partnerId} of registration ${reg.id} was not read`));
  else pieces.push(...mayHaveRegistrationApproved(partner, now).reasons);
  if (reg.customerChoseOtherReseller) {
    pieces.push(reason("DR-8", "CUSTOMER_CHOSE_OTHER_RESELLER", `the customer of registration ${reg.id} chose another reseller`));
  }
  if (pieces.length === 0) return decision("APPROVABLE");
  const summary = reason("DR-8", "NOT_APPROVABLE", `registration ${reg.id} cannot be approved: ${pieces.map((p) => p.code).join(", ")}`);
  return decision("NOT_APPROVABLE", summary, ...pieces);
}
