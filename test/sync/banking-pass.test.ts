// The banking pass against the sandbox (demo data): Coupa's PAY-3 tri-state reaches both Accounts, a
// change in Coupa (supplier or supplier information) reaches them on the next incremental run, a run
// with no change writes nothing, and accruals are BLOCKED exactly for partners without banking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankingStatus } from "../../src/connectors/coupa/banking-status.js";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { formatCoupaInstant } from "../../src/sandbox/coupa/coupa-values.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

const field = (r: JsonRecord, name: string): unknown => r[name] ?? r[name.charAt(0).toLowerCase() + name.slice(1)];

interface PartnerBanking {
  supplierId: string;
  partnerId: string;
  expected: string;
  sf: unknown;
  portal: unknown;
}

/** Every Coupa supplier a Salesforce partner Account names, with Coupa's status and what both Accounts show. */
async function bankingNow(w: SyncWorld): Promise<PartnerBanking[]> {
  const state = await w.sb.state();
  const infos = state.coupa?.supplier_information ?? [];
  const accounts = (state.salesforce?.Account ?? []).filter((a) => a.Type === "Partner" && a.Coupa_Supplier_Id__c != null);
  const portalById = new Map((state.portal?.Account ?? []).map((a) => [String(field(a, "Id")), a]));
  const out: PartnerBanking[] = [];
  for (const s of state.coupa?.suppliers ?? []) {
    const account = accounts.find((a) => a.Coupa_Supplier_Id__c === String(s.id));
    if (!account) continue;
    const partnerId = String(account.Portal_Id__c);
    out.push({
      supplierId: String(s.id), partnerId, expected: bankingStatus(s, infos.filter((i) => i["supplier-id"] === s.id)),
      sf: account.Banking_Status__c, portal: field(portalById.get(partnerId) ?? {}, "Banking_Status__cf"),
    });
  }
  return out;
}

const mismatches = (rows: PartnerBanking[]) => rows.filter((r) => r.sf !== r.expected || r.portal !== r.expected);

// Seed 11 at size 40 has suppliers in all three states and an open accrual of a partner without banking.
describe("banking from Coupa (demo data, size 40, seed 11)", () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(40, 11);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("after the first sync both Accounts of every supplier's partner show Coupa's banking status, all three states present", async () => {
    const s = await w.run();
    expect(s.status).toBe("quarantined");
    expect(s.entities.SupplierBanking?.read ?? 0).toBe(w.coupaSeed.records.suppliers?.length);
    const rows = await bankingNow(w);
    expect(new Set(rows.map((r) => r.expected))).toEqual(new Set(["connected", "remit_to_only", "none"]));
    expect(mismatches(rows)).toEqual([]);
  }, 120_000);

  it("accruals are BLOCKED with PAY-3 NO_COUPA_BANKING exactly when the partner's banking is not connected", async () => {
    const state = await w.sb.state("salesforce");
    const banking = new Map((state.salesforce?.Account ?? []).filter((a) => a.Type === "Partner").map((a) => [a.Id, a.Banking_Status__c]));
    const open = (state.salesforce?.Partner_Rebate__c ?? []).filter((r) => r.Payout_Status__c === "READY" || r.Payout_Status__c === "BLOCKED");
    const pay3 = (r: JsonRecord) => String(r.Program_Reason_Codes__c ?? "").split(";").includes("PAY-3:NO_COUPA_BANKING");
    const unbanked = open.filter((r) => banking.get(r.Partner_Account__c) !== "connected");
    const banked = open.filter((r) => banking.get(r.Partner_Account__c) === "connected");
    expect(unbanked.length).toBeGreaterThan(0);
    expect(banked.length).toBeGreaterThan(0);
    expect(unbanked.filter((r) => r.Payout_Status__c !== "BLOCKED" || !pay3(r)).map((r) => r.Accrual_Key__c)).toEqual([]);
    expect(banked.filter((r) => pay3(r)).map((r) => r.Accrual_Key__c)).toEqual([]);
  }, 60_000);

  it("a second run with no change anywhere writes nothing, banking included", async () => {
    w.sb.recorder.clear();
    const s = await w.run();
    expect(w.writes()).toBe(0);
    expect(s.writes).toBe(0);
    // Nothing changed in Coupa since: the incremental window holds no supplier, or only unchanged ones.
    expect(s.entities.SupplierBanking?.read ?? 0).toBe(s.entities.SupplierBanking?.unchanged ?? 0);
    expect(s.entities.SupplierBanking?.written ?? {}).toEqual({});
  }, 120_000);

  it("a supplier put on hold and bank details added to another's information reach both Accounts on the next incremental run", async () => {
    const rows = await bankingNow(w);
    const connected = rows.find((r) => r.expected === "connected")!;
    const remitOnly = rows.find((r) => r.expected === "remit_to_only")!;
    expect(connected && remitOnly).toBeTruthy();
    const stamp = formatCoupaInstant(Date.now() - 2_000);
    const supplier = w.coupaSeed.records.suppliers!.find((s) => String(s.id) === connected.supplierId)!;
    supplier["on-hold"] = true;
    supplier["updated-at"] = stamp;
    // Only the information changes here: the supplier's own updated-at stays old.
    const info = w.coupaSeed.records.supplier_information!.find((i) => String(i["supplier-id"]) === remitOnly.supplierId)!;
    info.status = "approved";
    const addresses = info["supplier-information-addresses"] as JsonRecord[];
    const rta = addresses.find((a) => String(a.kind).toUpperCase() === "RTA" && a.active !== false) ?? addresses[0]!;
    rta.kind = "RTA";
    rta.active = true;
    rta["bank-account-number"] = "****4321";
    info["hold-payment-indicator"] = false;
    info["updated-at"] = stamp;
    w.reloadCoupa();

    w.sb.recorder.clear();
    const s = await w.run();
    expect(s.entities.SupplierBanking?.read ?? 0).toBeLessThan(rows.length);
    const after = new Map((await bankingNow(w)).map((r) => [r.supplierId, r]));
    expect(after.get(connected.supplierId)).toMatchObject({ expected: "none", sf: "none", portal: "none" });
    expect(after.get(remitOnly.supplierId)).toMatchObject({ expected: "connected", sf: "connected", portal: "connected" });
    expect(mismatches([...after.values()])).toEqual([]);
    expect(s.entities.SupplierBanking?.written).toEqual({ salesforce: 2, portal: 2 });
  }, 120_000);

  it("the run after the change writes nothing", async () => {
    w.sb.recorder.clear();
    await w.run();
    expect(w.writes()).toBe(0);
  }, 120_000);
});
