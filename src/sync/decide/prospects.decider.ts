// LEAD-1..4 on every shared lead: the partner's accept/reject on the portal made the lead's share
// status, MDF leads accepted on sharing, conversions without qualification reported, and leads due in the configured recall phase recalled (share status Recall, recalled
// date, owner back to the vendor, the reason the partner sees in the lead's history).
import type { Prospect } from "../../domain/prospect.js";
import { reason, type Reason } from "../../rules/decision.js";
import { mdfAcceptance, mdfAcceptedAt, planLeadRecall, recallDue, recallOutcome } from "../../rules/lead-recall.js";
import type { DecisionSink } from "./decisions.js";
import type { FieldValue } from "./field-value.js";
import type { DecideContext, World } from "./world.js";

// LEAD-2 — handbook "Managing an Accepted Prospect": a converted lead must have been Qualified first.
// The conversion already happened, so what the data can show is a qualification missing or dated
// after the registration it was converted to.
export function conversionWithoutQualification(world: World, lead: Prospect): string | null {
  if (lead.convertedRegistrationId === null) return null;
  if (lead.qualifiedAt === null) return `converted to registration ${lead.convertedRegistrationId} without ever being Qualified`;
  const reg = world.registrationsById.get(lead.convertedRegistrationId);
  if (reg !== undefined && lead.qualifiedAt > reg.submittedAt) {
    return `qualified ${lead.qualifiedAt.toISOString()}, after registration ${reg.id} was submitted ${reg.submittedAt.toISOString()}`;
  }
  return null;
}

/**
 * Handbook "Partner Lead Sharing Overview": "when you accept or reject a prospect, the status will be
 * updated in GitLab as well". The answer is the partner's (its date is portal-owned); the share status
 * is Salesforce's, so the answer reaches it as a value partner-sync decides: Accepted or Rejected
 * (the later of the two dates) while the lead still awaits an answer. Never over a Recall.
 */
export function partnerAnswer(lead: Pick<Prospect, "id" | "shareStatus" | "acceptedAt" | "rejectedAt">): { shareStatus: "Accepted" | "Rejected"; at: Date } | null {
  if (lead.shareStatus !== "Sending to Partner" && lead.shareStatus !== "Pending") return null;
  const { acceptedAt, rejectedAt } = lead;
  if (acceptedAt === null && rejectedAt === null) return null;
  if (rejectedAt !== null && (acceptedAt === null || rejectedAt > acceptedAt)) return { shareStatus: "Rejected", at: rejectedAt };
  return { shareStatus: "Accepted", at: acceptedAt! };
}

function decideProspect(world: World, ctx: DecideContext, sink: DecisionSink, lead: Prospect): void {
  const notQualified = conversionWithoutQualification(world, lead);
  if (notQualified !== null) {
    const r = reason("LEAD-2", "NOT_QUALIFIED_FOR_CONVERSION", `Prospect ${lead.id} was ${notQualified}`);
    sink.report("violation", "Prospect", lead.id, r, [{ entity: "DealRegistration", key: lead.convertedRegistrationId as string }]);
  }

  // Null for all but an MDF lead still awaiting an answer: its reasons are written only then.
  const mdfAt = mdfAcceptedAt(lead, ctx.now);
  const answer = partnerAnswer(lead);
  // An MDF lead "accepted" at its sharing instant is LEAD-1's own acceptance, not the partner's: a run
  // stopped between writing it to the portal and to Salesforce left only the portal's acceptedAt, and
  // the next run must write what the clean run writes (LEAD-1:MDF_ACCEPTED_ON_SHARING).
  const ours = mdfAt !== null && answer?.shareStatus === "Accepted" && answer.at.getTime() === mdfAt.getTime();
  if (answer !== null && !ours) {
    const r = reason("LEAD", `PARTNER_${answer.shareStatus.toUpperCase()}`, `Prospect ${lead.id} was ${answer.shareStatus.toLowerCase()} by the partner on the portal at ${answer.at.toISOString()} (share status was ${lead.shareStatus})`);
    // The answered lead is judged for recall in this same pass (accepted, then not actioned for 10
    // days: phase 3), or the recall would wait for a pass that never re-reads the unchanged lead.
    if (!proposeRecall(ctx, sink, lead, { ...lead, shareStatus: answer.shareStatus }, [r])) sink.propose("Prospect", lead.id, lead, { shareStatus: answer.shareStatus }, [r]);
    return;
  }

  if (mdfAt !== null) {
    sink.propose("Prospect", lead.id, lead, { shareStatus: "Accepted", acceptedAt: mdfAt }, () => mdfAcceptance(lead, ctx.now).reasons);
    return;
  }

  proposeRecall(ctx, sink, lead, lead, []);
}

/** LEAD-3/4 on `lead` as this pass leaves it, written over `current` (as the systems hold it); true when a recall is proposed. */
function proposeRecall(ctx: DecideContext, sink: DecisionSink, current: Prospect, lead: Prospect, before: readonly Reason[]): boolean {
  // Most leads are kept: their verdict's message would be written for nothing (two ISO dates a lead).
  const outcome = recallOutcome(lead, ctx.now, ctx.rules);
  if (outcome !== "recall" && outcome !== "not-checkable") return false;
  const due = recallDue(lead, ctx.now, ctx.rules);
  if (due.outcome === "not-checkable") {
    sink.reportAll("not-checkable", "Prospect", lead.id, due.reasons);
    return false;
  }
  if (due.outcome !== "recall") return false;
  const owner = ctx.leadRecallOwnerId;
  const plan = planLeadRecall(lead, due, ctx.now, owner ?? "(vendor)");
  if (plan.update === null) return false;
  const desired: Record<string, FieldValue> = {
    shareStatus: plan.update.shareStatus,
    recalledAt: plan.update.recalledAt,
    // The code is what Salesforce's Recall_Reason__c picklist holds; the why travels in the reasons.
    "derived.recallReason": plan.update.historyReason.code,
  };
  if (owner !== null) desired.ownerId = owner;
  sink.propose("Prospect", lead.id, current, desired, [...before, ...plan.reasons], { related: [{ entity: "Partner", key: lead.partnerId }] });
  if (owner === null) {
    sink.report("not-checkable", "Prospect", lead.id, reason("LEAD-4", "RECALL_OWNER_NOT_CONFIGURED", `Prospect ${lead.id} recalled but its owner is not reassigned: no vendor owner is configured for recalled leads`));
  }
  return true;
}

export function decideProspects(world: World, ctx: DecideContext, sink: DecisionSink): void {
  for (const lead of world.prospects) decideProspect(world, ctx, sink, lead);
}
