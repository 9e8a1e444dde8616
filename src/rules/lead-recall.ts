// Lead sharing and recall (program-rules.md LEAD-1..4; handbook "Partner Lead Sharing Overview",
// "Channel Partner Lead Recall", "Definitions"). Pure: the evaluation instant and the active phase arrive
// as arguments.
import type { Prospect, ProspectShareStatus } from "../domain/prospect.js";
import { decision, reason, type Decision, type Reason } from "./decision.js";
import { addDays } from "./fiscal-calendar.js";

export type RecallPhase = 1 | 2 | 3;

/** The slice of the rules config LEAD-3 reads. */
export interface LeadRecallConfig {
  /** Default 3, the final phase. Only the active phase's criteria apply. */
  activeRecallPhase: RecallPhase;
}

type LeadFacts = Pick<
  Prospect,
  "id" | "origin" | "shareStatus" | "partnerStatus" | "createdAt" | "sharedAt" | "acceptedAt" | "convertedRegistrationId"
>;

const iso = (d: Date): string => d.toISOString();
const AWAITING: ReadonlySet<ProspectShareStatus> = new Set(["Sending to Partner", "Pending"]);

// LEAD-1 — handbook "Channel Partner Lead Recall": only vendor-owned leads (paid initiatives, joint events) are recallable.
export function leadOwnership(lead: Pick<Prospect, "id" | "origin">): Decision<"vendor-owned" | "partner-mdf"> {
  if (lead.origin === "PartnerMdf") {
    return decision("partner-mdf", reason("LEAD-1", "MDF_LEAD_NEVER_RECALLED", `Prospect ${lead.id} comes from the partner's own MDF campaign: accepted on sharing, never recalled`));
  }
  return decision("vendor-owned", reason("LEAD-1", "VENDOR_OWNED_LEAD", `Prospect ${lead.id} is vendor-owned (origin ${lead.origin}) and may be recalled`));
}

// LEAD-1 — handbook "Channel Partner Lead Recall": an MDF lead is accepted on sharing (never left Pending).
export function mdfAcceptance(
  lead: Pick<Prospect, "id" | "origin" | "shareStatus" | "sharedAt">,
  now: Date,
): Decision<"accept" | "unchanged"> & { acceptedAt: Date | null } {
  const acceptedAt = mdfAcceptedAt(lead, now);
  if (acceptedAt === null) return { ...leadOwnership(lead), outcome: "unchanged", acceptedAt: null };
  return { ...decision("accept", reason("LEAD-1", "MDF_ACCEPTED_ON_SHARING", `MDF prospect ${lead.id} is accepted as of ${iso(acceptedAt)} (share status was ${lead.shareStatus})`)), acceptedAt };
}

/**
 * `mdfAcceptance(…).acceptedAt` without its messages: decide asks it of every lead, every pass, and
 * almost none is an MDF lead still awaiting an answer. Accepted at the sharing instant; `now` only
 * when the CRM did not record when it was shared.
 */
export function mdfAcceptedAt(lead: Pick<Prospect, "origin" | "shareStatus" | "sharedAt">, now: Date): Date | null {
  if (lead.origin !== "PartnerMdf" || !AWAITING.has(lead.shareStatus)) return null;
  return lead.sharedAt ?? now;
}

// LEAD-2 — handbook "Managing an Accepted Prospect": only a Qualified prospect converts to a deal registration.
export function conversionToRegistration(
  lead: Pick<Prospect, "id" | "partnerStatus" | "shareStatus">,
): Decision<"allowed" | "refused"> {
  if (lead.partnerStatus === "Qualified" && lead.shareStatus === "Accepted") {
    return decision("allowed", reason("LEAD-2", "QUALIFIED", `Prospect ${lead.id} is Qualified and may be converted to a deal registration`));
  }
  const why = lead.partnerStatus === "Qualified" ? `share status is ${lead.shareStatus}, not Accepted` : `partner status is ${lead.partnerStatus}`;
  return decision("refused", reason("LEAD-2", "NOT_QUALIFIED_FOR_CONVERSION", `Prospect ${lead.id} cannot be converted to a deal registration: ${why}; it must be Accepted and Qualified first`));
}

export type RecallOutcome = "recall" | "keep" | "exempt" | "not-checkable";
export type RecallDecision = Decision<RecallOutcome> & { phase: RecallPhase };

const ACCEPT_WITHIN_DAYS: Record<2 | 3, number> = { 2: 15, 3: 5 };
const PHASE_1_AGE_DAYS = 30;
const PHASE_3_ACTION_DAYS = 10;

/** LEAD-3's verdict with its message unwritten: `code` null = an MDF lead (LEAD-1 says why). */
interface RecallVerdict {
  outcome: RecallOutcome;
  phase: RecallPhase;
  code: string | null;
  message: () => string;
}

// Interpretation: phase 3's "10 days to action" counts from acceptance.
function recallVerdict(lead: LeadFacts, now: Date, config: LeadRecallConfig): RecallVerdict {
  const phase = config.activeRecallPhase;
  const out = (outcome: RecallOutcome, code: string, message: () => string): RecallVerdict => ({ outcome, phase, code, message });
  const recall = (message: () => string): RecallVerdict => out("recall", `RECALLED_PHASE_${phase}`, message);

  if (lead.origin === "PartnerMdf") return { outcome: "exempt", phase, code: null, message: () => "" };
  if (lead.shareStatus === "Recall") return out("exempt", "ALREADY_RECALLED", () => "share status is already Recall");
  if (lead.shareStatus === "Rejected") return out("exempt", "LEAD_REJECTED", () => "the partner rejected it; rejected leads return through the rejection, not a recall");
  // Every phase spares a lead the partner has worked: qualified, converted, or (after acceptance) disqualified.
  if (lead.partnerStatus !== "Qualifying" || lead.convertedRegistrationId !== null) {
    return out("exempt", "LEAD_ACTIONED", () => `partner status is ${lead.partnerStatus}${lead.convertedRegistrationId ? `, converted to registration ${lead.convertedRegistrationId}` : ""}`);
  }
  const awaiting = AWAITING.has(lead.shareStatus);

  if (phase === 1) {
    const deadline = addDays(lead.createdAt, PHASE_1_AGE_DAYS);
    if (!awaiting) return out("keep", "LEAD_ACCEPTED", () => `accepted; phase 1 recalls only leads still awaiting acceptance`);
    if (now > deadline) return recall(() => `created ${iso(lead.createdAt)}, still ${lead.shareStatus} and not qualified more than ${PHASE_1_AGE_DAYS} days later (after ${iso(deadline)})`);
    return out("keep", "WITHIN_RECALL_WINDOW", () => `created ${iso(lead.createdAt)}; recallable after ${iso(deadline)} if still not accepted`);
  }

  const sharedAt = lead.sharedAt;
  if (sharedAt === null) return out("not-checkable", "SHARED_DATE_MISSING", () => `share status is ${lead.shareStatus} but the sharing instant is not recorded`);
  const days = ACCEPT_WITHIN_DAYS[phase];
  const acceptBy = addDays(sharedAt, days);
  const shared = (): string => `shared ${iso(sharedAt)}`;
  if (awaiting) {
    if (now > acceptBy) return recall(() => `${shared()}, not accepted within ${days} days (by ${iso(acceptBy)}) and not qualified`);
    return out("keep", "WITHIN_RECALL_WINDOW", () => `${shared()}; must be accepted by ${iso(acceptBy)}`);
  }
  const acceptedAt = lead.acceptedAt;
  if (acceptedAt === null) return out("not-checkable", "ACCEPTED_DATE_MISSING", () => "share status is Accepted but the acceptance instant is not recorded");
  // A late acceptance does not cure the missed deadline (deadline convention); qualifying does (above).
  if (acceptedAt > acceptBy) return recall(() => `${shared()}, accepted late at ${iso(acceptedAt)}, not within ${days} days (by ${iso(acceptBy)}), and not qualified`);
  if (phase === 2) return out("keep", "LEAD_ACCEPTED", () => `accepted ${iso(acceptedAt)}, within ${days} days of sharing`);

  const actionBy = addDays(acceptedAt, PHASE_3_ACTION_DAYS);
  if (now > actionBy) return recall(() => `accepted ${iso(acceptedAt)} but still Qualifying ${PHASE_3_ACTION_DAYS} days later (after ${iso(actionBy)})`);
  return out("keep", "WITHIN_RECALL_WINDOW", () => `accepted ${iso(acceptedAt)}; must be actioned by ${iso(actionBy)}`);
}

// LEAD-3 — handbook "Channel Partner Lead Recall" (phases 1–3, the configured one active).
export function recallDue(lead: LeadFacts, now: Date, config: LeadRecallConfig): RecallDecision {
  const verdict = recallVerdict(lead, now, config);
  if (verdict.code === null) return { ...leadOwnership(lead), outcome: verdict.outcome, phase: verdict.phase };
  return { ...decision(verdict.outcome, reason("LEAD-3", verdict.code, `Prospect ${lead.id}: ${verdict.message()}`)), phase: verdict.phase };
}

/** `recallDue(…).outcome` without writing its message: decide asks it of every lead, every pass, and keeps most. */
export function recallOutcome(lead: LeadFacts, now: Date, config: LeadRecallConfig): RecallOutcome {
  return recallVerdict(lead, now, config).outcome;
}

/** The writes LEAD-4 plans for a recalled lead. */
export interface LeadRecallUpdate {
  shareStatus: "Recall";
  recalledAt: Date;
  ownerId: string;
  /** What the partner sees in the lead's history. */
  historyReason: Reason;
}

// LEAD-4 — handbook "Channel Partner Lead Recall": a recalled lead gets share status Recall and goes back to the vendor.
export function planLeadRecall(
  lead: Pick<Prospect, "id" | "shareStatus">,
  due: RecallDecision,
  now: Date,
  vendorOwnerId: string,
): Decision<"recall" | "unchanged"> & { update: LeadRecallUpdate | null } {
  if (lead.shareStatus === "Recall") {
    return { ...decision("unchanged", reason("LEAD-4", "ALREADY_RECALLED", `Prospect ${lead.id} already has share status Recall; nothing to write`)), update: null };
  }
  if (due.outcome !== "recall") return { ...decision("unchanged", ...due.reasons), update: null };
  const historyReason = reason("LEAD-4", `RECALLED_PHASE_${due.phase}`, due.reasons.map((r) => r.message).join("; "));
  const message = `Prospect ${lead.id} recalled at ${iso(now)} (phase ${due.phase}), owner reassigned to ${vendorOwnerId}`;
  return {
    ...decision("recall", reason("LEAD-4", historyReason.code, message), ...due.reasons),
    update: { shareStatus: "Recall", recalledAt: now, ownerId: vendorOwnerId, historyReason },
  };
}
