// ELIG-1..4: a partner's standing checked where it matters — registrations in play from a partner that
// may not register deals (ELIG-1/2), a partner transacting on a track that cannot quote (ELIG-3), an
// approval held by a partner no longer in good standing (ELIG-4). Reported, never written: standing
// is the vendor's to fix in the CRM.
import { authorizationFailures, complianceFailures, mayRegisterDeals, quoteTrackFailures } from "../../rules/standing.js";
import type { DecisionSink, EntityRef } from "./decisions.js";
import type { RegistrationOutcome } from "./registrations.decider.js";
import type { DecideContext, World } from "./world.js";

const MAX_RELATED = 20;

// The ref is built only when it is kept (a partner with thousands of registrations lists 20).
function push(map: Map<string, EntityRef[]>, partnerId: string, entity: string, key: string): void {
  const list = map.get(partnerId);
  if (list === undefined) map.set(partnerId, [{ entity, key }]);
  else if (list.length < MAX_RELATED) list.push({ entity, key });
}

export function decideStanding(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome): void {
  const active = new Map<string, EntityRef[]>();
  const approved = new Map<string, EntityRef[]>();
  for (const reg of outcome.inOrder) {
    if (reg.status !== "Submitted" && reg.status !== "Approved") continue;
    push(active, reg.partnerId, "DealRegistration", reg.id);
    if (reg.status === "Approved") push(approved, reg.partnerId, "DealRegistration", reg.id);
  }
  const reselling = new Map<string, EntityRef[]>();
  for (const opp of world.opportunities) {
    if (opp.resoldByPartnerId !== null && !(opp.isClosed && !opp.isWon)) push(reselling, opp.resoldByPartnerId, "Opportunity", opp.id);
  }

  for (const partner of world.partners) {
    // ELIG-1 + ELIG-2 — handbook "Deal Registration Program Overview"
    const regs = active.get(partner.id);
    if (regs !== undefined) sink.reportAll("violation", "Partner", partner.id, mayRegisterDeals(partner, ctx.now).reasons, regs);
    // ELIG-1 + ELIG-3 — handbook "Quote to Order": transacting needs an authorized Open or Select partner.
    const deals = reselling.get(partner.id);
    if (deals !== undefined) sink.reportAll("violation", "Partner", partner.id, [...quoteTrackFailures(partner), ...(regs === undefined ? authorizationFailures(partner) : [])], deals);
    // ELIG-4 — handbook "Administration": an existing approval stays (DR-8 judges arriving approvals
    // only), but the partner loses incumbency and NFR rights; sales should know.
    const held = approved.get(partner.id);
    if (held !== undefined) sink.reportAll("info", "Partner", partner.id, complianceFailures(partner), held);
  }
}
