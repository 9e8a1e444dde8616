import { Connection } from "jsforce";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceEmulator, type SalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { accounts, credentials, describes, fixedClock, unsetProxies } from "./fixture.js";
import { serve, type Served } from "./serve.js";

beforeAll(unsetProxies);

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function start(seed = 0, faults?: unknown): Promise<{ emu: SalesforceEmulator; conn: Connection }> {
  const emu = createSalesforceEmulator({
    seed: { describes: describes(), records: { Account: accounts(seed) } },
    credentials: credentials(),
    clock: fixedClock(),
    faults,
  });
  served = await serve(emu.handlers);
  return { emu, conn: new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" }) };
}

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

const rec = (i: number, extra: Record<string, unknown> = {}) => ({ Portal_Id__c: `P-${i}`, Name: `Partner ${i}`, ...extra });

describe("collections upsert", () => {
  it("creates and updates by external id, one result per record in request order", async () => {
    const { emu, conn } = await start(2);
    const results = (await conn.sobject("Account").upsert([rec(1), { Portal_Id__c: "A-000001", Name: "Renamed" }], "Portal_Id__c")) as SaveResult[];
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(emu.get("Account", results[1]!.id!)?.Name).toBe("Renamed");
    expect(emu.records("Account")).toHaveLength(3);
  });

  it("refuses 201 records with 400 EXCEEDED_ID_LIMIT and stores nothing", async () => {
    const { emu, conn } = await start();
    const records = Array.from({ length: 201 }, (_, i) => rec(i));
    await expect(conn.sobject("Account").upsert(records, "Portal_Id__c")).rejects.toMatchObject({ errorCode: "EXCEEDED_ID_LIMIT" });
    expect(emu.records("Account")).toHaveLength(0);
    const ok = (await conn.sobject("Account").upsert(records.slice(0, 200), "Portal_Id__c")) as SaveResult[];
    expect(ok.every((r) => r.success)).toBe(true);
  });

  it("with allOrNone stores nothing: the bad record gets its error, the others ALL_OR_NONE_OPERATION_ROLLED_BACK", async () => {
    const { emu, conn } = await start();
    const results = (await conn
      .sobject("Account")
      .upsert([rec(1), rec(2, { Name: "x".repeat(81) }), rec(3)], "Portal_Id__c", { allOrNone: true })) as SaveResult[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual(["ALL_OR_NONE_OPERATION_ROLLED_BACK", "STRING_TOO_LONG", "ALL_OR_NONE_OPERATION_ROLLED_BACK"]);
    expect(results.every((r) => !r.success)).toBe(true);
    expect(emu.records("Account")).toHaveLength(0);
  });

  it("without allOrNone stores the good records and answers HTTP 200 with per-record errors", async () => {
    const { emu, conn } = await start();
    const results = (await conn.sobject("Account").upsert([rec(1, { Industry: "Mining" }), rec(2)], "Portal_Id__c")) as SaveResult[];
    expect(results[0]).toMatchObject({ success: false, errors: [{ statusCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", fields: ["Industry"] }] });
    expect(results[1]).toMatchObject({ success: true, created: true });
    expect(emu.records("Account")).toHaveLength(1);
  });

  it.each([
    [{ Foo__c: 1 }, "INVALID_FIELD"],
    [{ Formula__c: "x" }, "INVALID_FIELD_FOR_INSERT_UPDATE"],
    [{ Name: undefined }, "REQUIRED_FIELD_MISSING"],
    [{ AnnualRevenue: "lots" }, "INVALID_TYPE_ON_FIELD_IN_RECORD"],
  ])("validates %o against the describe → %s", async (extra, code) => {
    const { conn } = await start();
    const [r] = (await conn.sobject("Account").upsert([rec(1, extra)], "Portal_Id__c")) as SaveResult[];
    expect(r!.errors[0]!.statusCode).toBe(code);
  });

  it("injects UNABLE_TO_LOCK_ROW once, then the retry succeeds", async () => {
    const { conn } = await start(0, { recordErrors: [{ sobject: "Account", externalId: "P-1", code: "UNABLE_TO_LOCK_ROW", times: 1 }] });
    const first = (await conn.sobject("Account").upsert([rec(1)], "Portal_Id__c")) as SaveResult[];
    expect(first[0]!.errors[0]!.statusCode).toBe("UNABLE_TO_LOCK_ROW");
    const second = (await conn.sobject("Account").upsert([rec(1)], "Portal_Id__c")) as SaveResult[];
    expect(second[0]).toMatchObject({ success: true, created: true });
  });

  it("injects DUPLICATE_VALUE on every attempt when times is absent", async () => {
    const { emu, conn } = await start();
    emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: "P-2", code: "DUPLICATE_VALUE" }] });
    for (let i = 0; i < 3; i++) {
      const [r] = (await conn.sobject("Account").upsert([rec(2)], "Portal_Id__c")) as SaveResult[];
      expect(r!.errors[0]!.statusCode).toBe("DUPLICATE_VALUE");
    }
  });

  it("rejects an invalid faults object", async () => {
    const { emu } = await start();
    expect(() => emu.faults.set({ sessionExpiresAfterCalls: -1 })).toThrow();
    expect(() => emu.faults.set({ typo: 1 })).toThrow();
  });
});

describe("single upsert", () => {
  it("answers 201 created then 200 updated, and 404 NOT_FOUND for an unknown external id field", async () => {
    const { conn } = await start();
    const url = "/sobjects/Account/Portal_Id__c/P-9";
    const a = await conn.request<SaveResult>({ method: "PATCH", url, body: JSON.stringify({ Name: "Nine" }), headers: { "content-type": "application/json" } });
    expect(a).toMatchObject({ success: true, created: true });
    const b = await conn.request<SaveResult>({ method: "PATCH", url, body: JSON.stringify({ Name: "Nine!" }), headers: { "content-type": "application/json" } });
    expect(b).toMatchObject({ success: true, created: false, id: a.id });
    await expect(
      conn.request({ method: "PATCH", url: "/sobjects/Account/Nope__c/1", body: "{}", headers: { "content-type": "application/json" } }),
    ).rejects.toMatchObject({ errorCode: "NOT_FOUND" });
  });
});

describe("SOQL string literals", () => {
  it("round-trips a value with a quote, a backslash and a newline: insert it, find it by equality", async () => {
    const { conn } = await start();
    const tricky = "O'Brien \\ Sons\nLtd";
    await conn.sobject("Account").upsert([rec(7, { Name: tricky })], "Portal_Id__c");
    const literal = tricky.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n");
    const res = await conn.query<{ Name: string }>(`SELECT Id, Name FROM Account WHERE Name = '${literal}'`);
    expect(res.totalSize).toBe(1);
    expect(res.records[0]!.Name).toBe(tricky);
  });
});

describe("describe", () => {
  it("serves describe with system fields and describe-global", async () => {
    const { conn } = await start();
    const d = await conn.sobject("Account").describe();
    expect(d.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["Id", "SystemModstamp", "Portal_Id__c"]));
    const g = await conn.describeGlobal();
    expect(g.sobjects.map((s) => s.name)).toEqual(["Account"]);
  });
});
