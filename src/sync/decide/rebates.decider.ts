// SA / REF / FOI rebates with their payout (PAY-1..5), as RebateAccrual records partner-sync owns:
// amount, USD amount, earned quarter, due date, status and overdue flag. Coupa owns payment (`paidAt`,
// invoice), which is read, never written. The finance report reading these accruals is another issue.
import type { DealRegistration } from "../../domain/deal-registration.js";
import type { Opportunity } from "../../domain/opportunity.js";
import type { RebateAccrual, RebateKind } from "../../domain/rebate-accrual.js";
import { firstOrderIncentive } from "../../rules/first-order-incentive.js";
import { payoutStatus } from "../../rules/payout.js";
import { toRebateAccrual } from "../../rules/rebate-accrual.js";
import type { RebateDecision } from "../../rules/rebate-decision.js";
import { referralFee } from "../../rules/referral-fee.js";
import { servicesAttachRebate } from "../../rules/services-attach.js";
import { NO_REPORT, type DecisionSink } from "./decisions.js";
import { decidedRegistration, type RegistrationOutcome } from "./registrations.decider.js";
import { ReasonCodeTexts } from "./reason-code-texts.js";
import { REASON_CODES, sameCodes } from "./write-fields.js";
import { currentDerived, type DecideContext, type World } from "./world.js";

export interface RebateCandidate {
  kind: RebateKind;
  registration: DealRegistration;
  opportunity: Opportunity | null;
  /** FOI: the opportunity's approval holder as decided, when the candidate list already knows it. */
  holder?: DealRegistration | null;
}

/** SA-1: the licensing sale a services-attach registration links to, directly or through a registration. */
export function linkedSale(world: World, reg: DealRegistration): Opportunity | null {
  const viaRegistration = reg.linkedRegistrationId === null ? null : (world.registrationsById.get(reg.linkedRegistrationId)?.opportunityId ?? null);
  const id = reg.linkedOpportunityId ?? viaRegistration;
  return id === null ? null : (world.opportunitiesById.get(id) ?? null);
}

/**
 * Registrations already accrued, per kind (accrual ids are `${kind}:${registrationId}`; kinds hold no
 * ':'). A set per kind: the walk below asks "has an FOI accrual?" of every registration, and the FOI set
 * is small enough to stay in cache, where one set of every accrued registration was not.
 */
function accruedByKind(world: World): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  for (const id of world.accrualsById.keys()) {
    const colon = id.indexOf(":");
    if (colon < 0) continue;
    const kind = id.slice(0, colon);
    let ids = kinds.get(kind);
    if (ids === undefined) kinds.set(kind, (ids = new Set()));
    ids.add(id.slice(colon + 1));
  }
  return kinds;
}

/**
 * Which registrations may accrue what, judged on the registrations as this pass decides them. Walked
 * by opportunity group (the opportunity and its holder looked up once per group), so the list is in
 * group order; each candidate is its own accrual, so the order does not reach the decisions.
 */
export function rebateCandidates(world: World, outcome: RegistrationOutcome): RebateCandidate[] {
  const out: RebateCandidate[] = [];
  // One lookup per registration in an index built once, instead of three `${kind}:${id}` strings hashed each.
  // Undefined when no accrual of the kind exists (a first pass): then no lookup at all.
  const accrued = accruedByKind(world);
  const accruedSa = accrued.get("SERVICES_ATTACH");
  const accruedReferral = accrued.get("REFERRAL_FEE");
  const accruedFoi = accrued.get("FIRST_ORDER_INCENTIVE");
  // SA-1: services-attach registrations name their sale through the link, not an opportunity group.
  for (const reg of outcome.inOrder) {
    if (reg.program !== "Service Attached Registration") continue;
    if (reg.status !== "Rejected" && reg.status !== "Dissolved" || accruedSa?.has(reg.id) === true) out.push({ kind: "SERVICES_ATTACH", registration: reg, opportunity: linkedSale(world, reg) });
  }
  for (const group of outcome.groups) {
    const opportunity = group.opportunity;
    if (opportunity === null) continue;
    const holderId = group.holder?.id ?? null;
    for (const reg of group.registrations) {
      if (reg.program === "Service Attached Registration") continue;
      if (reg.dealType === "Referral" && (reg.status === "Approved" || accruedReferral?.has(reg.id) === true)) out.push({ kind: "REFERRAL_FEE", registration: reg, opportunity });
      // FOI-1/2: only a target-list new logo can earn it; judging every holder would accrue thousands of INELIGIBLEs.
      if ((holderId === reg.id && opportunity.newLogo && opportunity.firstOrderTargetList) || accruedFoi?.has(reg.id) === true) {
        out.push({ kind: "FIRST_ORDER_INCENTIVE", registration: reg, opportunity, holder: group.holder });
      }
    }
  }
  return out;
}

export function judgeRebate(world: World, ctx: DecideContext, outcome: RegistrationOutcome, c: RebateCandidate): RebateDecision | null {
  const partner = world.partnersById.get(c.registration.partnerId);
  if (partner === undefined) return null;
  if (c.kind === "SERVICES_ATTACH") return servicesAttachRebate(c.registration, partner, c.opportunity, ctx.rules);
  if (c.opportunity === null) return null;
  if (c.kind === "REFERRAL_FEE") return referralFee(c.registration, partner, c.opportunity, ctx.rules);
  const holder = c.holder !== undefined ? c.holder : decidedRegistration(world, outcome, outcome.holderByOpportunity.get(c.opportunity.id) ?? null);
  return firstOrderIncentive(holder, partner, c.opportunity, ctx.rules);
}

export function accrualFor(world: World, ctx: DecideContext, outcome: RegistrationOutcome, c: RebateCandidate): RebateAccrual | null {
  const rebate = judgeRebate(world, ctx, outcome, c);
  if (rebate === null) return null;
  const existing = world.accrualsById.get(`${c.kind}:${c.registration.id}`) ?? null;
  const source = { kind: c.kind, partnerId: c.registration.partnerId, registrationId: c.registration.id, opportunityId: c.opportunity?.id ?? null, paidAt: existing?.paidAt ?? null, coupaInvoiceId: existing?.coupaInvoiceId ?? null };
  const payout = payoutStatus({ partnerId: source.partnerId, rebate, banking: world.bankingByPartner.get(source.partnerId) ?? null, paidAt: source.paidAt, now: ctx.now, config: ctx.rules });
  return toRebateAccrual(source, rebate, payout);
}

export function decideRebates(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome): void {
  const texts = new ReasonCodeTexts();
  for (const c of rebateCandidates(world, outcome)) {
    const accrual = accrualFor(world, ctx, outcome, c);
    if (accrual === null) continue;
    const existing = world.accrualsById.get(accrual.id) ?? null;
    const related = [{ entity: "DealRegistration", key: accrual.registrationId }, { entity: "Partner", key: accrual.partnerId }];
    // PAY-3..5: why an accrual is BLOCKED is what finance acts on, and it can change while the status
    // stays (banking connected, the FX rate still missing): codes that differ from the ones held are
    // proposed with the values, so they are written even when nothing else changes.
    const codes = existing === null ? null : texts.list(accrual.reasons);
    const stale = codes !== null && !sameCodes(currentDerived(world, "RebateAccrual", accrual.id, REASON_CODES), codes);
    sink.propose("RebateAccrual", accrual.id, existing, {
      kind: accrual.kind, partnerId: accrual.partnerId, registrationId: accrual.registrationId, opportunityId: accrual.opportunityId,
      amount: accrual.amount, amountUsd: accrual.amountUsd, earnedAt: accrual.earnedAt, earnedQuarter: accrual.earnedQuarter,
      dueAt: accrual.dueAt, status: accrual.status, overdue: accrual.overdue, ...(stale ? { [REASON_CODES]: codes } : {}),
    }, accrual.reasons, NO_REPORT);
    if (accrual.overdue) sink.report("violation", "RebateAccrual", accrual.id, { rule: "PAY-2", code: "OVERDUE", message: `${accrual.id} ${accrual.status}, due ${accrual.dueAt?.toISOString()} and not paid by ${ctx.now.toISOString()}` }, related);
    for (const r of accrual.reasons) if (r.rule === "PAY-5") sink.report("not-checkable", "RebateAccrual", accrual.id, r, related);
  }
}
