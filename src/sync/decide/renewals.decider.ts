// REN-1..4 on every renewal opportunity: who the incumbent is by the customer's purchases (a CRM
// incumbent that disagrees is reported), whether it keeps incumbency, and the discount lines the
// incumbent earns, written as `derived.incumbentDiscount` ("portion:type:rate" per line).
import type { Opportunity } from "../../domain/opportunity.js";
import { incumbency, incumbentOf, renewalDiscountPlan } from "../../rules/renewals.js";
import { reason } from "../../rules/decision.js";
import { NO_REPORT, type DecisionSink } from "./decisions.js";
import type { DecideContext, World } from "./world.js";

function decideRenewal(world: World, ctx: DecideContext, sink: DecisionSink, opp: Opportunity): void {
  const purchases = (opp.accountId === null ? [] : (world.opportunitiesByAccount.get(opp.accountId) ?? [])).filter((p) => p.id !== opp.id);
  const found = incumbentOf(purchases, ctx.now);
  if (found.outcome === "not-checkable") sink.reportAll("not-checkable", "Opportunity", opp.id, found.reasons);
  else if (found.partnerId !== opp.incumbentPartnerId && opp.accountId !== null) {
    const r = reason("REN-4", "INCUMBENT_MISMATCH", `renewal ${opp.id} names incumbent ${opp.incumbentPartnerId ?? "none"}, but ${found.reasons[0]?.message ?? "the purchases say otherwise"}`);
    sink.report("violation", "Opportunity", opp.id, r, found.partnerId === null ? [] : [{ entity: "Partner", key: found.partnerId }]);
  }

  const partner = opp.incumbentPartnerId === null ? undefined : world.partnersById.get(opp.incumbentPartnerId);
  if (partner === undefined) return;
  const related = [{ entity: "Partner", key: partner.id }];
  const standing = incumbency(partner, opp);
  if (standing.outcome === "not-incumbent") sink.reportAll("info", "Opportunity", opp.id, standing.reasons, related);
  const seats = world.renewalAddedSeats?.get(opp.id) ?? null;
  const plan = renewalDiscountPlan(partner, opp, seats, ctx.rules.discountRates);
  if (plan.outcome === "manual-review") sink.reportAll("info", "Opportunity", opp.id, plan.reasons, related);
  if (plan.outcome === "not-checkable" && world.renewalAddedSeats !== null) {
    sink.reportAll("not-checkable", "Opportunity", opp.id, plan.reasons.filter((r) => r.code.endsWith("UNKNOWN")), related);
  }
  const lines = plan.lines.map((l) => `${l.portion}:${l.type}:${l.rate}`);
  sink.propose("Opportunity", opp.id, opp, { "derived.incumbentDiscount": lines }, plan.reasons, NO_REPORT);
}

export function decideRenewals(world: World, ctx: DecideContext, sink: DecisionSink): void {
  const renewals = world.opportunities.filter((o) => o.type === "Renewal" && !o.isClosed);
  for (const opp of renewals) decideRenewal(world, ctx, sink, opp);
  if (world.renewalAddedSeats === null && renewals.length > 0) {
    const r = reason("REN-2", "ADDED_SEATS_NOT_RECORDED", `no system records licenses added at renewal; REN-2 is not checked on ${renewals.length} open renewals`);
    sink.report("not-checkable", "World", "REN-2", r);
  }
}
