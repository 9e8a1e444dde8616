// Update by Id, through jsforce unchanged: `sobject(X).update([...])` (sObject Collections, PATCH
// /composite/sobjects) and `sobject(X).update({Id, …})` (PATCH /sobjects/X/{id}, 204).
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

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

async function start(seed = 3): Promise<{ emu: SalesforceEmulator; conn: Connection; ids: string[] }> {
  const emu = createSalesforceEmulator({
    seed: { describes: describes(), records: { Account: accounts(seed) } },
    credentials: credentials(),
    clock: fixedClock("2026-06-01T00:00:00.000Z"),
  });
  served = await serve(emu.handlers);
  const ids = emu.records("Account").map((r) => String(r.Id));
  return { emu, conn: new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" }), ids };
}

const updateMany = (conn: Connection, records: Record<string, unknown>[], allOrNone = false) =>
  conn.sobject("Account").update(records as never, { allOrNone }) as unknown as Promise<SaveResult[]>;

describe("collections update by Id", () => {
  it("updates each named record, one result per record in request order, and moves SystemModstamp", async () => {
    const { emu, conn, ids } = await start();
    const results = await updateMany(conn, [{ Id: ids[2], Name: "Third" }, { Id: ids[0], Industry: "Retail" }]);
    expect(results).toEqual([
      { id: ids[2], success: true, errors: [] },
      { id: ids[0], success: true, errors: [] },
    ]);
    expect(emu.get("Account", ids[2]!)?.Name).toBe("Third");
    expect(emu.get("Account", ids[0]!)).toMatchObject({ Name: "Acme 0", Industry: "Retail", SystemModstamp: "2026-06-01T00:00:00.000+0000" });
    expect(emu.get("Account", ids[1]!)?.SystemModstamp).toBe("2026-01-01T00:00:00.000+0000");
    expect(emu.records("Account")).toHaveLength(3);
  });

  it("accepts the 15-character form of an Id and answers with the 18-character one", async () => {
    const { emu, conn, ids } = await start();
    const [r] = await updateMany(conn, [{ Id: ids[1]!.slice(0, 15), Name: "Short id" }]);
    expect(r).toMatchObject({ id: ids[1], success: true });
    expect(emu.get("Account", ids[1]!)?.Name).toBe("Short id");
  });

  it("refuses 201 records with 400 EXCEEDED_ID_LIMIT and changes nothing", async () => {
    const { emu, conn, ids } = await start();
    const records = Array.from({ length: 201 }, () => ({ Id: ids[0], Name: "Too many" }));
    await expect(updateMany(conn, records)).rejects.toMatchObject({ errorCode: "EXCEEDED_ID_LIMIT" });
    expect(emu.get("Account", ids[0]!)?.Name).toBe("Acme 0");
  });

  it("answers an unknown Id INVALID_CROSS_REFERENCE_KEY, a deleted one ENTITY_IS_DELETED, another object's MALFORMED_ID, and lands the rest", async () => {
    const { emu, conn, ids } = await start();
    emu.softDelete("Account", ids[1]!);
    const unknown = `${ids[0]!.slice(0, 10)}zzzzz`;
    const results = await updateMany(conn, [
      { Id: unknown, Name: "x" },
      { Id: ids[1], Name: "x" },
      { Id: "00Q5g0000000001AAA", Name: "x" },
      { Id: "not-an-id", Name: "x" },
      { Id: ids[2], Name: "Landed" },
    ]);
    expect(results.map((r) => [r.success, r.errors[0]?.statusCode])).toEqual([
      [false, "INVALID_CROSS_REFERENCE_KEY"],
      [false, "ENTITY_IS_DELETED"],
      [false, "MALFORMED_ID"],
      [false, "MALFORMED_ID"],
      [true, undefined],
    ]);
    expect(emu.get("Account", ids[2]!)?.Name).toBe("Landed");
    expect(emu.records("Account").map((a) => a.Name)).toEqual(["Acme 0", "Landed"]);
  });

  it.each([
    [{ Foo__c: 1 }, "INVALID_FIELD", []],
    [{ Formula__c: "x" }, "INVALID_FIELD_FOR_INSERT_UPDATE", ["Formula__c"]],
    [{ Name: "x".repeat(81) }, "STRING_TOO_LONG", ["Name"]],
    [{ Industry: "Mining" }, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", ["Industry"]],
    [{ Name: null }, "REQUIRED_FIELD_MISSING", ["Name"]],
    [{ Portal_Id__c: "A-000001" }, "DUPLICATE_VALUE", ["Portal_Id__c"]],
  ])("validates %o as an update → %s", async (fields, code, errorFields) => {
    const { emu, conn, ids } = await start();
    const [r] = await updateMany(conn, [{ Id: ids[0], ...fields }]);
    expect(r).toMatchObject({ success: false, errors: [{ statusCode: code, fields: errorFields }] });
    expect(emu.get("Account", ids[0]!)).toMatchObject({ Name: "Acme 0", Portal_Id__c: "A-000000" });
  });

  it("with allOrNone changes nothing: the bad record gets its error, the others ALL_OR_NONE_OPERATION_ROLLED_BACK", async () => {
    const { emu, conn, ids } = await start();
    const results = await updateMany(conn, [{ Id: ids[0], Name: "A" }, { Id: ids[1], Industry: "Mining" }, { Id: ids[2], Name: "C" }], true);
    expect(results.map((r) => [r.success, r.errors[0]?.statusCode])).toEqual([
      [false, "ALL_OR_NONE_OPERATION_ROLLED_BACK"],
      [false, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"],
      [false, "ALL_OR_NONE_OPERATION_ROLLED_BACK"],
    ]);
    expect(emu.records("Account").map((a) => a.Name)).toEqual(["Acme 0", "Acme 1", "Acme 2"]);
  });

  it("names a record without a type or of an unknown type INVALID_TYPE", async () => {
    const { conn, ids } = await start();
    const res = (await conn.request({
      method: "PATCH",
      url: "/services/data/v62.0/composite/sobjects",
      body: JSON.stringify({ records: [{ id: ids[0], Name: "x" }, { attributes: { type: "Nope__c" }, id: ids[0], Name: "x" }] }),
      headers: { "content-type": "application/json" },
    })) as SaveResult[];
    expect(res.map((r) => r.errors[0]?.statusCode)).toEqual(["INVALID_TYPE", "INVALID_TYPE"]);
  });

  it("applies an injected record fault named by Id (UNABLE_TO_LOCK_ROW once), then lets the record through", async () => {
    const { emu, conn, ids } = await start();
    emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: ids[0]!, code: "UNABLE_TO_LOCK_ROW", times: 1 }] });
    const [first] = await updateMany(conn, [{ Id: ids[0], Name: "Locked" }]);
    expect(first).toMatchObject({ success: false, errors: [{ statusCode: "UNABLE_TO_LOCK_ROW" }] });
    const [second] = await updateMany(conn, [{ Id: ids[0], Name: "Locked" }]);
    expect(second?.success).toBe(true);
    expect(emu.get("Account", ids[0]!)?.Name).toBe("Locked");
  });
});

describe("single-record update by Id", () => {
  it("answers 204 (jsforce reports success) and updates only the fields given", async () => {
    const { emu, conn, ids } = await start();
    const r = (await conn.sobject("Account").update({ Id: ids[1]!, Industry: "Tech" })) as SaveResult;
    expect(r).toEqual({ id: ids[1], success: true, errors: [] });
    expect(emu.get("Account", ids[1]!)).toMatchObject({ Name: "Acme 1", Industry: "Tech" });
  });

  it("answers 404 NOT_FOUND for an unknown record and ENTITY_IS_DELETED for a deleted one, 400 for bad data", async () => {
    const { emu, conn, ids } = await start();
    emu.softDelete("Account", ids[2]!);
    await expect(conn.sobject("Account").update({ Id: `${ids[0]!.slice(0, 10)}zzzzz`, Name: "x" })).rejects.toMatchObject({ errorCode: "NOT_FOUND" });
    await expect(conn.sobject("Account").update({ Id: ids[2]!, Name: "x" })).rejects.toMatchObject({ errorCode: "ENTITY_IS_DELETED" });
    await expect(conn.sobject("Account").update({ Id: ids[0]!, Name: "x".repeat(81) })).rejects.toMatchObject({ errorCode: "STRING_TOO_LONG" });
    expect(emu.get("Account", ids[0]!)?.Name).toBe("Acme 0");
  });
});
