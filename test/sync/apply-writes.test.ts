// Writes to Salesforce objects keyed by `Id` only (Lead, Opportunity), end to end against the sandbox:
// the pass updates them by Id (sObject Collections update), never creates them, and converges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { defaultRulesConfig } from "../../src/rules/rules-config.schema.js";
import { vendorUsers } from "../../src/sandbox/demo/demo-context.js";
import { DEMO_NOW, portalGet, portalPatch, startSyncWorld, type SyncWorld } from "./sync-harness.js";

const DAY = 86_400_000;
/** LEAD-4 gives a recalled lead back to the vendor: the sandbox's lead queue. */
const rules = { ...defaultRulesConfig, leadRecallOwnerId: vendorUsers().leadQueue };
const instant = (v: unknown) => (typeof v === "string" ? new Date(v).getTime() : null);
/** The sandbox state shows portal records camel-cased (`share_Status`); the API's field names are `Share_Status`. */
const apiNames = (r: JsonRecord): JsonRecord => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));

/**
 * The sandbox's and the runs' one clock: the wall clock, moved forward when the test says so, so the
 * test (not the scheduler) decides which second a partner's edit and the next run fall in.
 */
function steppedClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    /** On or after `ms` from now on; never back. */
    advanceTo(ms: number) {
      offsetMs = Math.max(offsetMs, ms - Date.now());
    },
  };
}

async function objects(w: SyncWorld): Promise<{ leads: Map<string, JsonRecord>; prospects: Map<string, JsonRecord>; opportunities: JsonRecord[] }> {
  const sf = (await w.sb.state("salesforce")).salesforce ?? {};
  const portal = (await w.sb.state("portal")).portal ?? {};
  return {
    leads: new Map((sf.Lead ?? []).filter((l) => !l.IsDeleted).map((l) => [String(l.Id), l])),
    // Portal prospects by the Lead they mirror.
    prospects: new Map((portal.Prospect ?? []).map(apiNames).filter((p) => p.CrmId).map((p) => [String(p.CrmId), p])),
    opportunities: (sf.Opportunity ?? []).filter((o) => !o.IsDeleted),
  };
}

describe("Lead and Opportunity written by Id (demo data, size 60)", () => {
  let w: SyncWorld;
  let before: Awaited<ReturnType<typeof objects>>;
  const clock = steppedClock();
  beforeAll(async () => {
    w = await startSyncWorld(60, 7, clock.now);
    before = await objects(w);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("the first sync recalls in Salesforce every vendor lead left Pending past phase 3's 5 days: Recall, recalled date, reason, owner back to the vendor", async () => {
    // Due for recall (LEAD-3 phase 3, the default): vendor-owned, Pending on both sides, shared more than 5 days ago, not worked.
    const due = [...before.leads.values()].filter((l) => {
      const p = before.prospects.get(String(l.Id));
      return l.Prospect_Share_Status__c === "Pending" && l.Lead_Funding__c !== "Partner MDF" && l.Partner_Prospect_Status__c === "Qualifying"
        && p?.Share_Status === "Pending" && p.Accepted_Date == null && p.Rejected_Date == null && p.Partner_Status === "Qualifying"
        && (instant(l.Shared_To_Partner_At__c) ?? Infinity) < DEMO_NOW.getTime() - 5 * DAY;
    });
    expect(due.length).toBeGreaterThan(3);
    w.sb.recorder.clear();
    const s = await w.run({ rules });
    expect(s.writes).toBeGreaterThan(0);
    expect(w.sb.recorder.count("salesforce", "PATCH", "/services/data/:version/composite/sobjects")).toBeGreaterThan(0);
    const after = await objects(w);
    for (const l of due) {
      const now = after.leads.get(String(l.Id))!;
      expect(now, String(l.Id)).toMatchObject({ Prospect_Share_Status__c: "Recall", Recall_Reason__c: "RECALLED_PHASE_3", OwnerId: rules.leadRecallOwnerId });
      expect(instant(now.Recalled_At__c)).toBe(DEMO_NOW.getTime());
      expect(String(now.Program_Reason_Codes__c)).toContain("RECALLED_PHASE_3");
      const p = after.prospects.get(String(l.Id))!;
      expect(p.Share_Status).toBe("Recall");
      expect(instant(p.Recalled_Date)).toBe(DEMO_NOW.getTime());
    }
    // Never created: the same Leads, by Id.
    expect([...after.leads.keys()].sort()).toEqual([...before.leads.keys()].sort());
    expect(after.opportunities.map((o) => o.Id).sort()).toEqual(before.opportunities.map((o) => o.Id).sort());
  }, 120_000);

  it("the partner's accept made on the portal before the sync reached the Lead: the partner's date, Accepted — or, left Qualifying past its 10 days to action, recalled in the same pass", async () => {
    const answered = [...before.leads.values()].filter((l) => l.Prospect_Share_Status__c === "Pending" && before.prospects.get(String(l.Id))?.Share_Status === "Accepted");
    expect(answered.length).toBeGreaterThan(0);
    const after = await objects(w);
    for (const l of answered) {
      const now = after.leads.get(String(l.Id))!;
      const acceptedAt = instant(before.prospects.get(String(l.Id))!.Accepted_Date)!;
      // LEAD-3 phase 3 judges the lead as the partner answered it: accepted, then not actioned for 10 days → Recall.
      const unactioned = before.prospects.get(String(l.Id))!.Partner_Status === "Qualifying" && acceptedAt + 10 * DAY < DEMO_NOW.getTime();
      expect(now.Prospect_Share_Status__c).toBe(unactioned ? "Recall" : "Accepted");
      expect(instant(now.Partner_Accepted_At__c)).toBe(acceptedAt);
    }
  });

  it("DR-5 flags the rules changed reached the Opportunity (Rep_To_Choose_Reseller__c), audited with their reason", async () => {
    const after = await objects(w);
    const was = new Map(before.opportunities.map((o) => [String(o.Id), o.Rep_To_Choose_Reseller__c]));
    const changed = after.opportunities.filter((o) => o.Rep_To_Choose_Reseller__c !== was.get(String(o.Id)));
    expect(changed.length).toBeGreaterThan(0);
    for (const o of changed) {
      const audits = w.store.audit.forRecord("Opportunity", String(o.Id)).filter((a) => a.system === "salesforce");
      expect(audits.some((a) => a.reasons.some((r) => r.rule === "DR-5")), String(o.Id)).toBe(true);
    }
  });

  it("a second run with no change anywhere makes zero write calls", async () => {
    w.sb.recorder.clear();
    const s = await w.run({ rules });
    expect(s.writes).toBe(0);
    expect(w.writes()).toBe(0);
  }, 120_000);

  it("an accept and a qualification the partner makes on the portal reach the Lead on the next run, then nothing more", async () => {
    const after = await objects(w);
    const fresh = [...after.leads.values()].find((l) => l.Prospect_Share_Status__c === "Pending" && after.prospects.get(String(l.Id))?.Share_Status === "Pending");
    const accepted = [...after.leads.values()].find((l) => l.Prospect_Share_Status__c === "Accepted" && l.Partner_Prospect_Status__c === "Qualifying" && l.Partner_Accepted_At__c);
    expect(fresh && accepted).toBeTruthy();
    const freshPortal = after.prospects.get(String(fresh!.Id))!;
    const acceptedPortal = after.prospects.get(String(accepted!.Id))!;
    // The portal moves `Updated` at least a second per write, so a prospect the runs wrote twice within a
    // second is stamped ahead of the clock, and an edit right after gets that stamp + 1 s: past the next
    // run's window end, read only by the run after (this test's old flakiness). The partner edits once
    // the clock is past those stamps, so the edits carry the clock's second.
    clock.advanceTo(Math.max(instant(freshPortal.Updated)!, instant(acceptedPortal.Updated)!) + 1000);
    await portalPatch(w.sb, "Prospect", freshPortal.Id as number, { Share_Status: "Accepted", Accepted_Date: "2026-11-15T05:30:00-06:00" });
    await portalPatch(w.sb, "Prospect", acceptedPortal.Id as number, { Partner_Status: "Qualified", Qualified_Date: "2026-11-15T04:00:00-06:00" });
    const stamps = await Promise.all([freshPortal, acceptedPortal].map(async (p) => instant((await portalGet(w.sb, "Prospect", p.Id as number)).updated)!));
    for (const stamp of stamps) expect(stamp).toBeLessThanOrEqual(clock.now().getTime());
    // The next run starts after the edits' second (the portal shows seconds only), so its window holds them.
    clock.advanceTo(Math.max(...stamps) + 1000);
    await w.run({ rules });
    const now = await objects(w);
    expect(now.leads.get(String(fresh!.Id))).toMatchObject({ Prospect_Share_Status__c: "Accepted" });
    expect(instant(now.leads.get(String(fresh!.Id))!.Partner_Accepted_At__c)).toBe(Date.parse("2026-11-15T11:30:00Z"));
    expect(now.leads.get(String(accepted!.Id))).toMatchObject({ Partner_Prospect_Status__c: "Qualified" });
    expect(instant(now.leads.get(String(accepted!.Id))!.Partner_Qualified_At__c)).toBe(Date.parse("2026-11-15T10:00:00Z"));
    w.sb.recorder.clear();
    const again = await w.run({ rules });
    expect(again.writes).toBe(0);
    expect(w.writes()).toBe(0);
  }, 120_000);
});
