// Reads through the real jsforce against the emulator: every row exactly once whatever the page
// size, past jsforce's 10000-row autoFetch limit, ties across page boundaries, lookback, deletes.
import { afterEach, describe, expect, it } from "vitest";
import type { JsonRecord } from "../../../src/sandbox/contracts.js";
import { soqlString } from "../../../src/connectors/salesforce/index.js";
import { accounts, connect, drain, startOrg, stopOrgs } from "./harness.js";

afterEach(stopOrgs);

const fields = ["Name", "Portal_Id__c"];
const distinctIds = (rows: JsonRecord[]) => new Set(rows.map((r) => r.Id)).size;
const NEXT = "/query/:locator";

/** `n` accounts whose SystemModstamps step by one second from 2026-01-01, in groups of `tie` equal stamps. */
function stamped(n: number, tie = 1): JsonRecord[] {
  return accounts(n).map((a, i) => ({ ...a, SystemModstamp: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / tie) * 1000).toISOString().replace("Z", "+0000") }));
}

const window = { start: new Date("2025-12-31T00:00:00Z"), end: new Date("2026-02-01T00:00:00Z") };

describe("readChanged pages along nextRecordsUrl", () => {
  it.each([
    [1, 450],
    [199, 1000],
    [2000, 4500],
  ])("with pages of %i reads each of %i rows exactly once, one call per page", async (pageSize, n) => {
    const org = await startOrg({ records: { Account: stamped(n, 7) }, pageSize });
    const { records, pages, covered } = await drain(connect(org).readChanged("Account", window, { fields }));
    expect(records).toHaveLength(n);
    expect(distinctIds(records)).toBe(n);
    expect(pages).toBe(Math.ceil(n / pageSize));
    expect(org.count("GET", "/query") + org.count("GET", NEXT)).toBe(Math.ceil(n / pageSize));
    expect(covered.at(-1)).toEqual(window.end);
    const times = covered.map((d) => d!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("reads more than 10,000 rows of one window (where jsforce's autoFetch would stop silently)", async () => {
    const n = 10_450;
    const org = await startOrg({ records: { Account: stamped(n, 50) } });
    const { records, pages } = await drain(connect(org).readChanged("Account", window, { fields: ["Name"] }));
    expect(distinctIds(records)).toBe(n);
    expect(records).toHaveLength(n);
    expect(pages).toBe(6);
  });

  it("yields a row seen on two pages once, when rows tie on SystemModstamp across the boundary", async () => {
    const org = await startOrg({ records: { Account: stamped(30, 30) }, pageSize: 10 });
    const sf = connect(org);
    const seen: string[] = [];
    let first = true;
    for await (const page of sf.readChanged("Account", window, { fields })) {
      seen.push(...page.records.map((r) => String(r.Id)));
      // The org loses the cursor after page 1: the read restarts at the last stamp, re-reading ties.
      if (first) org.emu.expireQueryLocators();
      first = false;
      expect(page.coveredUntil?.toISOString()).toMatch(/^2026-0[12]-01T00:00:00.000Z$/);
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(org.count("GET", "/query")).toBeGreaterThan(1);
  });

  it("picks up a row that became visible late with a past SystemModstamp when the window's lookback covers it", async () => {
    const org = await startOrg({ records: { Account: stamped(5) } });
    const sf = connect(org);
    const first = await drain(sf.readChanged("Account", { start: window.start, end: new Date("2026-01-01T00:10:00Z") }, { fields }));
    expect(first.records).toHaveLength(5);
    org.emu.insertLate("Account", { Name: "Late", Portal_Id__c: "LATE-1" }, "2026-01-01T00:09:00.000+0000");
    // The next window starts at the watermark (00:10) minus a 5-minute lookback.
    const next = await drain(sf.readChanged("Account", { start: new Date("2026-01-01T00:05:00Z"), end: new Date("2026-01-01T01:00:00Z") }, { fields }));
    expect(next.records.map((r) => r.Portal_Id__c)).toEqual(["LATE-1"]);
  });

  it("keeps to the half-open window [start, end) compared as instants", async () => {
    const org = await startOrg({ records: { Account: stamped(4) } });
    const sf = connect(org);
    const { records } = await drain(sf.readChanged("Account", { start: new Date("2026-01-01T00:00:01Z"), end: new Date("2026-01-01T00:00:03Z") }, { fields }));
    expect(records.map((r) => r.Portal_Id__c)).toEqual(["A-000001", "A-000002"]);
  });
});

describe("readDeleted", () => {
  it("returns soft-deleted rows of the window through queryAll, and readChanged no longer does", async () => {
    const org = await startOrg({ records: { Account: stamped(3) } });
    const victim = org.emu.records("Account")[1]!;
    org.emu.softDelete("Account", String(victim.Id));
    const sf = connect(org);
    const wide = { start: null, end: new Date("2027-01-01T00:00:00Z") };
    const deleted = await drain(sf.readDeleted("Account", wide, { fields: ["IsDeleted"] }));
    expect(deleted.records.map((r) => [r.Id, r.IsDeleted])).toEqual([[victim.Id, true]]);
    expect(org.count("GET", "/queryAll")).toBe(1);
    const live = await drain(sf.readChanged("Account", wide, { fields }));
    expect(live.records.map((r) => r.Id)).not.toContain(victim.Id);
  });
});

describe("readChangedWithDeleted", () => {
  it("reads the window's live and soft-deleted rows with one queryAll call, split by IsDeleted, the window covered", async () => {
    const org = await startOrg({ records: { Account: stamped(5) } });
    const victim = org.emu.records("Account")[2]!;
    org.emu.softDelete("Account", String(victim.Id));
    const sf = connect(org);
    // A delete moves the row's SystemModstamp to now.
    const wide = { start: null, end: new Date("2027-01-01T00:00:00Z") };
    const pages = [];
    for await (const page of sf.readChangedWithDeleted("Account", wide, { fields })) pages.push(page);
    expect(org.count("GET", "/queryAll")).toBe(1);
    expect(org.count("GET", "/query")).toBe(0);
    expect(pages.flatMap((p) => p.deleted.map((r) => r.Id))).toEqual([victim.Id]);
    const live = pages.flatMap((p) => p.records.map((r) => r.Id));
    expect(live).toHaveLength(4);
    expect(live).not.toContain(victim.Id);
    expect(pages.at(-1)?.coveredUntil).toEqual(wide.end);
  });
});

describe("SOQL literals built by our code", () => {
  it.each(["O'Brien \\ Co", "two\nlines\tand \"quotes\"", "50% off_now"])("round-trips %j through a WHERE clause", async (name) => {
    const org = await startOrg({ records: { Account: [...stamped(2), { Name: name, Portal_Id__c: "X-1", SystemModstamp: "2026-01-01T00:00:00.000+0000" }] } });
    const { records } = await drain(connect(org).readAll("Account", { fields, where: `Name = ${soqlString(name)}` }));
    expect(records.map((r) => r.Name)).toEqual([name]);
  });
});
