// DISC-1..4 (and REN-1..4 on renewals): the discount type and rate each registration in play earns,
// written on the registration as `derived.discountType` / `derived.discountRate` so partners and
// quoting see the same answer. Judged on the registrations as this pass decides them (DR-3 holder).
import type { DealRegistration } from "../../domain/deal-registration.js";
import type { Opportunity } from "../../domain/opportunity.js";
import type { Partner } from "../../domain/partner.js";
import type { Decision, Reason } from "../../rules/decision.js";
import { discountFor, discountTerms } from "../../rules/discount-type.js";
import { renewalDiscountPlan } from "../../rules/renewals.js";
import { mayRegisterDeals, type StandingOutcome } from "../../rules/standing.js";
import { NO_REPORT, type DecisionSink } from "./decisions.js";
import type { RegistrationOutcome } from "./registrations.decider.js";
import type { DecideContext, World } from "./world.js";

export interface RegistrationDiscount {
  type: string | null;
  rate: number | null;
  reasons: Reason[];
}

/** DISC-1..4 for one registration's partner; renewals go through REN-1..4 (DISC-3). */
export function registrationDiscount(world: World, ctx: DecideContext, partner: Partner, opportunity: Opportunity, holder: DealRegistration | null, standing?: Decision<StandingOutcome>): RegistrationDiscount {
  const decision = discountFor(partner, opportunity, holder, ctx.rules, ctx.now, standing);
  if (decision.outcome !== "renewal-rules") {
    return { type: decision.outcome === "none" ? null : decision.outcome, rate: decision.rate, reasons: decision.reasons };
  }
  const seats = world.renewalAddedSeats?.get(opportunity.id) ?? null;
  const plan = renewalDiscountPlan(partner, opportunity, seats, ctx.rules.discountRates);
  // The renewed (or whole-deal) line is the registration's own discount; added licenses are a second line.
  const line = plan.lines[0];
  const type = line === undefined || line.type === "none" ? null : line.type;
  return { type, rate: type === null ? null : (line?.rate ?? null), reasons: [...decision.reasons, ...plan.reasons] };
}

export function decideDiscounts(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome): void {
  // ELIG-1/2 once per partner, not once per deal: a partner's trainings are scanned (and the reason
  // built) once per pass. The rule stays pure; the cache lives only as long as this call.
  const partnerOf = new Map<string, { partner: Partner; standing: Decision<StandingOutcome> } | null>();
  // The groups as the registrations decider left them: opportunity, decided registrations and holder
  // already looked up once per opportunity.
  for (const group of outcome.groups) {
    const opportunity = group.opportunity;
    if (opportunity === null) continue;
    const { original, registrations, holder } = group;
    for (let i = 0; i < registrations.length; i++) {
      const reg = registrations[i] as DealRegistration;
      if (reg.program !== "Deal Registration" || (reg.status !== "Submitted" && reg.status !== "Approved")) continue;
      // One lookup per registration: the partner and its standing are kept together.
      let known = partnerOf.get(reg.partnerId);
      if (known === undefined) {
        const p = world.partnersById.get(reg.partnerId);
        partnerOf.set(reg.partnerId, (known = p === undefined ? null : { partner: p, standing: mayRegisterDeals(p, ctx.now) }));
      }
      if (known === null) continue;
      const { partner, standing } = known;
      const terms = discountTerms(partner, opportunity, holder, ctx.rules, standing.outcome);
      if (terms.outcome === "renewal-rules") {
        const discount = registrationDiscount(world, ctx, partner, opportunity, holder, standing);
        sink.propose("DealRegistration", reg.id, original[i] as DealRegistration, { "derived.discountType": discount.type, "derived.discountRate": discount.rate }, discount.reasons, NO_REPORT);
        continue;
      }
      // The reasons (a message or two each) are written only when the discount changes: 17.5k of 62k.
      const desired = { "derived.discountType": terms.outcome === "none" ? null : terms.outcome, "derived.discountRate": terms.rate };
      sink.propose("DealRegistration", reg.id, original[i] as DealRegistration, desired, () => discountFor(partner, opportunity, holder, ctx.rules, ctx.now, standing).reasons, NO_REPORT);
    }
  }
}
