// Upserts by external id through sObject Collections against the emulator: chunks of at most 200,
// results in input order, per-record failures beside successes, lock conflicts retried alone.
import { afterEach, describe, expect, it } from "vitest";
import type { WriteRecord } from "../../../src/connectors/connector.js";
import { accounts, connect, startOrg, stopOrgs } from "./harness.js";

afterEach(stopOrgs);

const PATCH = "/composite/sobjects/:sobject/:extField";
const rec = (i: number, fields: Record<string, unknown> = {}): WriteRecord => ({ key: `P-${i}`, fields: { Name: `Partner ${i}`, ...fields } });
const many = (n: number) => Array.from({ length: n }, (_, i) => rec(i));

describe("upsert through sObject Collections", () => {
  it.each([
    [1, 1],
    [200, 1],
    [201, 2],
    [450, 3],
  ])("sends %i records in %i call(s) of at most 200 and lands them all", async (n, calls) => {
    const org = await startOrg();
    const results = await connect(org).upsert("Account", "Portal_Id__c", many(n));
    expect(results.map((r) => r.key)).toEqual(many(n).map((r) => r.key));
    expect(results.every((r) => r.ok && r.created === true && r.id)).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(calls);
    expect(org.count("PATCH", PATCH)).toBeLessThanOrEqual(Math.ceil(n / 200));
    expect(org.emu.records("Account")).toHaveLength(n);
  });

  it("updates existing rows by external id (created false, same id)", async () => {
    const org = await startOrg({ records: { Account: accounts(2) } });
    const before = org.emu.records("Account")[1]!;
    const [r] = await connect(org).upsert("Account", "Portal_Id__c", [{ key: "A-000001", fields: { Name: "Renamed" } }]);
    expect(r).toMatchObject({ ok: true, created: false, id: before.Id });
    expect(org.emu.get("Account", String(before.Id))?.Name).toBe("Renamed");
  });

  it("returns DUPLICATE_VALUE and STRING_TOO_LONG as per-record failures while the rest lands", async () => {
    const org = await startOrg({ records: { Account: accounts(1) } });
    const records = [rec(1), rec(2, { Name: "x".repeat(81) }), rec(3, { Portal_Id__c: "ignored" }), rec(4)];
    org.emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: "P-4", code: "DUPLICATE_VALUE", fields: ["Name"] }] });
    const results = await connect(org).upsert("Account", "Portal_Id__c", records);
    expect(results.map((r) => [r.key, r.ok, r.error?.code, r.error?.retryable])).toEqual([
      ["P-1", true, undefined, undefined],
      ["P-2", false, "STRING_TOO_LONG", false],
      ["P-3", true, undefined, undefined],
      ["P-4", false, "DUPLICATE_VALUE", false],
    ]);
    expect(results[3]?.error?.fields).toEqual(["Name"]);
    expect(org.emu.records("Account").map((a) => a.Portal_Id__c).sort()).toEqual(["A-000000", "P-1", "P-3"]);
    expect(org.count("PATCH", PATCH)).toBe(1);
  });

  it("retries only the record that hit UNABLE_TO_LOCK_ROW, and it lands", async () => {
    const org = await startOrg();
    org.emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: "P-2", code: "UNABLE_TO_LOCK_ROW", times: 1 }] });
    const results = await connect(org).upsert("Account", "Portal_Id__c", many(5));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(2);
    expect(org.emu.records("Account")).toHaveLength(5);
  });

  it("reports UNABLE_TO_LOCK_ROW as retryable once its retries are used up", async () => {
    const org = await startOrg();
    org.emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: "P-0", code: "UNABLE_TO_LOCK_ROW" }] });
    const results = await connect(org, { lockRetry: { retries: 2, minDelayMs: 1 } }).upsert("Account", "Portal_Id__c", many(2));
    expect(results[0]).toMatchObject({ ok: false, error: { code: "UNABLE_TO_LOCK_ROW", retryable: true } });
    expect(results[1]?.ok).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(3);
  });

  it("retries a whole chunk after a 503 (idempotent by external id) and creates each record once", async () => {
    const org = await startOrg();
    org.faults.add("salesforce", { kind: "status", status: 503, method: "PATCH", times: 2 });
    const results = await connect(org).upsert("Account", "Portal_Id__c", many(3));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(3);
    expect(org.emu.records("Account")).toHaveLength(3);
  });

  it("refuses every record of a key given twice, without sending them", async () => {
    const org = await startOrg();
    const results = await connect(org).upsert("Account", "Portal_Id__c", [rec(1), rec(2), rec(1)]);
    expect(results.map((r) => [r.key, r.ok, r.error?.code])).toEqual([
      ["P-1", false, "DUPLICATE_EXTERNAL_ID"],
      ["P-2", true, undefined],
      ["P-1", false, "DUPLICATE_EXTERNAL_ID"],
    ]);
    expect(org.emu.records("Account").map((a) => a.Portal_Id__c)).toEqual(["P-2"]);
  });
});
