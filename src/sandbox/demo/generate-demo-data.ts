// The demo data set: a deterministic function of (size, seed, now) in the three systems' wire
// representations, covering every scenario the program rules care about. See docs/default-org.md.
import type { SandboxData } from "../contracts.js";
import { defaultOrg } from "../default-org/default-org.js";
import { DISTRIBUTORS } from "../default-org/picklists.js";
import { type DemoContext, pushSf, sfSystem, vendorUsers } from "./demo-context.js";
import { generateCustomer } from "./generate-opportunities.js";
import { generateNfrRequest, nfrPools } from "./generate-nfr.js";
import { type DemoPartner, generatePartner } from "./generate-partners.js";
import { generateProspect } from "./generate-prospects.js";
import { generateSupplier } from "./generate-suppliers.js";
import { IdSequences } from "./ids.js";
import { licensingScenarios, type Scenario } from "./licensing-scenarios.js";
import { appendMalformed } from "./malformed.js";
import { Prng } from "./prng.js";
import { partnerPools, type ScenarioKit } from "./scenario-kit.js";
import { servicesScenarios } from "./services-scenarios.js";
import { DAY_MS } from "./wire-format.js";

/** The fixed evaluation instant of demo runs, so they are reproducible. */
export const DEMO_NOW = "2026-11-15T12:00:00Z";

export interface DemoOptions {
  /** ≈ number of deal registrations; everything else scales with it. */
  size: number;
  seed: number;
  /** ISO instant or Date; default DEMO_NOW. */
  now?: string | Date;
}

/** Counts as functions of size (docs/default-org.md "Ratios"); minimums keep every archetype present. */
export function demoCounts(size: number) {
  return {
    partners: Math.max(20, Math.round(size / 5)),
    customers: Math.max(10, Math.ceil(size / 4)),
    prospects: Math.max(16, Math.ceil(size / 2)),
    nfrRequests: Math.max(9, Math.ceil(size / 6)),
  };
}

export const SCENARIOS: Readonly<Record<string, { weight: number; run: Scenario }>> = { ...licensingScenarios, ...servicesScenarios };

export function generateDemoData(options: DemoOptions): SandboxData {
  const { size, seed } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const now = new Date(options.now ?? DEMO_NOW).getTime();
  if (Number.isNaN(now)) throw new RangeError(`now is not an instant: ${String(options.now)}`);
  const data: SandboxData = {
    salesforce: { describes: structuredClone([...defaultOrg.salesforce.describes]), records: {} },
    portal: { objects: structuredClone([...defaultOrg.portal.objects]), records: {} },
    coupa: { records: { suppliers: [], supplier_information: [], invoices: [] } },
  };
  const ctx: DemoContext = { rng: new Prng(seed), now, ids: new IdSequences(), data, users: vendorUsers() };
  const counts = demoCounts(size);

  const distributorIds: Record<string, string> = {};
  for (const name of DISTRIBUTORS) {
    const id = ctx.ids.nextSf("Account");
    distributorIds[name] = id;
    pushSf(ctx, "Account", { ...sfSystem(ctx, id, now - 1200 * DAY_MS, now - 200 * DAY_MS, ctx.users.pams[0] ?? null),
      Name: name, Type: "Distributor", Partner_Track__c: "Distributor", Program_Agreement_Signed__c: true, PS_Designation__c: false,
      Public_Sector_Partner__c: name === "Carahsoft", CurrencyIsoCode: "USD" });
  }
  const partners: DemoPartner[] = [];
  for (let i = 0; i < counts.partners; i++) {
    const p = generatePartner(ctx, i);
    generateSupplier(ctx, p);
    partners.push(p);
  }
  const customers = Array.from({ length: counts.customers }, (_, i) => generateCustomer(ctx, i));

  const kit: ScenarioKit = { ctx, pools: partnerPools(partners), customers, convertible: [], distributorIds };
  const names = Object.keys(SCENARIOS);
  const weights = Object.fromEntries(names.map((n) => [n, SCENARIOS[n]!.weight]));
  // Every scenario once first (coverage at any size), then by weight until `size` registrations exist.
  let registrations = 0;
  for (let i = 0; registrations < size; i++) {
    const name = names[i] ?? ctx.rng.weighted(weights);
    registrations += SCENARIOS[name]!.run(kit);
  }

  const synced = kit.pools.synced;
  for (let i = 0; i < counts.prospects; i++) generateProspect(ctx, i, synced, kit.convertible);
  const nfr = nfrPools(partners);
  for (let i = 0; i < counts.nfrRequests; i++) generateNfrRequest(ctx, i, nfr);

  appendMalformed(data);
  return data;
}
