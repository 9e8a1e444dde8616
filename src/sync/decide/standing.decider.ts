// ELIG-1..4: a partner's standing checked where it matters — registrations in play from a partner that
// may not register deals (ELIG-1/2), a partner transacting on a track that cannot quote (ELIG-3), an
// approval held by a partner no longer in good standing (ELIG-4). Reported, never written: standing
// is the vendor's to fix in the CRM.
import { authorizationFailures, complianceFailures, mayRegisterDeals, quoteTrackFailures } from "../../rules/standing.js";
import type { Reason } from "../../rules/decision.js";
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

/** What one partner is reported for, judged once per pass; refs are collected only for a partner with something to report. */
interface PartnerFailures {
  /** ELIG-1/2: may not register deals. */
  register: Reason[];
  /** ELIG-3: may not quote (ELIG-1 is in `register`, named with the deals only when no registration said it). */
  quoteTrack: Reason[];
  /** ELIG-4. */
  compliance: Reason[];
  refs: PartnerRefs;
}

export function decideStanding(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome): void {
  // Partners in good standing (most) report nothing: their registrations and deals are not listed at
  // all — no ref built, no entry (62k registrations in play a 100k world). One lookup per record in play.
  const failing = new Map<string, PartnerFailures>();
  // ELIG-1/2 (`register`) is reported only with the partner's registrations in play, so ELIG-2 (which
  // reads the partner's people) is judged only for those partners; any other takes ELIG-1 alone.
  const registering = new Set<string>();
  for (const reg of outcome.inOrder) if (inPlay(reg)) registering.add(reg.partnerId);
  for (const partner of world.partners) {
    const register = registering.has(partner.id) ? mayRegisterDeals(partner, ctx.now).reasons : authorizationFailures(partner);
    const quoteTrack = quoteTrackFailures(partner);
    const compliance = complianceFailures(partner);
    // `register` holds ELIG-1's authorization failure: a partner failing only that is in the map too.
    if (register.length + quoteTrack.length + compliance.length === 0) continue;
    failing.set(partner.id, { register, quoteTrack, compliance, refs: { active: null, approved: null, reselling: null } });
  }
  if (failing.size === 0) return;
  for (const reg of outcome.inOrder) {
    if (!inPlay(reg)) continue;
    const f = failing.get(reg.partnerId);
    if (f === undefined) continue;
    const r = f.refs;
    r.active = push(r.active, "DealRegistration", reg.id);
    if (reg.status === "Approved") r.approved = push(r.approved, "DealRegistration", reg.id);
  }
  for (const opp of world.opportunities) {
    if (opp.resoldByPartnerId === null || (opp.isClosed && !opp.isWon)) continue;
    const f = failing.get(opp.resoldByPartnerId);
    if (f === undefined) continue;
    f.refs.reselling = push(f.refs.reselling, "Opportunity", opp.id);
  }

  for (const partner of world.partners) {
    const f = failing.get(partner.id);
    if (f === undefined) continue;
    const r = f.refs;
    // ELIG-1 + ELIG-2 — handbook "Deal Registration Program Overview"
    const regs = r.active;
    if (regs !== null) sink.reportAll("violation", "Partner", partner.id, f.register, regs);
    // ELIG-1 + ELIG-3 — handbook "Quote to Order": transacting needs an authorized Open or Select partner.
    const deals = r.reselling;
    if (deals !== null) sink.reportAll("violation", "Partner", partner.id, regs === null ? [...f.quoteTrack, ...authorizationFailures(partner)] : f.quoteTrack, deals);
    // ELIG-4 — handbook "Administration": an existing approval stays (DR-8 judges arriving approvals
    // only), but the partner loses incumbency and NFR rights; sales should know.
    const held = r.approved;
    if (held !== null) sink.reportAll("info", "Partner", partner.id, f.compliance, held);
  }
}

/** A registration in play: submitted or approved (what ELIG-1/2 are reported with). */
function inPlay(reg: { status: string }): boolean {
  return reg.status === "Submitted" || reg.status === "Approved";
}
