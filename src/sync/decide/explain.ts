// `partner-sync rules explain <entity> <id>`: every rule evaluated for one record — the inputs it
// looked at (dates as ISO), its outcome and reasons — plus what the pass decides for that record
// (writes, findings, withheld values). Calls the same rule functions the deciders call.
import type { DealRegistration, EvaluationLicense, NfrLicense, Opportunity, Partner, Prospect, RebateAccrual } from "../../domain/index.js";
import { approvability, compareByReceipt, registrationExpiry, registrationTypeFailures, singleOpportunityFailures } from "../../rules/deal-registration.js";
import type { Reason } from "../../rules/decision.js";
import { evaluationIssuable, evaluationTerm, managedEvaluationCheck } from "../../rules/evaluation-licenses.js";
import { leadOwnership, planLeadRecall, recallDue } from "../../rules/lead-recall.js";
import { nfrEligibility, nfrExpiry, nfrOneOfEach, nfrProcessing, nfrRenewal, nfrSeatLimit } from "../../rules/nfr.js";
import { endUserContactCheck, transactingChannel } from "../../rules/quote-to-order.js";
import { evaluateOpportunityRegistrations } from "../../rules/registration-queue.js";
import { incumbency, incumbentOf, renewalDiscountPlan } from "../../rules/renewals.js";
import { authorizationFailures, complianceFailures, foundationsTrainingFailures, quoteTrackFailures } from "../../rules/standing.js";
import { decideWithOutcome } from "./decide.js";
import type { DerivedWrite, PolicyFinding, WithheldValue } from "./decisions.js";
import { registrationDiscount } from "./discounts.decider.js";
import { conversionWithoutQualification } from "./prospects.decider.js";
import { accrualFor, rebateCandidates } from "./rebates.decider.js";
import { decidedRegistration, type RegistrationOutcome } from "./registrations.decider.js";
import type { DecideContext, World } from "./world.js";

export type InputValue = string | number | boolean | null | string[];

export interface RuleTrace {
  rule: string;
  inputs: Record<string, InputValue>;
  outcome: string;
  reasons: Reason[];
}

export interface Explanation {
  entity: string;
  id: string;
  now: string;
  found: boolean;
  rules: RuleTrace[];
  writes: DerivedWrite[];
  findings: PolicyFinding[];
  withheld: WithheldValue[];
}

export const EXPLAINABLE = ["DealRegistration", "Prospect", "NfrLicense", "Partner", "Opportunity", "EvaluationLicense", "RebateAccrual"] as const;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const trace = (rule: string, inputs: Record<string, InputValue>, outcome: string, reasons: Reason[] = []): RuleTrace => ({ rule, inputs, outcome, reasons });
const failuresTrace = (rule: string, inputs: Record<string, InputValue>, failures: Reason[]): RuleTrace => trace(rule, inputs, failures.length === 0 ? "pass" : "fail", failures);

function registrationRules(world: World, ctx: DecideContext, reg: DealRegistration, outcome: RegistrationOutcome): RuleTrace[] {
  const opp = reg.opportunityId === null ? null : (world.opportunitiesById.get(reg.opportunityId) ?? null);
  const partner = world.partnersById.get(reg.partnerId) ?? null;
  const out = [
    failuresTrace("DR-1", { accountWide: reg.accountWide, otherOpportunityIds: reg.otherOpportunityIds, opportunityId: reg.opportunityId }, singleOpportunityFailures(reg)),
    failuresTrace("DR-9", { program: reg.program, dealType: reg.dealType }, registrationTypeFailures(reg)),
  ];
  const group = reg.opportunityId === null ? [] : [...(world.registrationsByOpportunity.get(reg.opportunityId) ?? [])];
  const queue = group.filter((r) => r.program === "Deal Registration").sort(compareByReceipt);
  out.push(trace("DR-2", { submittedAt: iso(reg.submittedAt), queue: queue.map((r) => `${r.id}@${r.submittedAt.toISOString()}`) }, queue.length === 0 ? "not-in-queue" : `position ${queue.findIndex((r) => r.id === reg.id) + 1} of ${queue.length}`));
  const expiry = registrationExpiry(reg, opp, ctx.now);
  out.push(trace("DR-4", { status: reg.status, originalApprovedAt: iso(reg.originalApprovedAt), extendedUntil: iso(reg.extendedUntil), opportunityClosed: opp?.isClosed ?? null, expiresAt: iso(expiry.expiresAt), now: iso(ctx.now) }, expiry.outcome, expiry.reasons));
  if (reg.opportunityId !== null && reg.program === "Deal Registration") {
    const q = evaluateOpportunityRegistrations({ opportunityId: reg.opportunityId, opportunity: opp, registrations: group, partnersById: world.partnersById, newlyApprovedIds: ctx.newlyApprovedIds, now: ctx.now });
    const mine = q.actions.filter((a) => "registrationId" in a && a.registrationId === reg.id);
    out.push(trace("DR-3/5/7", { holderId: q.holderId, nextInLine: reg.nextInLine }, mine.length === 0 ? "no-action" : mine.map((a) => a.kind).join(","), mine.flatMap((a) => a.reasons)));
  }
  const verdict = approvability(reg, partner, ctx.now);
  out.push(trace("DR-8", { newlyApproved: ctx.newlyApprovedIds.has(reg.id), customerName: reg.customerName !== null, customerContactEmail: reg.customerContactEmail !== null, tier: reg.tier, customerChoseOtherReseller: reg.customerChoseOtherReseller }, verdict.outcome, verdict.reasons));
  const decided = decidedRegistration(world, outcome, reg.id) ?? reg;
  if (partner !== null && opp !== null && reg.program === "Deal Registration" && (decided.status === "Submitted" || decided.status === "Approved")) {
    const holder = decidedRegistration(world, outcome, outcome.holderByOpportunity.get(opp.id) ?? null);
    const d = registrationDiscount(world, ctx, partner, opp, holder);
    out.push(trace("DISC-1..4", { track: partner.track, opportunityType: opp.type, holderId: holder?.id ?? null, discountOverrideRate: opp.discountOverrideRate }, d.type ?? "none", d.reasons));
  }
  for (const c of rebateCandidates(world, outcome).filter((x) => x.registration.id === reg.id)) {
    const accrual = accrualFor(world, ctx, outcome, c);
    out.push(trace(c.kind, { opportunityId: c.opportunity?.id ?? null, earnedAt: iso(accrual?.earnedAt ?? null), dueAt: iso(accrual?.dueAt ?? null) }, accrual?.status ?? "nothing-accrues", accrual?.reasons ?? []));
  }
  return out;
}

/**
 * "Why is this accrual BLOCKED?": the rebate and payout rules (SA/REF/FOI, PAY-1..5) for the accrual's
 * registration as this pass decides it, with what they read — the registration, the partner's banking
 * (PAY-3), the payment Coupa reported (PAY-4).
 */
function accrualRules(world: World, ctx: DecideContext, a: RebateAccrual, outcome: RegistrationOutcome): RuleTrace[] {
  const reg = decidedRegistration(world, outcome, a.registrationId);
  const banking = world.bankingByPartner.get(a.partnerId) ?? null;
  const inputs: Record<string, InputValue> = {
    kind: a.kind, registrationId: a.registrationId, registrationStatus: reg?.status ?? null, partnerId: a.partnerId,
    banking: banking?.status ?? null, coupaSupplierId: banking?.coupaSupplierId ?? null, paidAt: iso(a.paidAt), coupaInvoiceId: a.coupaInvoiceId,
  };
  const c = rebateCandidates(world, outcome).find((x) => x.kind === a.kind && x.registration.id === a.registrationId);
  // Not a candidate: the registration is in no system, or names no opportunity the rules can read —
  // nothing decides the accrual, which keeps what it shows.
  if (c === undefined) return [trace(a.kind, { ...inputs, opportunityId: reg?.opportunityId ?? null }, reg === null ? "not-judged: no registration" : "not-judged: no opportunity")];
  const accrual = accrualFor(world, ctx, outcome, c);
  return [trace(a.kind, { ...inputs, opportunityId: c.opportunity?.id ?? null, earnedAt: iso(accrual?.earnedAt ?? null), dueAt: iso(accrual?.dueAt ?? null), now: iso(ctx.now) }, accrual?.status ?? "nothing-accrues", accrual?.reasons ?? [])];
}

function prospectRules(world: World, ctx: DecideContext, lead: Prospect): RuleTrace[] {
  const owner = leadOwnership(lead);
  const notQualified = conversionWithoutQualification(world, lead);
  const due = recallDue(lead, ctx.now, ctx.rules);
  const plan = planLeadRecall(lead, due, ctx.now, ctx.leadRecallOwnerId ?? "(not configured)");
  const dates = { createdAt: iso(lead.createdAt), sharedAt: iso(lead.sharedAt), acceptedAt: iso(lead.acceptedAt), now: iso(ctx.now) };
  return [
    trace("LEAD-1", { origin: lead.origin }, owner.outcome, owner.reasons),
    trace("LEAD-2", { convertedRegistrationId: lead.convertedRegistrationId, qualifiedAt: iso(lead.qualifiedAt) }, notQualified === null ? "ok" : "violation", notQualified === null ? [] : [{ rule: "LEAD-2", code: "NOT_QUALIFIED_FOR_CONVERSION", message: `Prospect ${lead.id} was ${notQualified}` }]),
    trace("LEAD-3", { activeRecallPhase: ctx.rules.activeRecallPhase, shareStatus: lead.shareStatus, partnerStatus: lead.partnerStatus, ...dates }, due.outcome, due.reasons),
    trace("LEAD-4", { shareStatus: lead.shareStatus, ownerId: lead.ownerId, recallOwnerId: ctx.leadRecallOwnerId }, plan.outcome, plan.reasons),
  ];
}

function nfrRules(world: World, ctx: DecideContext, license: NfrLicense): RuleTrace[] {
  const partner = world.partnersById.get(license.partnerId);
  const licenses = world.nfrByPartner.get(license.partnerId) ?? [];
  const out: RuleTrace[] = [];
  if (partner !== undefined) {
    const e = nfrEligibility(partner, ctx.now);
    out.push(trace("NFR-1", { track: partner.track, compliant: partner.compliant }, e.outcome, e.reasons));
  }
  const one = nfrOneOfEach(license, licenses, ctx.now);
  out.push(trace("NFR-2", { deployment: license.deployment, isAddOn: license.isAddOn, partnerLicenses: licenses.map((l) => `${l.id}:${l.deployment}:${l.status}`) }, one.outcome, one.reasons));
  if (partner !== undefined) {
    const s = nfrSeatLimit(partner, license);
    out.push(trace("NFR-3", { track: partner.track, seats: license.seats, approvedByAccountManager: license.approvedByAccountManager }, s.outcome, s.reasons));
  }
  const x = nfrExpiry(license, licenses, ctx.now);
  out.push(trace("NFR-4", { startsAt: iso(license.startsAt), isAddOn: license.isAddOn, expiresAt: iso(x.expiresAt), now: iso(ctx.now) }, x.outcome, x.reasons));
  if (partner !== undefined) {
    const r = nfrRenewal(partner, license);
    out.push(trace("NFR-5", { renewalOf: license.renewalOf, compliant: partner.compliant }, r.outcome, r.reasons));
  }
  const p = nfrProcessing(license, ctx.now, ctx.rules.holidays);
  out.push(trace("NFR-6", { requestedAt: iso(license.requestedAt), processedAt: iso(license.processedAt), dueBy: iso(p.dueBy), holidays: [...ctx.rules.holidays] }, p.outcome, p.reasons));
  return out;
}

function partnerRules(ctx: DecideContext, partner: Partner): RuleTrace[] {
  const e = nfrEligibility(partner, ctx.now);
  return [
    failuresTrace("ELIG-1", { agreementSigned: partner.agreementSigned, agreementSignedAt: iso(partner.agreementSignedAt) }, authorizationFailures(partner)),
    failuresTrace("ELIG-2", { people: partner.people.map((p) => `${p.id}:${p.active ? "active" : "inactive"}:${p.trainings.map((t) => `${t.name}@${iso(t.completedAt)}`).join("|")}`), now: iso(ctx.now) }, foundationsTrainingFailures(partner, ctx.now)),
    failuresTrace("ELIG-3", { track: partner.track }, quoteTrackFailures(partner)),
    failuresTrace("ELIG-4", { compliant: partner.compliant }, complianceFailures(partner)),
    trace("NFR-1", { track: partner.track, compliant: partner.compliant }, e.outcome, e.reasons),
  ];
}

function opportunityRules(world: World, ctx: DecideContext, opp: Opportunity): RuleTrace[] {
  const out: RuleTrace[] = [];
  const group = world.registrationsByOpportunity.get(opp.id) ?? [];
  const q = evaluateOpportunityRegistrations({ opportunityId: opp.id, opportunity: opp, registrations: group, partnersById: world.partnersById, newlyApprovedIds: ctx.newlyApprovedIds, now: ctx.now });
  const flag = q.actions.filter((a) => a.kind === "FLAG_OPPORTUNITY");
  out.push(trace("DR-5", { registrations: group.map((r) => `${r.id}:${r.status}`), holderId: q.holderId, isClosed: opp.isClosed }, flag.length > 0 ? "REP_TO_CHOOSE_RESELLER" : "no-flag", flag.flatMap((a) => a.reasons)));
  const contact = endUserContactCheck(opp.id, opp.endUserContact);
  out.push(trace("Q-1", { email: opp.endUserContact?.email != null, shippingAddress: opp.endUserContact?.shippingAddress ?? null, postalCode: opp.endUserContact?.postalCode ?? null }, contact.outcome, contact.reasons));
  const reseller = opp.resoldByPartnerId === null ? undefined : world.partnersById.get(opp.resoldByPartnerId);
  if (reseller !== undefined) {
    const c = transactingChannel(reseller, opp.publicSector, ctx.rules.distributors);
    out.push(trace("Q-2", { partnerId: reseller.id, track: reseller.track, country: reseller.country, region: reseller.region, publicSector: opp.publicSector }, c.outcome, c.reasons));
  }
  if (opp.type === "Renewal") {
    const purchases = (opp.accountId === null ? [] : (world.opportunitiesByAccount.get(opp.accountId) ?? [])).filter((p) => p.id !== opp.id);
    const found = incumbentOf(purchases, ctx.now);
    out.push(trace("REN-4", { accountId: opp.accountId, incumbentPartnerId: opp.incumbentPartnerId, purchases: purchases.map((p) => `${p.id}:${p.isWon ? "won" : "open/lost"}@${iso(p.closeDate)}`) }, found.outcome, found.reasons));
    const incumbent = opp.incumbentPartnerId === null ? undefined : world.partnersById.get(opp.incumbentPartnerId);
    if (incumbent !== undefined) {
      const inc = incumbency(incumbent, opp);
      out.push(trace("REN-4", { partnerId: incumbent.id, compliant: incumbent.compliant, customerRequestedOtherPartner: opp.customerRequestedOtherPartner }, inc.outcome, inc.reasons));
      const plan = renewalDiscountPlan(incumbent, opp, world.renewalAddedSeats?.get(opp.id) ?? null, ctx.rules.discountRates);
      out.push(trace("REN-1..3", { tier: opp.tier, previousTier: opp.previousTier, lines: plan.lines.map((l) => `${l.portion}:${l.type}:${l.rate}`) }, plan.outcome, plan.reasons));
    }
  }
  return out;
}

function evaluationRules(world: World, ctx: DecideContext, license: EvaluationLicense, outcome: RegistrationOutcome): RuleTrace[] {
  const reg = decidedRegistration(world, outcome, license.registrationId);
  const issuable = evaluationIssuable(license, reg);
  const term = evaluationTerm(license, ctx.now);
  const managed = managedEvaluationCheck(license);
  return [
    trace("EVAL-1", { registrationId: license.registrationId, registrationStatus: reg?.status ?? null }, issuable.outcome, issuable.reasons),
    trace("EVAL-1", { issuedAt: iso(license.issuedAt), expiresAt: iso(term.expiresAt), now: iso(ctx.now) }, term.outcome, term.reasons),
    trace("EVAL-2", { sequence: license.sequence, managed: license.managed, solutionsArchitectId: license.solutionsArchitectId }, managed.outcome, managed.reasons),
  ];
}

export function explain(world: World, ctx: DecideContext, entity: string, id: string): Explanation {
  // The whole pass, so the record's writes and findings are exactly what decide would produce.
  const { decisions, registrations: outcome } = decideWithOutcome(world, ctx);
  let rules: RuleTrace[] | null = null;
  if (entity === "DealRegistration") { const r = world.registrationsById.get(id); if (r) rules = registrationRules(world, ctx, r, outcome); }
  else if (entity === "Prospect") { const p = world.prospectsById.get(id); if (p) rules = prospectRules(world, ctx, p); }
  else if (entity === "NfrLicense") { const l = world.nfrById.get(id); if (l) rules = nfrRules(world, ctx, l); }
  else if (entity === "Partner") { const p = world.partnersById.get(id); if (p) rules = partnerRules(ctx, p); }
  else if (entity === "Opportunity") { const o = world.opportunitiesById.get(id); if (o) rules = opportunityRules(world, ctx, o); }
  else if (entity === "EvaluationLicense") { const e = world.evaluationsById.get(id); if (e) rules = evaluationRules(world, ctx, e, outcome); }
  else if (entity === "RebateAccrual") { const a = world.accrualsById.get(id); if (a) rules = accrualRules(world, ctx, a, outcome); }
  else throw new RangeError(`rules explain: unknown entity "${entity}"; one of ${EXPLAINABLE.join(", ")}`);
  const mine = <T extends { entity: string; key: string }>(xs: T[]): T[] => xs.filter((x) => x.entity === entity && x.key === id);
  return {
    entity, id, now: ctx.now.toISOString(), found: rules !== null, rules: rules ?? [],
    writes: mine(decisions.writes), findings: mine(decisions.findings), withheld: mine(decisions.withheld),
  };
}
