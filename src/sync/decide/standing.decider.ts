// ELIG-1..4: a partner's standing checked where it matters — registrations in play from a partner that
// may not register deals (ELIG-1/2), a partner transacting on a track that cannot quote (ELIG-3), an
// approval held by a partner no longer in good standing (ELIG-4). Reported, never written: standing
// is the vendor's to fix in the CRM.
import { authorizationFailures, complianceFailures, mayRegisterDeals, quoteTrackFailures } from "../../rules/standing.js";
import type { DecisionSink, EntityRef } from "./decisions.js";
import type { RegistrationOutcome } from "./registrations.decider.js";
import type { DecideContext, World } from "./world.js";

const MAX_RELATED = 20;

/** A partner's records in play, as related refs (the first 20 of each, in id order). */
interface PartnerRefs {
  active: EntityRef[] | null;
  approved: EntityRef[] | null;
  reselling: EntityRef[] | null;
}

// The ref is built only when it is kept (a partner with thousands of registrations lists 20).
function push(list: EntityRef[] | null, entity: string, key: string): EntityRef[] {
  if (list === null) return [{ entity, key }];
  if (list.length < MAX_RELATED) list.push({ entity, key });
  return list;
}

export function decideStanding(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome): void {
  // One entry per partner: one lookup per record in play, one per partner.
  const refs = new Map<string, PartnerRefs>();
  const refsOf = (partnerId: string): PartnerRefs => {
    let r = refs.get(partnerId);
    if (r === undefined) refs.set(partnerId, (r = { active: null, approved: null, reselling: null }));
    return r;
  };
  for (const reg of outcome.inOrder) {
    if (reg.status !== "Submitted" && reg.status !== "Approved") continue;
    const r = refsOf(reg.partnerId);
    r.active = push(r.active, "DealRegistration", reg.id);
    if (reg.status === "Approved") r.approved = push(r.approved, "DealRegistration", reg.id);
  }
  for (const opp of world.opportunities) {
    if (opp.resoldByPartnerId === null || (opp.isClosed && !opp.isWon)) continue;
    const r = refsOf(opp.resoldByPartnerId);
    r.reselling = push(r.reselling, "Opportunity", opp.id);
  }

  for (const partner of world.partners) {
    const r = refs.get(partner.id);
    if (r === undefined) continue;
    // ELIG-1 + ELIG-2 — handbook "Deal Registration Program Overview"
    const regs = r.active;
    if (regs !== null) sink.reportAll("violation", "Partner", partner.id, mayRegisterDeals(partner, ctx.now).reasons, regs);
    // ELIG-1 + ELIG-3 — handbook "Quote to Order": transacting needs an authorized Open or Select partner.
    const deals = r.reselling;
    if (deals !== null) sink.reportAll("violation", "Partner", partner.id, [...quoteTrackFailures(partner), ...(regs === null ? authorizationFailures(partner) : [])], deals);
    // ELIG-4 — handbook "Administration": an existing approval stays (DR-8 judges arriving approvals
    // only), but the partner loses incumbency and NFR rights; sales should know.
    const held = r.approved;
    if (held !== null) sink.reportAll("info", "Partner", partner.id, complianceFailures(partner), held);
  }
}
