// All deal registrations of one opportunity, judged together (program-rules.md DR-2..DR-8): who holds
// the approval, what expired, which duplicate approvals go back, who is next in line. This is what the
// sync engine calls; it groups by opportunity once, so a run is O(n log n) over registrations.
import type { DealRegistration } from "../domain/deal-registration.js";
import type { Opportunity } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { reason, type Reason } from "./decision.js";
import { alreadyEngagedFailures, approvability, compareByReceipt, registrationExpiry, singleOpportunityFailures } from "./deal-registration.js";

export type RegistrationAction =
  | { kind: "EXPIRE"; registrationId: string; reasons: Reason[] }
  | { kind: "REFUSE_APPROVAL"; registrationId: string; reasons: Reason[] }
  | { kind: "RESET_TO_SUBMITTED"; registrationId: string; reasons: Reason[] }
  | { kind: "REFUSE_REGISTRATION"; registrationId: string; reasons: Reason[] }
  | { kind: "MARK_NEXT_IN_LINE"; registrationId: string; reasons: Reason[] }
  | { kind: "CLEAR_NEXT_IN_LINE"; registrationId: string; reasons: Reason[] }
  | { kind: "REPORT"; registrationId: string; reasons: Reason[] }
  | { kind: "FLAG_OPPORTUNITY"; opportunityId: string; reasons: Reason[] };

export interface OpportunityRegistrationsInput {
  opportunityId: string;
  /** null when the opportunity was not read: expiry is then not decided (DR-4 OPPORTUNITY_MISSING). */
  opportunity: Opportunity | null;
  /** Every registration naming this opportunity; services-attach ones are ignored here. */
  registrations: readonly DealRegistration[];
  partnersById: ReadonlyMap<string, Partner>;
  /** Registrations whose Approved status arrived from the CRM in this pass (DR-8 reviews only these). */
  newlyApprovedIds: ReadonlySet<string>;
  now: Date;
}

export interface OpportunityRegistrationsResult {
  opportunityId: string;
  /** The registration holding the approval after the actions, if any (DR-3: it earns the discount). */
  holderId: string | null;
  actions: RegistrationAction[];
}

const ENDED = new Set(["Expired", "Rejected", "Dissolved"]);

// DR-2..DR-8 — handbook "Deal Registration Program Overview" / "How Licensing Registrations Work"
export function evaluateOpportunityRegistrations(input: OpportunityRegistrationsInput): OpportunityRegistrationsResult {
  const { opportunity, now } = input;
  const queue = dealRegistrationQueue(input.registrations);
  const actions: RegistrationAction[] = [];
  // Sets created on first use: most opportunities have none (this runs for every opportunity, every pass).
  let invalid: Set<string> | null = null;
  const approved: DealRegistration[] = [];
  let approvalEnded = false;

  for (const reg of queue) {
    const notSingle = singleOpportunityFailures(reg);
    if (notSingle.length > 0) {
      (invalid ??= new Set()).add(reg.id);
      actions.push({ kind: "REPORT", registrationId: reg.id, reasons: notSingle });
    }
    if (ENDED.has(reg.status) && reg.originalApprovedAt !== null) approvalEnded = true;
    if (reg.status !== "Approved") continue;
    if (input.newlyApprovedIds.has(reg.id)) {
      const verdict = approvability(reg, input.partnersById.get(reg.partnerId) ?? null, now);
      if (verdict.outcome === "NOT_APPROVABLE") {
        actions.push({ kind: "REFUSE_APPROVAL", registrationId: reg.id, reasons: verdict.reasons });
        continue;
      }
    }
    // An approval on a closed opportunity does not expire (registrationExpiry: ACTIVE, with a message
    // nobody reads here): not asked, as ≈ 11k approvals of a 100k world would build it every pass.
    if (opportunity !== null && opportunity.isClosed) {
      approved.push(reg);
      continue;
    }
    const expiry = registrationExpiry(reg, opportunity, now);
    if (expiry.outcome === "EXPIRED") {
      actions.push({ kind: "EXPIRE", registrationId: reg.id, reasons: expiry.reasons });
      approvalEnded = true;
      continue;
    }
    if (expiry.outcome === "UNKNOWN") actions.push({ kind: "REPORT", registrationId: reg.id, reasons: expiry.reasons });
    approved.push(reg);
  }

  // DR-3: the earliest in DR-2 order keeps the approval; later ones go back to Submitted.
  const holder = approved[0] ?? null;
  for (let i = 1; i < approved.length; i++) {
    const dup = approved[i] as DealRegistration;
    actions.push({
      kind: "RESET_TO_SUBMITTED",
      registrationId: dup.id,
      reasons: [reason("DR-3", "DUPLICATE_APPROVAL", `opportunity ${input.opportunityId} already has registration ${holder?.id} approved, submitted earlier`)],
    });
  }

  // DR-7: a Submitted registration of another partner that arrived after the holder's approval.
  let refused: Set<string> | null = null;
  for (const reg of queue) {
    if (reg.status !== "Submitted") continue;
    const engaged = alreadyEngagedFailures(reg, holder);
    if (engaged.length > 0) {
      (refused ??= new Set()).add(reg.id);
      actions.push({ kind: "REFUSE_REGISTRATION", registrationId: reg.id, reasons: engaged });
    }
  }

  nextInLineActions(actions, input, queue, holder, approvalEnded, invalid, refused);
  return { opportunityId: input.opportunityId, holderId: holder?.id ?? null, actions };
}

/** DR-2 order of the deal registrations (services-attach ones are not in the queue); no copy sorted when there is one. */
function dealRegistrationQueue(registrations: readonly DealRegistration[]): readonly DealRegistration[] {
  if (registrations.length === 1) return (registrations[0] as DealRegistration).program === "Deal Registration" ? registrations : [];
  // Insertion sort (stable, like Array#sort): queues hold a few registrations, and Array#sort allocates
  // a work copy per call, once per opportunity per pass.
  const queue: DealRegistration[] = [];
  for (const reg of registrations) {
    if (reg.program !== "Deal Registration") continue;
    let i = queue.length;
    while (i > 0 && compareByReceipt(queue[i - 1] as DealRegistration, reg) > 0) {
      queue[i] = queue[i - 1] as DealRegistration;
      i--;
    }
    queue[i] = reg;
  }
  return queue;
}

// DR-5 Next in line — handbook "How Licensing Registrations Work"
function nextInLineActions(
  actions: RegistrationAction[],
  input: OpportunityRegistrationsInput,
  queue: readonly DealRegistration[],
  holder: DealRegistration | null,
  approvalEnded: boolean,
  invalid: ReadonlySet<string> | null,
  refused: ReadonlySet<string> | null,
): void {
  const closed = input.opportunity?.isClosed === true;
  // Only after an approval ended, with no holder left, on an opportunity still open (a closed deal has no
  // reseller left to choose).
  const needsNext = holder === null && approvalEnded && !closed && input.opportunity !== null;
  const next = needsNext
    ? (queue.find((r) => r.status === "Submitted" && invalid?.has(r.id) !== true && refused?.has(r.id) !== true) ?? null)
    : null;

  for (const reg of queue) {
    if (reg.nextInLine && reg.id !== next?.id) {
      actions.push({ kind: "CLEAR_NEXT_IN_LINE", registrationId: reg.id, reasons: [reason("DR-5", "NO_LONGER_NEXT_IN_LINE", `registration ${reg.id} is not the next Submitted registration of opportunity ${input.opportunityId} without an approval`)] });
    }
  }
  if (next !== null && !next.nextInLine) {
    actions.push({ kind: "MARK_NEXT_IN_LINE", registrationId: next.id, reasons: [reason("DR-5", "NEXT_IN_LINE", `registration ${next.id} (submitted ${next.submittedAt.toISOString()}) is next for review on opportunity ${input.opportunityId}`)] });
  }
  if (needsNext && next === null) {
    actions.push({ kind: "FLAG_OPPORTUNITY", opportunityId: input.opportunityId, reasons: [reason("DR-5", "REP_TO_CHOOSE_RESELLER", `opportunity ${input.opportunityId} lost its approved registration and has no Submitted registration in line`)] });
  }
}

/** Registrations grouped by the opportunity they name (DR-1 failures without an opportunity are skipped). */
export function groupByOpportunity(registrations: Iterable<DealRegistration>): Map<string, DealRegistration[]> {
  const groups = new Map<string, DealRegistration[]>();
  for (const reg of registrations) {
    if (reg.opportunityId === null) continue;
    const group = groups.get(reg.opportunityId);
    if (group === undefined) groups.set(reg.opportunityId, [reg]);
    else group.push(reg);
  }
  return groups;
}

/** Every opportunity's registrations at once: one grouping pass, then one evaluation per opportunity. */
export function evaluateAllRegistrations(
  registrations: Iterable<DealRegistration>,
  opportunitiesById: ReadonlyMap<string, Opportunity>,
  partnersById: ReadonlyMap<string, Partner>,
  newlyApprovedIds: ReadonlySet<string>,
  now: Date,
): OpportunityRegistrationsResult[] {
  const results: OpportunityRegistrationsResult[] = [];
  for (const [opportunityId, group] of groupByOpportunity(registrations)) {
    results.push(evaluateOpportunityRegistrations({
      opportunityId, opportunity: opportunitiesById.get(opportunityId) ?? null, registrations: group, partnersById, newlyApprovedIds, now,
    }));
  }
  return results;
}
