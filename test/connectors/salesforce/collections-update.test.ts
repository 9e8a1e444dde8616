// Updates by Salesforce Id through sObject Collections against the emulator: chunks of at most 200,
// results in input order keyed by the id given, refused records beside landed ones, lock conflicts
// retried alone, transient HTTP failures retried per chunk, every call counted against the budget.
import { afterEach, describe, expect, it } from "vitest";
import type { UpdateRecord } from "../../../src/connectors/salesforce/index.js";
import { accounts, connect, startOrg, stopOrgs, type Org } from "./harness.js";

afterEach(stopOrgs);

const PATCH = "/composite/sobjects";
const idsOf = (org: Org) => org.emu.records("Account").map((a) => String(a.Id));
const renames = (ids: readonly string[]): UpdateRecord[] => ids.map((id, i) => ({ id, fields: { Name: `Renamed ${i}` } }));

describe("update by Id through sObject Collections", () => {
  it.each([
    [1, 1],
    [200, 1],
    [201, 2],
    [450, 3],
  ])("sends %i records in %i call(s) of at most 200, each result keyed by its id, creating nothing", async (n, calls) => {
    const org = await startOrg({ records: { Account: accounts(n) } });
    const ids = idsOf(org);
    const results = await connect(org).update("Account", renames(ids));
    expect(results.map((r) => r.key)).toEqual(ids);
    expect(results.every((r) => r.ok && r.created === false && r.id === r.key)).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(calls);
    expect(org.emu.records("Account").map((a) => a.Name)).toEqual(ids.map((_, i) => `Renamed ${i}`));
  });

  it("returns an unknown id, a deleted record and a too-long value as per-record failures while the rest lands", async () => {
    const org = await startOrg({ records: { Account: accounts(4) } });
    const ids = idsOf(org);
    org.emu.softDelete("Account", ids[1]!);
    const unknown = `${ids[0]!.slice(0, 10)}zzzzz`;
    const results = await connect(org).update("Account", [
      { id: ids[0]!, fields: { Name: "Zero" } },
      { id: ids[1]!, fields: { Name: "Deleted" } },
      { id: unknown, fields: { Name: "Nobody" } },
      { id: ids[2]!, fields: { Name: "x".repeat(81) } },
      { id: ids[3]!, fields: { Name: "Three" } },
    ]);
    expect(results.map((r) => [r.key, r.ok, r.error?.code, r.error?.retryable])).toEqual([
      [ids[0], true, undefined, undefined],
      [ids[1], false, "ENTITY_IS_DELETED", false],
      [unknown, false, "INVALID_CROSS_REFERENCE_KEY", false],
      [ids[2], false, "STRING_TOO_LONG", false],
      [ids[3], true, undefined, undefined],
    ]);
    expect(results[3]?.error?.fields).toEqual(["Name"]);
    expect(org.emu.records("Account").map((a) => a.Name)).toEqual(["Zero", "Acme 2", "Three"]);
    expect(org.count("PATCH", PATCH)).toBe(1);
  });

  it("retries only the record that hit UNABLE_TO_LOCK_ROW, and it lands", async () => {
    const org = await startOrg({ records: { Account: accounts(5) } });
    const ids = idsOf(org);
    org.emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: ids[2]!, code: "UNABLE_TO_LOCK_ROW", times: 2 }] });
    const results = await connect(org).update("Account", renames(ids));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(3);
    expect(org.emu.get("Account", ids[2]!)?.Name).toBe("Renamed 2");
  });

  it("reports UNABLE_TO_LOCK_ROW as retryable once its retries are used up", async () => {
    const org = await startOrg({ records: { Account: accounts(2) } });
    const ids = idsOf(org);
    org.emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: ids[0]!, code: "UNABLE_TO_LOCK_ROW" }] });
    const results = await connect(org, { lockRetry: { retries: 2, minDelayMs: 1 } }).update("Account", renames(ids));
    expect(results[0]).toMatchObject({ ok: false, error: { code: "UNABLE_TO_LOCK_ROW", retryable: true } });
    expect(results[1]?.ok).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(3);
  });

  it("retries a whole chunk after a 503 (an update by Id is idempotent) and lands every record", async () => {
    const org = await startOrg({ records: { Account: accounts(3) } });
    org.faults.add("salesforce", { kind: "status", status: 503, method: "PATCH", times: 2 });
    const results = await connect(org).update("Account", renames(idsOf(org)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(org.count("PATCH", PATCH)).toBe(3);
    expect(org.emu.records("Account").map((a) => a.Name)).toEqual(["Renamed 0", "Renamed 1", "Renamed 2"]);
  });

  it("refuses every record of an id given twice, without sending them", async () => {
    const org = await startOrg({ records: { Account: accounts(2) } });
    const [a, b] = idsOf(org);
    const results = await connect(org).update("Account", [{ id: a!, fields: { Name: "One" } }, { id: b!, fields: { Name: "Two" } }, { id: a!, fields: { Name: "Other" } }]);
    expect(results.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, "PS_DUPLICATE_ID"],
      [true, undefined],
      [false, "PS_DUPLICATE_ID"],
    ]);
    expect(org.emu.records("Account").map((x) => x.Name)).toEqual(["Acme 0", "Two"]);
  });

  it("counts every call against the run's budget and stops at the cap before sending", async () => {
    const org = await startOrg({ records: { Account: accounts(450) } });
    const sf = connect(org, { budget: { maxCallsPerRun: 2 } });
    // 450 records are three chunks: two fit the cap, the third is refused before it is sent.
    await expect(sf.update("Account", renames(idsOf(org)))).rejects.toMatchObject({ kind: "budget" });
    expect(sf.budget().calls).toBe(2);
    expect(org.count("PATCH", PATCH)).toBe(2);
    expect(org.emu.records("Account").filter((a) => String(a.Name).startsWith("Renamed"))).toHaveLength(400);
  });

  it("makes no call for no records", async () => {
    const org = await startOrg();
    expect(await connect(org).update("Account", [])).toEqual([]);
    expect(org.count()).toBe(0);
  });
});
