// DR-1..DR-8 applied to every opportunity's registrations (rules/registration-queue.ts), turned into
// writes of the fields partner-sync owns: status Expired (DR-4), back to Submitted (DR-3), Rejected
// (DR-7), next-in-line (DR-5), the opportunity's REP_TO_CHOOSE_RESELLER flag; DR-8 refusals are
// reported and their approval withheld from the other systems, never written.
import type { DealRegistration } from "../../domain/deal-registration.js";
import type { Opportunity } from "../../domain/opportunity.js";
import { approvability, approvalDeadline } from "../../rules/deal-registration.js";
import { reason, type Reason } from "../../rules/decision.js";
import { evaluateOpportunityRegistrations, type RegistrationAction } from "../../rules/registration-queue.js";
import { NO_REPORT, type DecisionSink, type EntityRef } from "./decisions.js";
import type { FieldValue } from "./field-value.js";
import { compareIds, type DecideContext, type World } from "./world.js";

/** What later deciders (discounts, rebates, evaluations) need: the registrations as decided. */
export interface RegistrationOutcome {
  /** Registrations this pass changes, in their decided state. */
  decided: ReadonlyMap<string, DealRegistration>;
  /** DR-3: the registration holding each opportunity's approval after the decisions. */
  holderByOpportunity: ReadonlyMap<string, string | null>;
  /** `world.registrations` as decided, same order: deciders walking every registration index it, no lookup each. */
  inOrder: readonly DealRegistration[];
  /**
   * One entry per `world.registrationsByOpportunity` group, in its order: the later deciders walk the
   * groups with what this decider already looked up, instead of three map lookups per registration.
   */
  groups: readonly DecidedGroup[];
}

/** An opportunity's registrations as decided (`registrations[i]` is `original[i]` as decided). */
export interface DecidedGroup {
  opportunityId: string;
  opportunity: Opportunity | null;
  original: readonly DealRegistration[];
  registrations: readonly DealRegistration[];
  /** DR-3: the registration holding the approval after the decisions, as decided. */
  holder: DealRegistration | null;
}

/** The registration as this pass decides it (the hot loops pass the record itself: one small-map lookup). */
export function asDecided(outcome: RegistrationOutcome, reg: DealRegistration): DealRegistration {
  return outcome.decided.size === 0 ? reg : (outcome.decided.get(reg.id) ?? reg);
}

export function decidedRegistration(world: World, outcome: RegistrationOutcome, id: string | null): DealRegistration | null {
  if (id === null) return null;
  return outcome.decided.get(id) ?? world.registrationsById.get(id) ?? null;
}

// Acting on one action can enable another: a duplicate set back to Submitted (DR-3) may now be DR-7
// refused, which moves next-in-line. Re-evaluating the group on its decided state until nothing
// changes makes the pass a fixpoint, so a second pass over the applied result writes nothing. Only a
// reset enables new actions (expiry, refusal and next-in-line are already settled within one
// evaluation), so only then is the group evaluated again; the cap guards against a rule bug.
const MAX_ROUNDS = 4;
const NOT_CHECKABLE_CODES: ReadonlySet<string> = new Set(["OPPORTUNITY_MISSING", "APPROVAL_DATE_MISSING"]);

function stateChange(action: RegistrationAction, now: Date): Partial<DealRegistration> | null {
  switch (action.kind) {
    case "EXPIRE": return { status: "Expired", nextInLine: false };
    case "RESET_TO_SUBMITTED": return { status: "Submitted" };
    case "REFUSE_REGISTRATION": return { status: "Rejected", rejectedAt: now, nextInLine: false };
    case "MARK_NEXT_IN_LINE": return { nextInLine: true };
    case "CLEAR_NEXT_IN_LINE": return { nextInLine: false };
    default: return null;
  }
}

function decideOpportunity(world: World, ctx: DecideContext, sink: DecisionSink, opportunityId: string, opportunity: Opportunity | null, group: readonly DealRegistration[], decided: Map<string, DealRegistration>, flagged: Set<string>): DecidedGroup {
  let current = group;
  // Created on first use: most opportunities need no state change (this runs for every one, every pass).
  let why: Map<string, Reason[]> | null = null;
  let result = evaluateOpportunityRegistrations({ opportunityId, opportunity, registrations: current, partnersById: world.partnersById, newlyApprovedIds: ctx.newlyApprovedIds, now: ctx.now });
  for (let round = 1; round < MAX_ROUNDS; round++) {
    let next: Map<string, DealRegistration> | null = null;
    let reset = false;
    for (const action of result.actions) {
      if (action.kind === "FLAG_OPPORTUNITY") continue;
      const change = stateChange(action, ctx.now);
      if (change === null) continue;
      if (action.kind === "RESET_TO_SUBMITTED") reset = true;
      const base = next?.get(action.registrationId) ?? current.find((r) => r.id === action.registrationId);
      if (base === undefined) continue;
      (next ??= new Map()).set(base.id, { ...base, ...change });
      why ??= new Map();
      const earlier = why.get(base.id);
      if (earlier === undefined) why.set(base.id, [...action.reasons]);
      else for (const r of action.reasons) earlier.push(r);
    }
    if (next === null) break;
    const changed = next;
    current = current.map((r) => changed.get(r.id) ?? r);
    if (!reset) break;
    result = evaluateOpportunityRegistrations({ opportunityId, opportunity, registrations: current, partnersById: world.partnersById, newlyApprovedIds: ctx.newlyApprovedIds, now: ctx.now });
  }
  // DR-8: an approval withheld from the other systems gets no derived approval facts either.
  let refused: Set<string> | null = null;
  for (const a of result.actions) if (a.kind === "REFUSE_APPROVAL") (refused ??= new Set()).add(a.registrationId);
  let related: EntityRef[] | null = null;
  const toOpportunity = (): EntityRef[] => (related ??= [{ entity: "Opportunity", key: opportunityId }]);
  // The group as decided: a copy only when a registration's state is written (what `decided` holds).
  let decidedGroup: DealRegistration[] | null = null;

  for (let i = 0; i < current.length; i++) {
    const reg = current[i] as DealRegistration;
    const original = group[i] as DealRegistration;
    const reasons = why?.get(reg.id);
    if (reasons !== undefined) {
      const desired: Record<string, FieldValue> = { status: reg.status, rejectedAt: reg.rejectedAt, nextInLine: reg.nextInLine };
      if (sink.propose("DealRegistration", reg.id, original, desired, reasons, { related: toOpportunity() })) {
        decided.set(reg.id, reg);
        (decidedGroup ??= group.slice())[i] = reg;
      }
    }
    if (original.status === "Approved" && refused?.has(reg.id) !== true) {
      const expiresAt = approvalDeadline(original, opportunity);
      if (expiresAt !== null) {
        // The reason is built only when the value is written (a pass over a settled world writes none).
        const why = (): Reason[] => [reason("DR-4", "EXPIRY_DEADLINE", `registration ${reg.id} approval runs until ${expiresAt.toISOString()}`)];
        sink.propose("DealRegistration", reg.id, original, { "derived.expiresAt": expiresAt }, why, NO_REPORT);
      }
    }
  }
  // Reports come from the settled round: they describe the state the writes leave behind.
  for (const action of result.actions) {
    if (action.kind === "REPORT") {
      for (const r of action.reasons) sink.report(NOT_CHECKABLE_CODES.has(r.code) ? "not-checkable" : "violation", "DealRegistration", action.registrationId, r, toOpportunity());
    } else if (action.kind === "REFUSE_APPROVAL") {
      refuseApproval(sink, world.registrationsById.get(action.registrationId) as DealRegistration, action.reasons);
    } else if (action.kind === "FLAG_OPPORTUNITY") {
      flagged.add(opportunityId);
      sink.propose("Opportunity", opportunityId, opportunity, { "derived.repToChooseReseller": true }, action.reasons);
    }
  }
  const registrations = decidedGroup ?? group;
  return { opportunityId, opportunity, original: group, registrations, holder: holderIn(world, decided, registrations, result.holderId) };
}

/** The holder as decided: found in its own group (a few entries) before any map. */
function holderIn(world: World, decided: ReadonlyMap<string, DealRegistration>, registrations: readonly DealRegistration[], id: string | null): DealRegistration | null {
  if (id === null) return null;
  for (const r of registrations) if (r.id === id) return r;
  return decided.get(id) ?? world.registrationsById.get(id) ?? null;
}

// DR-8 — the approval arrived from the CRM but the registration is not approvable: reported, and the
// Approved status is withheld from the portal rather than propagated.
function refuseApproval(sink: DecisionSink, reg: DealRegistration, reasons: readonly Reason[]): void {
  const related = [{ entity: "Partner", key: reg.partnerId }];
  sink.reportAll("violation", "DealRegistration", reg.id, reasons, related);
  sink.withhold("DealRegistration", reg.id, "status", "Approved", reasons);
}

export function decideRegistrations(world: World, ctx: DecideContext, sink: DecisionSink): RegistrationOutcome {
  const decided = new Map<string, DealRegistration>();
  const flagged = new Set<string>();
  const groups: DecidedGroup[] = [];
  // The groups' keys and the opportunities are both in id order: each group's opportunity is found by
  // walking the two side by side, not looked up (60k lookups a 100k world).
  const byOpportunity = world.registrationsByOpportunity;
  const opportunities = world.opportunities;
  let o = 0;
  for (const opportunityId of byOpportunity.orderedKeys()) {
    while (o < opportunities.length && (opportunities[o] as Opportunity).id < opportunityId) o++;
    // The last of equal ids, as a map by id would keep.
    while (o + 1 < opportunities.length && (opportunities[o + 1] as Opportunity).id === opportunityId) o++;
    const opportunity = o < opportunities.length && (opportunities[o] as Opportunity).id === opportunityId ? (opportunities[o] as Opportunity) : null;
    groups.push(decideOpportunity(world, ctx, sink, opportunityId, opportunity, byOpportunity.get(opportunityId) as readonly DealRegistration[], decided, flagged));
  }

  // DR-8 for approvals the queue does not see: services-attach registrations and ones naming no opportunity.
  for (const id of [...ctx.newlyApprovedIds].sort(compareIds)) {
    const reg = world.registrationsById.get(id);
    if (reg === undefined || reg.status !== "Approved") continue;
    if (reg.program === "Deal Registration" && reg.opportunityId !== null) continue;
    const verdict = approvability(reg, world.partnersById.get(reg.partnerId) ?? null, ctx.now);
    if (verdict.outcome === "NOT_APPROVABLE") refuseApproval(sink, reg, verdict.reasons);
  }

  // DR-5: a flag set by an earlier pass comes down once the opportunity has a reseller in line again.
  for (const [key, fields] of world.derived.get("Opportunity") ?? []) {
    if (fields["derived.repToChooseReseller"] !== true || flagged.has(key)) continue;
    // Judged only with the opportunity's registrations in view (registration and accrual pages load
    // the whole group): an Opportunity page alone cannot tell whether a reseller is in line, and
    // clearing there would undo the flag a registration page set (flip-flop between passes).
    if (!world.registrationsByOpportunity.has(key)) continue;
    const why = (): Reason[] => [reason("DR-5", "RESELLER_IN_LINE", `opportunity ${key} no longer lacks an approved or next-in-line registration`)];
    sink.propose("Opportunity", key, world.opportunitiesById.get(key) ?? {}, { "derived.repToChooseReseller": false }, why);
  }
  // The deciders read the holder from `groups`; the map by opportunity id is built only for a reader
  // that asks (explain, an accrued first-order incentive): 60k entries a pass would otherwise cost.
  let holders: Map<string, string | null> | null = null;
  return {
    decided,
    get holderByOpportunity() {
      return (holders ??= holderMap(groups));
    },
    inOrder: decidedInOrder(world.registrations, decided),
    groups,
  };
}

function holderMap(groups: readonly DecidedGroup[]): Map<string, string | null> {
  const holders = new Map<string, string | null>();
  for (const g of groups) holders.set(g.opportunityId, g.holder?.id ?? null);
  return holders;
}

/**
 * `registrations` (id order) with the decided ones replaced: the decided ids sorted natively, then one
 * merge walk, so only the few thousand decided registrations are looked up, not all 100k.
 */
function decidedInOrder(registrations: readonly DealRegistration[], decided: ReadonlyMap<string, DealRegistration>): readonly DealRegistration[] {
  if (decided.size === 0) return registrations;
  const ids = [...decided.keys()].sort();
  const out: DealRegistration[] = new Array(registrations.length);
  let j = 0;
  for (let i = 0; i < registrations.length; i++) {
    const r = registrations[i] as DealRegistration;
    while (j < ids.length && (ids[j] as string) < r.id) j++;
    out[i] = j < ids.length && ids[j] === r.id ? (decided.get(r.id) as DealRegistration) : r;
  }
  return out;
}

