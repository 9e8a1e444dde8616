// What a registration scenario draws on: partner pools by standing, the customer pool, and the
// registrations a converted prospect can point at.
import type { DemoContext } from "./demo-context.js";
import type { DemoRegistration } from "./create-registration.js";
import type { DemoCustomer } from "./generate-opportunities.js";
import type { DemoPartner } from "./generate-partners.js";
import { DAY_MS } from "./wire-format.js";

export interface PartnerPools {
  /** Authorized, compliant, trained Open/Select partners known to Salesforce. */
  good: DemoPartner[];
  select: DemoPartner[];
  /** Good partners with the Professional Services designation (SA-3). */
  ps: DemoPartner[];
  publicSector: DemoPartner[];
  /** In Salesforce but failing ELIG-1, ELIG-2 or ELIG-4. */
  unfit: DemoPartner[];
  /** Every partner known to Salesforce. */
  synced: DemoPartner[];
}

export function partnerPools(partners: readonly DemoPartner[]): PartnerPools {
  const synced = partners.filter((p) => p.sfId !== null);
  const good = synced.filter((p) => (p.track === "Open" || p.track === "Select") && p.signed && p.compliant && p.foundations);
  return {
    good,
    select: good.filter((p) => p.track === "Select"),
    ps: good.filter((p) => p.ps),
    publicSector: good.filter((p) => p.publicSector),
    unfit: synced.filter((p) => !p.signed || !p.compliant || !p.foundations),
    synced,
  };
}

export interface ScenarioKit {
  ctx: DemoContext;
  pools: PartnerPools;
  customers: readonly DemoCustomer[];
  /** Open registrations a prospect may have been converted to (LEAD-2). */
  convertible: DemoRegistration[];
  /** Salesforce Account ids of the distributors. */
  distributorIds: Readonly<Record<string, string>>;
}

export function daysAgo(kit: ScenarioKit, min: number, max: number): number {
  return kit.ctx.now - kit.ctx.rng.int(min, max) * DAY_MS - kit.ctx.rng.int(0, 86_399) * 1000;
}

/** Falls back to the good pool when a specialised pool is empty (tiny data sets). */
export function pickFrom(kit: ScenarioKit, pool: readonly DemoPartner[]): DemoPartner {
  return kit.ctx.rng.pick(pool.length > 0 ? pool : kit.pools.good);
}

/** A partner other than `not`, so two registrations on one opportunity come from two partners. */
export function otherPartner(kit: ScenarioKit, not: DemoPartner): DemoPartner {
  for (let i = 0; i < 5; i++) {
    const p = kit.ctx.rng.pick(kit.pools.good);
    if (p !== not) return p;
  }
  return kit.ctx.rng.pick(kit.pools.synced);
}

export function customer(kit: ScenarioKit): DemoCustomer {
  return kit.ctx.rng.pick(kit.customers);
}

/** The distributor an Open partner transacts through, if its territory has one. */
export function distributorOf(kit: ScenarioKit, p: DemoPartner): string | null {
  if (p.track !== "Open") return null;
  const name = p.publicSector ? "Carahsoft" : p.country.distributors[0];
  return name === undefined ? null : (kit.distributorIds[name] ?? null);
}
