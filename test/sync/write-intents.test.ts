// A page's stored plan (write_intents) finished at the next run's start: each planned change is sent
// only where the target still holds what the plan saw; one already there landed before the crash; a
// third value is someone's later edit and stays. The kill -9 tests (test/faults/crash-points.test.ts)
// prove the whole path with a real crash; this pins the rules of finishing one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlannedWrite } from "../../src/sync/plan.js";
import { decodeIntent, encodeIntent } from "../../src/sync/write-intent.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

describe("the intent's encoding", () => {
  it("reads back Dates as Dates, wherever they are, and leaves other values alone", () => {
    const at = new Date("2026-11-15T12:00:00.000Z");
    const writes: PlannedWrite[] = [{
      entity: "Prospect", key: "00Q1", system: "portal", create: false, systemId: "7",
      changes: [
        { field: "recalledAt", from: null, to: at, owner: "partner-sync", drift: false },
        { field: "amount", from: { amount: 1200, currency: "USD" }, to: { amount: 1500, currency: "USD" }, owner: "salesforce", drift: true },
        { field: "derived.reasons", from: ["a"], to: ["a", "b"], owner: "partner-sync", drift: false },
        { field: "note", from: { $date: "not a date", other: 1 }, to: "x", owner: "portal", drift: false },
      ],
      reasons: [{ rule: "LEAD-4", code: "RECALLED_PHASE_1", message: "m" }],
    }];
    const back = decodeIntent(encodeIntent({ keys: ["00Q1", "00Q2"], writes }));
    expect(back).toEqual({ keys: ["00Q1", "00Q2"], writes });
    expect(back.writes[0]!.changes[0]!.to).toBeInstanceOf(Date);
  });
});

describe("finishing a page cut off by a crash (demo data, size 40)", () => {
  let w: SyncWorld;
  let lead: Record<string, unknown>;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    await w.run();
    const leads = (await w.sb.state("salesforce")).salesforce?.Lead ?? [];
    lead = leads.find((l) => l.Partner_Account__c && l.Prospect_Share_Status__c === "Accepted" && !l.Recalled_At__c && l.FirstName && l.LastName)!;
    expect(lead).toBeDefined();
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  function leaveIntent(changes: PlannedWrite["changes"], message = "from the interrupted run", runId = "sync-killed"): void {
    const write: PlannedWrite = { entity: "Prospect", key: String(lead.Id), system: "salesforce", create: false, systemId: String(lead.Id), changes, reasons: [{ rule: "LEAD-4", code: "RECALLED_PHASE_3", message }] };
    w.store.writeIntents.add(runId, "Prospect", "salesforce", encodeIntent({ keys: [String(lead.Id)], writes: [write] }));
  }

  it("a dry run lists the unfinished page and leaves it", async () => {
    leaveIntent([{ field: "recalledAt", from: null, to: new Date("2026-11-14T08:00:00Z"), owner: "partner-sync", drift: false }]);
    w.sb.recorder.clear();
    const s = await w.run({ dryRun: true });
    expect(w.writes()).toBe(0);
    expect(s.plan).toContainEqual(expect.stringMatching(/^finish Prospect page cut off in run sync-killed /));
    expect(w.store.writeIntents.count()).toBe(1);
  }, 60_000);

  it("sends what had not landed, skips what had, keeps a later edit, audits with the plan's reasons, and deletes the intent", async () => {
    // On top of the intent the dry run left: the same change (from null) and two more.
    leaveIntent([
      { field: "recalledAt", from: null, to: new Date("2026-11-14T08:00:00Z"), owner: "partner-sync", drift: false },
      // Landed before the crash: the Lead already holds `to`.
      { field: "firstName", from: "Before The Crash", to: lead.FirstName, owner: "salesforce", drift: false },
      // Edited since by someone: neither what the plan saw nor what it meant to write.
      { field: "lastName", from: "Seen By The Plan", to: "Would Overwrite An Edit", owner: "salesforce", drift: false },
    ]);
    const s = await w.run();
    expect(s.status).not.toBe("failed");
    expect(w.store.writeIntents.count()).toBe(0);
    const after = ((await w.sb.state("salesforce")).salesforce?.Lead ?? []).find((l) => l.Id === lead.Id)!;
    expect(after.Recalled_At__c).toMatch(/^2026-11-14T08:00:00/);
    expect(after.FirstName).toBe(lead.FirstName);
    expect(after.LastName).toBe(lead.LastName);
    const audit = w.store.audit.forRecord("Prospect", String(lead.Id));
    expect(audit.some((a) => a.system === "salesforce" && a.reasons.some((r) => r.code === "RECALLED_PHASE_3") && Object.keys(a.fields).join() === "recalledAt")).toBe(true);
    // The changes that landed before the crash are audited too, under the run that wrote them: the
    // first name, and the recall date the first intent (the dry run's) has just sent.
    const landed = audit.filter((a) => a.runId === "sync-killed" && "firstName" in a.fields);
    expect(landed).toHaveLength(1);
    expect(landed[0]).toMatchObject({ system: "salesforce", action: "rule", beforeHash: null, fields: { firstName: ["Before The Crash", lead.FirstName] } });
    expect(Object.keys(landed[0]!.fields)).toEqual(["recalledAt", "firstName"]);
    expect(landed[0]!.reasons).toEqual([{ rule: "LEAD-4", code: "RECALLED_PHASE_3", message: "from the interrupted run" }]);
  }, 60_000);

  it("audits each change once when the finishing run is itself stopped between its audit of what landed and its sends", async () => {
    const recalledAt = ((await w.sb.state("salesforce")).salesforce?.Lead ?? []).find((l) => l.Id === lead.Id)!.Recalled_At__c;
    leaveIntent([
      { field: "firstName", from: "Before The First Crash", to: lead.FirstName, owner: "salesforce", drift: false },
      { field: "recalledAt", from: new Date(String(recalledAt)), to: new Date("2026-11-13T08:00:00Z"), owner: "partner-sync", drift: false },
    ], "audited once", "sync-killed-twice");
    // One Salesforce call: the finishing run reads the page's records by key, audits what landed, and
    // is stopped by the budget at its first write.
    const stopped = await w.run({ budget: { maxCallsPerRun: 1 } });
    expect(stopped.status).toBe("aborted");
    const once = (a: { reasons: { message: string }[] }) => a.reasons.some((r) => r.message === "audited once");
    const afterStop = w.store.audit.forRecord("Prospect", String(lead.Id)).filter(once);
    expect(afterStop.map((a) => `${a.runId} ${Object.keys(a.fields).join()}`)).toEqual(["sync-killed-twice firstName"]);
    expect(w.store.writeIntents.count()).toBe(1);

    const s = await w.run();
    expect(s.status).not.toBe("failed");
    expect(w.store.writeIntents.count()).toBe(0);
    const audited = w.store.audit.forRecord("Prospect", String(lead.Id)).filter(once);
    expect(audited.map((a) => Object.keys(a.fields).join()).sort()).toEqual(["firstName", "recalledAt"]);
    expect(audited.find((a) => Object.keys(a.fields).join() === "recalledAt")?.runId).toBe(s.runId);
  }, 60_000);

  it("a planned create whose record is still missing writes every value, false included (nothing counts as landed)", async () => {
    const sf = (await w.sb.state("salesforce")).salesforce!;
    const person = sf.Partner_Person__c!.find((p) => p.Portal_Id__c && p.Account__c)!;
    const partnerKey = String(sf.Account!.find((a) => a.Id === person.Account__c)!.Portal_Id__c);
    const create: PlannedWrite = {
      entity: "PartnerPerson", key: "29990001", system: "salesforce", create: true,
      changes: [
        { field: "partnerId", from: null, to: partnerKey, owner: "portal", drift: false },
        { field: "name", from: null, to: "Crash Test", owner: "portal", drift: false },
        // A value the target cannot tell from "not set" on an existing record: a create still sends it.
        { field: "certifications[Professional Services Engineer]", from: null, to: false, owner: "portal", drift: false },
      ],
      reasons: [],
    };
    w.store.writeIntents.add("sync-killed", "PartnerPerson", "portal", encodeIntent({ keys: ["29990001"], writes: [create] }));
    const s = await w.run();
    expect(s.status).not.toBe("failed");
    const created = ((await w.sb.state("salesforce")).salesforce?.Partner_Person__c ?? []).find((p) => p.Portal_Id__c === "29990001");
    expect(created).toMatchObject({ First_Name__c: "Crash", PS_Engineer_Certified__c: false });
  }, 60_000);

  it("keeps, and does not half-finish, an intent naming an entity the mappings no longer have", async () => {
    const gone: PlannedWrite = { entity: "Retired", key: "R1", system: "portal", create: false, systemId: "1", changes: [{ field: "x", from: null, to: 1, owner: "portal", drift: false }], reasons: [] };
    const id = w.store.writeIntents.add("sync-old", "Prospect", "salesforce", encodeIntent({ keys: [String(lead.Id)], writes: [gone] }));
    w.sb.recorder.clear();
    const s = await w.run();
    expect(s.status).not.toBe("failed");
    expect(w.store.writeIntents.list().map((i) => i.id)).toEqual([id]);
    w.store.writeIntents.remove(id);
  }, 60_000);
});
