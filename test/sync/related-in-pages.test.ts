// Rules that judge a record with records that did not change, in an incremental sync: the page of a
// changed record loads what the rule reads (related-records.ts), so the sync reports what reconcile,
// over everything, does.
// - REN-4: a renewal's incumbent is the partner that resold the customer's most recent purchase, any
//   opportunity of its account.
// - LEAD-2: a converted lead must have been qualified before the registration it was converted to was
//   submitted.
// - ELIG-3: the partner an opportunity names as its reseller must be on a track that can quote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeReconcile, runnerSessionFactory } from "../../src/cli/reconcile.command.js";
import { SHIPPED_MAPPINGS } from "../../src/cli/sync.command.js";
import { createLogger } from "../../src/log/logger.js";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import type { RunSummary } from "../../src/sync/run-summary.js";
import { DEMO_NOW, expectNextRunWritesNothing, portalPatch, salesforceConnection, startSyncWorld, type SyncWorld } from "./sync-harness.js";

const log = createLogger({ level: "silent", pretty: false });


describe("REN-4 on a renewal changed alone (demo data, size 40)", () => {
  let w: SyncWorld;
  let purchase: JsonRecord;
  let renewal: string;
  let second: RunSummary;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    const first = await w.run();
    const opportunities = (await w.sb.state("salesforce")).salesforce?.Opportunity ?? [];
    // A won purchase resold by a partner that the first run did not write (so not in the next window).
    purchase = opportunities.find((o) => o.IsWon === true && o.Reseller__c && o.CloseDate && String(o.CloseDate) < DEMO_NOW.toISOString().slice(0, 10)
      && w.store.audit.forRecord("Opportunity", String(o.Id)).length === 0 && opportunities.filter((x) => x.AccountId === o.AccountId && x.IsWon === true).length === 1)!;
    expect(purchase, `first run ${first.runId}`).toBeDefined();
    const conn = await salesforceConnection(w);
    const created = await conn.sobject("Opportunity").create({
      Name: "Renewal of the resold purchase", AccountId: purchase.AccountId, StageName: "Prospecting", CloseDate: "2027-01-31",
      Order_Type__c: "Renewal", Product_Tier__c: "Premium", Previous_Tier__c: "Premium", Opportunity_Source__c: "Vendor",
      Incumbent_Reseller__c: purchase.Reseller__c, CurrencyIsoCode: "USD", Net_ARR__c: 1_000_000, Amount: 1_000_000,
    });
    expect(created.success).toBe(true);
    renewal = String(created.id);
    second = await w.run();
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("the sync finds the incumbent the CRM names: no INCUMBENT_MISMATCH", () => {
    expect(second.entities.Opportunity?.read).toBeGreaterThanOrEqual(1);
    expect(second.findings.filter((f) => f.key === renewal && f.rule === "REN-4")).toEqual([]);
  });

  it("a third run writes nothing", async () => {
    await expectNextRunWritesNothing(w);
  }, 120_000);

  it("as reconcile, over everything, does", async () => {
    const runId = "reconcile-renewal";
    const session = await runnerSessionFactory({ loaded: w.loaded, store: w.store, log, runId, apply: false, now: DEMO_NOW, mappingsDir: SHIPPED_MAPPINGS });
    try {
      const out = await executeReconcile({ format: "json", now: DEMO_NOW.toISOString() }, { store: w.store, session, runId, clock: () => DEMO_NOW, writeFile: () => undefined });
      expect(out.report!.policy.items.filter((f) => f.key === renewal && f.rule === "REN-4")).toEqual([]);
      // What the sync wrote on the renewal is what reconcile plans: nothing left to write.
      const opportunities = out.report!.entities.find((e) => e.entity === "Opportunity")!;
      expect(opportunities.drift.filter((d) => d.key === renewal)).toEqual([]);
      expect(opportunities.missing.filter((m) => m.key === renewal)).toEqual([]);
    } finally {
      await session.close?.();
    }
  }, 120_000);
});

describe("LEAD-2 on a converted prospect changed alone (demo data, size 40)", () => {
  let w: SyncWorld;
  let prospect: JsonRecord;
  let second: RunSummary;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    await w.run();
    // The portal's records come in its API's camelCase (Json.NET).
    const portal = (await w.sb.state("portal")).portal ?? {};
    const registrations = new Map((portal.Deal_Registration ?? []).map((r) => [r.id, r]));
    // The demo's lead qualified after its registration was submitted.
    prospect = (portal.Prospect ?? []).find((p) => p.converted_Registration && p.qualified_Date
      && Date.parse(String(p.qualified_Date)) > Date.parse(String(registrations.get(p.converted_Registration)?.submitted_Date)))!;
    expect(prospect).toBeDefined();
    // Only the prospect changes (a day later, still after the submission).
    const later = new Date(Date.parse(String(prospect.qualified_Date)) + 86_400_000).toISOString().replace(".000Z", "Z");
    await portalPatch(w.sb, "Prospect", Number(prospect.id), { Qualified_Date: later });
    second = await w.run();
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("the sync reports the qualification dated after the registration's submission", () => {
    expect(second.findings).toContainEqual(expect.objectContaining({
      // A prospect's key is its Lead's Salesforce id (the portal record's CrmId).
      entity: "Prospect", key: String(prospect.crmId), rule: "LEAD-2", code: "NOT_QUALIFIED_FOR_CONVERSION", severity: "violation",
      related: [{ entity: "DealRegistration", key: String(prospect.converted_Registration) }],
    }));
    const finding = second.findings.find((f) => f.key === String(prospect.crmId) && f.rule === "LEAD-2")!;
    expect(finding.message).toContain(`after registration ${String(prospect.converted_Registration)} was submitted`);
  });

  it("a third run writes nothing", async () => {
    await expectNextRunWritesNothing(w);
  }, 120_000);
});

describe("ELIG-3 on an opportunity changed alone (demo data, size 40)", () => {
  let w: SyncWorld;
  let partner: JsonRecord;
  let opportunity: JsonRecord;
  let third: RunSummary;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    await w.run();
    const sf = (await w.sb.state("salesforce")).salesforce ?? {};
    const conn = await salesforceConnection(w);
    // A partner moved to a track that cannot quote, synced in a run of its own.
    partner = (sf.Account ?? []).find((a) => a.Type === "Partner" && a.Partner_Track__c === "Open")!;
    await conn.sobject("Account").update({ Id: String(partner.Id), Partner_Track__c: "Unassigned" });
    await w.run();
    // Then an open deal, untouched by either run, names it as reseller: only the opportunity changes.
    opportunity = (sf.Opportunity ?? []).find((o) => o.IsClosed === false && o.Reseller__c && o.Reseller__c !== partner.Id
      && w.store.audit.forRecord("Opportunity", String(o.Id)).length === 0)!;
    expect(opportunity).toBeDefined();
    await conn.sobject("Opportunity").update({ Id: String(opportunity.Id), Reseller__c: String(partner.Id) });
    third = await w.run();
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("the sync reports the reseller's track, naming the opportunity", () => {
    const finding = third.findings.find((f) => f.entity === "Partner" && f.rule === "ELIG-3" && f.code === "TRACK_CANNOT_QUOTE");
    expect(finding, JSON.stringify(third.findings.map((f) => `${f.rule}:${f.code} ${f.entity} ${f.key}`))).toBeDefined();
    expect(finding!.related).toContainEqual({ entity: "Opportunity", key: String(opportunity.Id) });
  });
});
