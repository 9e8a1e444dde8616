// Services-attach (SA-*), renewal/upgrade (REN-*) and co-sell (DISC-2) scenarios.
import { createRegistration as reg } from "./create-registration.js";
import { createRebate } from "./create-rebate.js";
import { createOpportunity as opp } from "./generate-opportunities.js";
import type { Scenario } from "./licensing-scenarios.js";
import { customer, daysAgo, otherPartner, pickFrom, type ScenarioKit } from "./scenario-kit.js";
import { DAY_MS } from "./wire-format.js";

const SA = "Service Attached Registration" as const;

/** A won licensing sale with its approved registration, closed `closedDaysAgo` ago. */
function licensingSale(kit: ScenarioKit, closedDaysAgo: [number, number]) {
  const p = pickFrom(kit, kit.pools.ps);
  const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "won", closeMs: daysAgo(kit, ...closedDaysAgo),
    tier: kit.ctx.rng.chance(0.9) ? kit.ctx.rng.pick(["Premium", "Ultimate"] as const) : "Starter" });
  const approved = o.closeMs - 30 * DAY_MS;
  const licensing = reg(kit.ctx, { partner: p, opp: o, status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved, mayDrift: false });
  return { p, o, licensing };
}

/** SA-2/SA-5: POE approved; the linked sale closed within (or before) the six months before submission. */
const saWithPoe = (closedDaysAgo: [number, number]): Scenario => (kit) => {
  const { p, o, licensing } = licensingSale(kit, closedDaysAgo);
  const submitted = daysAgo(kit, 20, 60);
  const poeApproved = submitted + kit.ctx.rng.int(5, 15) * DAY_MS;
  const linkByRegistration = kit.ctx.rng.chance(0.5);
  const sa = reg(kit.ctx, { partner: p, opp: o, program: SA, status: "Approved", submittedMs: submitted, originalApprovedMs: submitted + DAY_MS,
    linkedRegistration: linkByRegistration ? licensing : null, linkedOpportunity: linkByRegistration ? null : o,
    poe: { status: "Approved", submittedMs: submitted + 2 * DAY_MS, approvedMs: Math.min(poeApproved, kit.ctx.now - DAY_MS) }, mayDrift: false });
  const sixMonthsBefore = submitted - 183 * DAY_MS;
  const ineligible = o.closeMs < sixMonthsBefore ? { codes: "SA-5:LINKED_SALE_TOO_OLD", message: "SA-5 LINKED_SALE_TOO_OLD: the linked sale closed more than six months before." }
    : o.tier === "Starter" ? { codes: "SA-4:TIER_NOT_ELIGIBLE", message: "SA-4 TIER_NOT_ELIGIBLE: only Premium and Ultimate earn it." } : null;
  createRebate(kit.ctx, { kind: "Services Attach", reg: sa, earnedMs: Math.min(poeApproved, kit.ctx.now - DAY_MS), ineligible });
  return 2;
};

export const servicesScenarios: Record<string, { weight: number; run: Scenario }> = {
  "sa-poe-approved-recent-sale": { weight: 5, run: saWithPoe([70, 150]) },
  "sa-poe-approved-old-sale": { weight: 2, run: saWithPoe([260, 400]) },
  /** SA-2: proof of execution not submitted yet, or submitted and awaiting the sales team. */
  "sa-without-approved-poe": { weight: 3, run: (kit) => {
    const { p, o, licensing } = licensingSale(kit, [30, 120]);
    const submitted = daysAgo(kit, 5, 25);
    const poeSubmitted = kit.ctx.rng.chance(0.5);
    reg(kit.ctx, { partner: p, opp: o, program: SA, status: "Approved", submittedMs: submitted, originalApprovedMs: submitted + DAY_MS,
      linkedRegistration: licensing, poe: poeSubmitted ? { status: "Submitted", submittedMs: submitted + 2 * DAY_MS, approvedMs: null } : null });
    return 2;
  } },
  /** SA-1: a services registration linked to nothing. */
  "sa-unlinked": { weight: 1, run: (kit) => {
    const p = pickFrom(kit, kit.pools.ps);
    reg(kit.ctx, { partner: p, opp: null, program: SA, status: "Submitted", submittedMs: daysAgo(kit, 1, 30), tier: "Premium" });
    return 1;
  } },
  /** REN-*: renewals with an incumbent; same tier, Starter/Bronze, upgrades, and "customer asked for another partner". */
  renewal: { weight: 5, run: (kit) => {
    const incumbent = pickFrom(kit, kit.pools.good);
    const kind = kit.ctx.rng.weighted({ same: 5, starter: 1, upgrade: 2, other: 1 } as const);
    const prev = kind === "starter" ? kit.ctx.rng.pick(["Starter", "Bronze"] as const) : kind === "upgrade" ? kit.ctx.rng.pick(["Premium", "Silver"] as const) : "Premium";
    const tier = kind === "upgrade" ? "Ultimate" : prev;
    const reseller = kind === "other" ? otherPartner(kit, incumbent) : incumbent;
    const o = opp(kit.ctx, { customer: customer(kit), reseller, stage: kit.ctx.rng.chance(0.4) ? "won" : "open", orderType: "Renewal",
      tier, previousTier: prev, incumbent, customerAskedOther: kind === "other" });
    if (kind !== "upgrade") return 0;
    // REN-3: the upgrade is registered and so partner-sourced as a whole.
    const approved = Math.min(o.closeMs, kit.ctx.now) - 15 * DAY_MS;
    reg(kit.ctx, { partner: reseller, opp: o, status: "Approved", submittedMs: approved - DAY_MS, originalApprovedMs: approved });
    return 1;
  } },
  /** REN-2: licenses added at renewal, registered. */
  "add-on": { weight: 2, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    const o = opp(kit.ctx, { customer: customer(kit), reseller: p, stage: "open", orderType: "Add-On", incumbent: p });
    reg(kit.ctx, { partner: p, opp: o, status: "Submitted", submittedMs: daysAgo(kit, 1, 20) });
    return 1;
  } },
  /** DISC-2: vendor-sourced with partners attached by the sales team, no registration. */
  "vendor-co-sell": { weight: 4, run: (kit) => {
    const p = pickFrom(kit, kit.pools.good);
    opp(kit.ctx, { customer: customer(kit), reseller: p, stage: kit.ctx.rng.pick(["open", "won", "lost"] as const), source: "Vendor",
      coSellPartners: [p, otherPartner(kit, p)] });
    return 0;
  } },
};
