// The banking pass against the sandbox (demo data): Coupa's PAY-3 tri-state reaches both Accounts, a
// change in Coupa (supplier or supplier information) reaches them on the next incremental run, a run
// with no change writes nothing, and accruals are BLOCKED exactly for partners without banking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankingStatus } from "../../src/connectors/coupa/banking-status.js";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { createLogger } from "../../src/log/logger.js";
import { formatCoupaInstant } from "../../src/sandbox/coupa/coupa-values.js";
import { openSystems } from "../../src/sync/open-systems.js";
import { expectNextRunWritesNothing, startSyncWorld, type SyncWorld } from "./sync-harness.js";

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

/** A supplier's information approved, with bank details on an active remit-to address (stamped `stamp`); `reloadCoupa` after. */
function addBankAccount(w: SyncWorld, supplierId: string, stamp: string): void {
  const info = w.coupaSeed.records.supplier_information!.find((i) => String(i["supplier-id"]) === supplierId)!;
  info.status = "approved";
  const addresses = info["supplier-information-addresses"] as JsonRecord[];
  const rta = addresses.find((a) => String(a.kind).toUpperCase() === "RTA" && a.active !== false) ?? addresses[0]!;
  rta.kind = "RTA";
  rta.active = true;
  rta["bank-account-number"] = "****4321";
  info["hold-payment-indicator"] = false;
  info["updated-at"] = stamp;
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
    addBankAccount(w, remitOnly.supplierId, stamp);
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
    await expectNextRunWritesNothing(w);
  }, 120_000);
});

/**
 * The sandbox's and the runs' one clock: the wall clock moved forward when the test says so, so the
 * accruals the first run wrote are outside the next runs' windows (an hour later, lookback 600 s).
 */
function steppedClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
}

const HOUR = 3_600_000;
const pay3Blocked = (r: JsonRecord) => r.Payout_Status__c === "BLOCKED" && String(r.Program_Reason_Codes__c ?? "").split(";").includes("PAY-3:NO_COUPA_BANKING");

/** The open (READY or BLOCKED) accruals of one partner's Salesforce Account. */
async function openAccruals(w: SyncWorld, partnerId: string): Promise<JsonRecord[]> {
  const sf = (await w.sb.state("salesforce")).salesforce ?? {};
  const account = (sf.Account ?? []).find((a) => a.Type === "Partner" && String(a.Portal_Id__c) === partnerId);
  return (sf.Partner_Rebate__c ?? []).filter((r) => r.Partner_Account__c === account?.Id && (r.Payout_Status__c === "READY" || r.Payout_Status__c === "BLOCKED"));
}

/** Every accrual's payout status and reason codes, by key. */
async function payouts(w: SyncWorld): Promise<Record<string, string>> {
  const sf = (await w.sb.state("salesforce")).salesforce ?? {};
  return Object.fromEntries((sf.Partner_Rebate__c ?? []).map((r) => [String(r.Accrual_Key__c), `${String(r.Payout_Status__c)} ${String(r.Program_Reason_Codes__c ?? "")}`]));
}

/** Puts a connected supplier on hold, and gives another's remit-to address a bank account (stamped now). */
function changeBanking(w: SyncWorld, hold: PartnerBanking, connect: PartnerBanking, stamp: string): void {
  const supplier = w.coupaSeed.records.suppliers!.find((s) => String(s.id) === hold.supplierId)!;
  supplier["on-hold"] = true;
  supplier["updated-at"] = stamp;
  const connectSupplier = w.coupaSeed.records.suppliers!.find((s) => String(s.id) === connect.supplierId)!;
  connectSupplier["on-hold"] = false;
  connectSupplier.status = "active";
  connectSupplier["updated-at"] = stamp;
  addBankAccount(w, connect.supplierId, stamp);
  w.reloadCoupa();
}

// PAY-3 in the run that reads the change: the accruals of a partner whose banking changes are decided
// again although none of them changed (they are outside the accrual window), and a run cut off
// between the banking writes and that decision leaves it to the next run.
describe("a banking change re-decides the partner's accruals in the same run (size 80, seed 11)", () => {
  let w: SyncWorld;
  let hold: PartnerBanking;
  let connect: PartnerBanking;
  const clock = steppedClock();
  beforeAll(async () => {
    w = await startSyncWorld(80, 11, clock.now);
    await w.run();
    clock.advance(HOUR);
    await w.run();
    clock.advance(HOUR);
    const rows = await bankingNow(w);
    // A connected partner with a READY accrual (PAY-3 will block it), another with a PAY-3-blocked one.
    const candidates = await Promise.all(rows.map(async (r) => ({ r, open: await openAccruals(w, r.partnerId) })));
    hold = candidates.find((c) => c.r.expected === "connected" && c.open.some((a) => a.Payout_Status__c === "READY"))!.r;
    connect = candidates.find((c) => c.r.expected !== "connected" && c.open.some(pay3Blocked))!.r;
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  let ready: string[] = [];
  let blocked: string[] = [];
  it("before: a connected partner has READY accruals, another partner PAY-3-blocked ones", async () => {
    expect(hold && connect).toBeTruthy();
    ready = (await openAccruals(w, hold.partnerId)).filter((r) => r.Payout_Status__c === "READY").map((r) => String(r.Accrual_Key__c));
    blocked = (await openAccruals(w, connect.partnerId)).filter(pay3Blocked).map((r) => String(r.Accrual_Key__c));
    expect(ready.length).toBeGreaterThan(0);
    expect(blocked.length).toBeGreaterThan(0);
  });

  it("a run cut off after the banking writes, before the accruals, leaves them to the next run, which decides them as a full pass would", async () => {
    changeBanking(w, hold, connect, formatCoupaInstant(clock.now().getTime() - 2_000));
    clock.advance(60_000);
    // A dry run plans the accruals' new status with the Accounts', and writes nothing.
    w.sb.recorder.clear();
    const dry = await w.run({ dryRun: true });
    expect(w.writes()).toBe(0);
    for (const key of ready) expect(dry.plan.filter((l) => l.startsWith(`RebateAccrual ${key} → salesforce update:`))).toEqual([expect.stringMatching(/status: "READY" → "BLOCKED".* — .*PAY-3:NO_COUPA_BANKING/)]);
    // The cut: reading the partners' accruals fails (as a kill -9 at that instant would stop the run).
    const systems = openSystems(w.loaded, w.store, createLogger({ level: "silent", pretty: false }));
    const sf = systems.access.salesforce!;
    const cut: typeof sf = { ...sf, readByKeys: (object, keyField, keys, o) => (object === "Partner_Rebate__c" && keyField === "Partner_Account__c" ? Promise.reject(new Error("cut off")) : sf.readByKeys(object, keyField, keys, o)) };
    try {
      const s = await w.run({ access: { ...systems.access, salesforce: cut } });
      expect(s.status).toBe("failed");
    } finally {
      systems.close();
    }
    // The Accounts show the new statuses already; the accruals do not.
    const after = new Map((await bankingNow(w)).map((r) => [r.supplierId, r]));
    expect(after.get(hold.supplierId)).toMatchObject({ sf: "none", portal: "none" });
    expect(after.get(connect.supplierId)).toMatchObject({ sf: "connected", portal: "connected" });
    expect((await openAccruals(w, hold.partnerId)).filter((r) => r.Payout_Status__c === "READY").map((r) => r.Accrual_Key__c)).toEqual(ready);

    clock.advance(60_000);
    const s = await w.run();
    expect(s.status).not.toBe("failed");
    // READY → BLOCKED (PAY-3) for the partner put on hold, in this run although no accrual changed.
    const held = new Map((await openAccruals(w, hold.partnerId)).map((r) => [String(r.Accrual_Key__c), r]));
    expect(ready.filter((k) => !pay3Blocked(held.get(k) ?? {}))).toEqual([]);
    // PAY-3 lifted for the partner connected: gone from every accrual's reason codes, also from one
    // still BLOCKED for another reason (the FX rate), whose status does not change.
    const lifted = new Map((await openAccruals(w, connect.partnerId)).map((r) => [String(r.Accrual_Key__c), r]));
    expect(blocked.filter((k) => String(lifted.get(k)?.Program_Reason_Codes__c ?? "").includes("PAY-3"))).toEqual([]);
    expect(s.entities.RebateAccrual?.written?.salesforce ?? 0).toBeGreaterThan(0);
    // Every accrual as a --full pass (which decides each one again) leaves it: nothing left for tomorrow.
    const decided = await payouts(w);
    clock.advance(60_000);
    const full = await w.run({ full: true });
    expect(full.status).not.toBe("failed");
    expect(await payouts(w)).toEqual(decided);
  }, 180_000);

  it("the run after writes nothing", async () => {
    clock.advance(60_000);
    await expectNextRunWritesNothing(w);
  }, 120_000);
});

// Coupa answers 50 suppliers a page; the pass handles them `pageSize` at a time (page-batches.ts): the
// Accounts of more than a page of changed suppliers are written in one call per system, not one per
// Coupa page, and each still ends as Coupa says.
describe("suppliers changed across Coupa pages are handled as one batch (size 400, seed 11)", () => {
  let w: SyncWorld;
  const clock = steppedClock();
  beforeAll(async () => {
    w = await startSyncWorld(400, 11, clock.now);
    await w.run({ batchSize: 200 });
    clock.advance(HOUR);
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("every partner's banking changed in Coupa reaches both Accounts with one write call per system", async () => {
    const before = await bankingNow(w);
    expect(mismatches(before)).toEqual([]);
    // Every supplier a partner has changes state: on hold (none) where it had banking, connected where it had none.
    const stamp = formatCoupaInstant(clock.now().getTime() - 2_000);
    for (const r of before) {
      const supplier = w.coupaSeed.records.suppliers!.find((s) => String(s.id) === r.supplierId)!;
      supplier["updated-at"] = stamp;
      if (r.expected === "none") {
        supplier["on-hold"] = false;
        supplier.status = "active";
        addBankAccount(w, r.supplierId, stamp);
      } else supplier["on-hold"] = true;
    }
    w.reloadCoupa();
    clock.advance(60_000);
    w.sb.recorder.clear();
    const s = await w.run({ batchSize: 200 });
    expect(s.status).not.toBe("failed");
    const after = await bankingNow(w);
    const changed = after.filter((r) => r.expected !== before.find((b) => b.supplierId === r.supplierId)?.expected);
    // More than one Coupa page of them, or the test shows nothing.
    expect(changed.length).toBeGreaterThan(50);
    expect(mismatches(after)).toEqual([]);
    expect(s.entities.SupplierBanking?.written).toEqual({ salesforce: changed.length, portal: changed.length });
    // Only the banking pass writes portal Accounts in this run; Salesforce also gets the accruals it re-decides.
    expect(w.sb.recorder.count("portal", "PATCH")).toBe(1);
    expect(w.sb.recorder.count("salesforce", "PATCH", "/services/data/:version/composite/sobjects/:sobject/:extField")).toBeLessThanOrEqual(2);
  }, 180_000);

  it("the run after writes nothing", async () => {
    clock.advance(60_000);
    await expectNextRunWritesNothing(w);
  }, 120_000);
});
