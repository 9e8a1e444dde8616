// NFR-2 and NFR-4 judge a license with its partner's other licenses (one active license per type; an
// add-on expires with the partner's oldest active base license). An incremental page holds only the
// licenses that changed, so the pass loads the rest of their partners' licenses: the rules must see
// in a sync what they see in a reconcile over everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import type { RunSummary } from "../../src/sync/run-summary.js";
import { expectNextRunWritesNothing, portalCreate, portalGet, portalPatch, salesforceConnection, startSyncWorld, type SyncWorld } from "./sync-harness.js";


async function sfLicenses(w: SyncWorld): Promise<JsonRecord[]> {
  return (await w.sb.state("salesforce")).salesforce?.NFR_License__c ?? [];
}

describe("NFR licenses judged with their partner's other licenses in an incremental sync (demo data, size 40)", () => {
  let w: SyncWorld;
  let second: RunSummary;
  let addOn: JsonRecord;
  let base: JsonRecord;
  let clash: JsonRecord;
  let request: number;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    await w.run();
    const licenses = await sfLicenses(w);
    // A partner with two active Self-Managed base licenses: the later one becomes an add-on.
    const byPartner = new Map<string, JsonRecord[]>();
    for (const l of licenses) {
      if (l.Status__c !== "Active" || l.Add_On__c === true || l.License_Type__c !== "Self-Managed") continue;
      byPartner.set(String(l.Partner_Account__c), [...(byPartner.get(String(l.Partner_Account__c)) ?? []), l]);
    }
    const pair = [...byPartner.values()].find((ls) => ls.length >= 2)!;
    expect(pair).toBeDefined();
    [base, addOn] = [...pair].sort((a, b) => String(a.Start_Date__c).localeCompare(String(b.Start_Date__c))) as [JsonRecord, JsonRecord];
    expect(String(base.Start_Date__c) < String(addOn.Start_Date__c)).toBe(true);
    // NFR-4: "an add-on expires with the partner's oldest active NFR license". Only the add-on changes.
    await portalPatch(w.sb, "NFR_Request", Number(addOn.Portal_Id__c), { Add_On: true });

    // NFR-2: a new SaaS request from a partner whose SaaS license is active. Only the request is new.
    clash = licenses.find((l) => l.Status__c === "Active" && l.Add_On__c !== true && l.License_Type__c === "SaaS")!;
    expect(clash).toBeDefined();
    // The portal answers in camelCase (Json.NET); requests may use the seed's PascalCase.
    const existing = await portalGet(w.sb, "NFR_Request", Number(clash.Portal_Id__c));
    request = await portalCreate(w.sb, "NFR_Request", {
      Account: existing.account, Requested_By: existing.requested_By, Requester_Email: existing.requester_Email,
      License_Type: "SaaS", Seats: 5, Add_On: false, Requested_Date: "2026-11-14T09:00:00-06:00", Status: "Submitted",
    });
    second = await w.run();
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("NFR-4: the add-on gets the expiry of the partner's oldest active base license, in Salesforce and on the portal", async () => {
    const expected = `${Number(String(base.Start_Date__c).slice(0, 4)) + 1}${String(base.Start_Date__c).slice(4)}`;
    const sf = (await sfLicenses(w)).find((l) => l.Id === addOn.Id)!;
    expect(sf.Add_On__c).toBe(true);
    expect(sf.Expiry_Date__c).toBe(expected);
    expect((await portalGet(w.sb, "NFR_Request", Number(addOn.Portal_Id__c))).expiration_Date).toBe(expected);
    const audit = w.store.audit.forRecord("NfrLicense", String(addOn.Portal_Id__c)).filter((a) => a.runId === second.runId && a.system === "salesforce");
    expect(audit.flatMap((a) => a.reasons.map((r) => `${r.rule}:${r.code}`))).toContain("NFR-4:NFR_ACTIVE");
    expect(second.findings.filter((f) => f.key === String(addOn.Portal_Id__c) && f.code === "NO_ACTIVE_BASE_LICENSE")).toEqual([]);
  });

  it("NFR-2: the new request is reported against the partner's active license of the same type", () => {
    expect(second.findings).toContainEqual(expect.objectContaining({
      entity: "NfrLicense", key: String(request), rule: "NFR-2", code: "ACTIVE_LICENSE_EXISTS", severity: "violation",
    }));
    const finding = second.findings.find((f) => f.key === String(request) && f.rule === "NFR-2")!;
    expect(finding.message).toContain(`license ${String(clash.Portal_Id__c)} of the same type is active`);
  });

  it("a third run writes nothing", async () => {
    await expectNextRunWritesNothing(w);
  }, 120_000);
});

describe("NFR-3's seat allowance on the partner (demo data, size 40)", () => {
  let w: SyncWorld;
  let accounts: JsonRecord[];
  let licensed: JsonRecord;
  let unlicensed: JsonRecord;
  let second: RunSummary;
  const account = async (id: unknown): Promise<JsonRecord> => ((await w.sb.state("salesforce")).salesforce?.Account ?? []).find((a) => a.Id === id)!;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    await w.run();
    accounts = ((await w.sb.state("salesforce")).salesforce?.Account ?? []).filter((a) => a.Type === "Partner");
    const withLicenses = new Set((await sfLicenses(w)).map((l) => String(l.Partner_Account__c)));
    licensed = accounts.find((a) => a.Partner_Track__c === "Open" && withLicenses.has(String(a.Id)))!;
    unlicensed = accounts.find((a) => a.Partner_Track__c === "Open" && !withLicenses.has(String(a.Id)))!;
    expect([licensed, unlicensed].every((a) => a !== undefined && a.NFR_Seat_Limit__c === 10)).toBe(true);
    // Two partners move to Select, one holding NFR licenses, one not (its first request needs the
    // allowance most): only their Accounts change.
    await (await salesforceConnection(w)).sobject("Account").update([{ Id: String(licensed.Id), Partner_Track__c: "Select" }, { Id: String(unlicensed.Id), Partner_Track__c: "Select" }]);
    second = await w.run();
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("a partner moving to Select gets 25 users, in Salesforce and on the portal, from the run that reads the move", async () => {
    for (const partner of [licensed, unlicensed]) {
      expect((await account(partner.Id)).NFR_Seat_Limit__c, String(partner.Id)).toBe(25);
      const portalAccount = ((await w.sb.state("portal")).portal?.Account ?? []).find((a) => String(a.crmId) === String(partner.Id))!;
      expect(portalAccount.nfR_Seats__cf, String(partner.Id)).toBe(25);
      const audit = w.store.audit.forRecord("Partner", String(portalAccount.id)).filter((a) => a.runId === second.runId);
      expect(audit.flatMap((a) => a.reasons.map((r) => `${r.rule}:${r.code}`))).toContain("NFR-3:SEAT_LIMIT");
    }
  });

  it("a third run writes nothing", async () => {
    await expectNextRunWritesNothing(w);
  }, 120_000);
});
