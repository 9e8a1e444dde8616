// Licensing deal-registration scenarios: each builds one opportunity and the registrations on it
// that put one program rule (DR-*, REF-*, FOI-*, EVAL-*) to work. Each returns how many
// registrations it made.
import { createEvaluations, createRegistration as reg } from "./create-registration.js";
import { createRebate } from "./create-rebate.js";
import { createOpportunity as opp } from "./generate-opportunities.js";
import { customer, daysAgo, distributorOf, otherPartner, pickFrom, type ScenarioKit } from "./scenario-kit.js";
import { DAY_MS } from "./wire-format.js";

export type Scenario = (kit: ScenarioKit) => number;

const approvedOpen = (days: [number, number]): Scenario => (kit) => {
  const p = pickFrom(kit, kit.pools.good);
  const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open", distributorSfId: distributorOf(kit, p) });
  const approved = daysAgo(kit, days[0], days[1]);
  const r = reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - kit.ctx.rng.int(1, 10) * DAY_MS, originalApprovedMs: approved });
  if (kit.ctx.rng.chance(0.5)) kit.convertible.push(r);
  if (kit.ctx.rng.chance(0.2)) createEvaluations(kit.ctx, r, kit.ctx.rng.int(1, 3), approved);
  return 1;
};

export const licensingScenarios: Record<string, { weight: number; run: Scenario }> = {
  /** Approved recently on an open opportunity: nothing to do. */
  "approved-open": { weight: 14, run: approvedOpen([1, 85]) },
  /** DR-4: approved more than 90 days ago, opportunity still open, no extension → due to expire. */
  "approved-past-90-days-open": { weight: 5, run: approvedOpen([91, 200]) },
  /** DR-4: an extension replaces the deadline (one still running, one lapsed). */
  extended: { weight: 4, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const lapsed = kit.ctx.rng.chance(0.3);
    const approved = daysAgo(kit, lapsed ? 125 : 92, lapsed ? 160 : 115);
    reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - 3 * DAY_MS, originalApprovedMs: approved,
      approvedMs: approved + 90 * DAY_MS, extendedUntilMs: approved + 120 * DAY_MS });
    return 1;
  } },
  /** DR-5: the approved one already expired; the next Submitted one is next in line. */
  "expired-next-in-line": { weight: 3, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const q = otherPartner(kit, p);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const approved = daysAgo(kit, 100, 180);
    reg(kit.ctx, { partner: p, opp: o, status: "Expired", submittedMs: approved - 5 * DAY_MS, originalApprovedMs: approved,
      reason: { codes: "DR-4:EXPIRED", message: "DR-4 EXPIRED: approved more than 90 days ago on an open opportunity." } });
    reg(kit.ctx, { partner: q, opp: o, status: "Submitted", submittedMs: approved + 10 * DAY_MS, nextInLine: true, mayDrift: false });
    return 2;
  } },
  /** DR-3: two Approved registrations on one opportunity (not yet flagged). */
  "duplicate-approval": { weight: 3, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const q = otherPartner(kit, p);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const first = daysAgo(kit, 20, 60);
    reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: first, originalApprovedMs: first + 2 * DAY_MS, mayDrift: false });
    reg(kit.ctx, { partner: q, opp: o, status: "Approved", submittedMs: first + 4 * DAY_MS, originalApprovedMs: first + 6 * DAY_MS, mayDrift: false });
    return 2;
  } },
  /** DR-2/DR-7: one Approved, later ones Submitted behind it (a new one is ALREADY_ENGAGED). */
  queue: { weight: 4, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const first = daysAgo(kit, 10, 70);
    reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: first, originalApprovedMs: first + DAY_MS });
    const n = kit.ctx.rng.int(1, 2);
    // Same submission instant for the two followers: DR-2 breaks the tie by registration id.
    const later = first + kit.ctx.rng.int(2, 8) * DAY_MS;
    for (let i = 0; i < n; i++) reg(kit.ctx, { partner: otherPartner(kit, p), opp: o, status: "Submitted", submittedMs: later });
    return 1 + n;
  } },
  /** DR-6: rejected, then resubmitted as a new registration with its own time. */
  resubmitted: { weight: 3, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const first = daysAgo(kit, 30, 90);
    const r1 = reg(kit.ctx, { partner: p, opp: o, status: "Rejected", submittedMs: first, rejectedMs: first + 3 * DAY_MS, mayDrift: false });
    reg(kit.ctx, { partner: p, opp: o, status: kit.ctx.rng.chance(0.5) ? "Submitted" : "Approved", submittedMs: first + 10 * DAY_MS,
      originalApprovedMs: first + 12 * DAY_MS, resubmissionOf: r1, mayDrift: false });
    if (kit.ctx.rng.chance(0.3)) createEvaluations(kit.ctx, r1, 1, first + DAY_MS);
    return 2;
  } },
  /** Closed won resale; new logos on the target list of Select partners earn a first-order incentive. */
  "won-resale": { weight: 10, run: (kit) => {
    const p = pickFrom(kit, kit.ctx.rng.chance(0.5) ? kit.pools.select : kit.pools.good);
    const newLogo = kit.ctx.rng.chance(0.5);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "won", newLogo, targetList: newLogo && kit.ctx.rng.chance(0.6),
      distributorSfId: distributorOf(kit, p) });
    const approved = o.closeMs - kit.ctx.rng.int(10, 80) * DAY_MS;
    const r = reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - 2 * DAY_MS, originalApprovedMs: approved, mayDrift: false });
    if (newLogo) {
      const ineligible = p.track !== "Select" ? { codes: "FOI-3:NOT_SELECT_PARTNER", message: "FOI-3 NOT_SELECT_PARTNER: only Select partners earn it." } : null;
      createRebate(kit.ctx, { kind: "First Order", reg: r, earnedMs: o.closeMs, ineligible });
    }
    return 1;
  } },
  /** REF-*: a referral, closed won, not resold (some through a cloud marketplace). */
  "won-referral": { weight: 6, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const marketplace = kit.ctx.rng.chance(0.3) ? kit.ctx.rng.pick(["AWS", "GCP", "Azure"] as const) : null;
    const o = opp(kit.ctx, { customer: customer(kit), reseller: null, stage: "won", newLogo: true, marketplace });
    const approved = o.closeMs - kit.ctx.rng.int(10, 80) * DAY_MS;
    const r = reg(kit.ctx, { partner: p, opp: o, dealType: "Referral", status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved, mayDrift: false });
    createRebate(kit.ctx, { kind: "Referral", reg: r, earnedMs: o.closeMs });
    return 1;
  } },
  lost: { weight: 4, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "lost" });
    const approved = o.closeMs - kit.ctx.rng.int(20, 150) * DAY_MS;
    reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved });
    return 1;
  } },
  /** DR-5: dissolved, nobody else registered → the rep chooses a reseller. */
  "dissolved-alone": { weight: 2, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: null, stage: "open" });
    const approved = daysAgo(kit, 30, 80);
    reg(kit.ctx, { partner: p, opp: o, status: "Dissolved", submittedMs: approved - DAY_MS, originalApprovedMs: approved, dissolvedMs: approved + 20 * DAY_MS });
    return 1;
  } },
  "submitted-only": { weight: 10, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const r = reg(kit.ctx, { partner: p, opp: o, status: "Submitted", submittedMs: daysAgo(kit, 0, 20) });
    if (kit.ctx.rng.chance(0.4)) kit.convertible.push(r);
    return 1;
  } },
  msp: { weight: 2, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const approved = daysAgo(kit, 5, 60);
    reg(kit.ctx, { partner: p, opp: o, dealType: "MSP", status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved });
    return 1;
  } },
  /** DR-1: registered for a whole account or several opportunities. */
  "invalid-scope": { weight: 1, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const multi = kit.ctx.rng.chance(0.5);
    const extra = multi ? opp(kit.ctx, { customer: o.customer, reseller: p, stage: "open" }).sfId : null;
    reg(kit.ctx, { partner: p, opp: multi ? o : null, status: "Submitted", submittedMs: daysAgo(kit, 1, 15),
      scope: multi ? "Multiple Opportunities" : "Account-wide", additionalOpportunityIds: extra, mayDrift: false });
    return 1;
  } },
  /** DR-8: incomplete (no contact email, no tier) or approved in the CRM although not approvable. */
  "not-approvable": { weight: 3, run: (kit) => {
    const unfit = kit.ctx.rng.chance(0.5) && kit.pools.unfit.length > 0;
    const p = unfit ? kit.ctx.rng.pick(kit.pools.unfit) : pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open" });
    const approved = daysAgo(kit, 1, 40);
    const incomplete = !unfit && kit.ctx.rng.chance(0.5);
    reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved, mayDrift: false,
      incomplete, tier: incomplete ? null : undefined, customerChoseOther: !unfit && !incomplete });
    return 1;
  } },
  /** Q-2/public sector: a US public-sector deal through Carahsoft. */
  "public-sector": { weight: 2, run: (kit) => {
    const p = pickFrom(kit, kit.pools.publicSector);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: kit.ctx.rng.chance(0.5) ? "won" : "open", publicSector: true,
      distributorSfId: kit.distributorIds["Carahsoft"] ?? null, currency: "USD" });
    const approved = Math.min(o.closeMs, kit.ctx.now) - kit.ctx.rng.int(10, 60) * DAY_MS;
    reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved });
    return 1;
  } },
};
