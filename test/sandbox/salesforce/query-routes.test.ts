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

async function start(n: number, pageSize?: number): Promise<{ emu: SalesforceEmulator; conn: Connection }> {
  const emu = createSalesforceEmulator({
    seed: { describes: describes(), records: { Account: accounts(n) } },
    credentials: credentials(),
    clock: fixedClock(),
    ...(pageSize ? { pageSize } : {}),
  });
  served = await serve(emu.handlers);
  const conn = new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" });
  return { emu, conn };
}

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: { Id: string; Portal_Id__c: string; attributes: { type: string; url: string } }[];
}

/** Follows nextRecordsUrl by hand, as the worker does; returns every page. */
async function readAll(conn: Connection, soql: string, headers: Record<string, string> = {}): Promise<Page[]> {
  const pages: Page[] = [await conn.request<Page>({ method: "GET", url: `/query?q=${encodeURIComponent(soql)}`, headers })];
  while (!pages[pages.length - 1]!.done) {
    pages.push(await conn.request<Page>({ method: "GET", url: pages[pages.length - 1]!.nextRecordsUrl!, headers }));
  }
  return pages;
}

describe("query paging", () => {
  for (const [rows, pageSize] of [
    [5, 1],
    [1000, 199],
    [4500, 2000],
  ] as const) {
    it(`reads each of ${rows} rows exactly once in pages of ${pageSize}`, async () => {
      const { conn } = await start(rows, pageSize);
      const pages = await readAll(conn, "SELECT Id, Portal_Id__c FROM Account ORDER BY SystemModstamp, Id");
      expect(pages.length).toBe(Math.ceil(rows / pageSize));
      for (const p of pages.slice(0, -1)) {
        expect(p.records).toHaveLength(pageSize);
        expect(p.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/[A-Za-z0-9]+-\d+$/);
      }
      expect(pages.at(-1)!.nextRecordsUrl).toBeUndefined();
      const ids = pages.flatMap((p) => p.records.map((r) => r.Portal_Id__c));
      expect(ids).toHaveLength(rows);
      expect(new Set(ids).size).toBe(rows);
      expect(pages.every((p) => p.totalSize === rows)).toBe(true);
    });
  }

  it("honours a batchSize hint, clamped to at least 200", async () => {
    const { conn } = await start(700);
    const pages = await readAll(conn, "SELECT Id FROM Account", { "Sforce-Query-Options": "batchSize=50" });
    expect(pages.map((p) => p.records.length)).toEqual([200, 200, 200, 100]);
  });

  it("keeps ties on SystemModstamp stable across a page boundary even when rows change between pages", async () => {
    const { emu, conn } = await start(450, 200);
    const first = await conn.request<Page>(`/query?q=${encodeURIComponent("SELECT Id, Portal_Id__c FROM Account ORDER BY SystemModstamp")}`);
    // a write between pages moves a row of page 1 to a later SystemModstamp; the cursor is a snapshot
    emu.update("Account", first.records[0]!.Id, { Name: "changed" });
    const rest: Page[] = [];
    let url = first.nextRecordsUrl;
    while (url) {
      const p = await conn.request<Page>(url);
      rest.push(p);
      url = p.nextRecordsUrl;
    }
    const ids = [first, ...rest].flatMap((p) => p.records.map((r) => r.Id));
    expect(new Set(ids).size).toBe(450);
    expect(ids).toEqual([...ids].sort());
  });

  it("answers a stale locator with 400 INVALID_QUERY_LOCATOR", async () => {
    const { emu, conn } = await start(300, 200);
    const first = await conn.request<Page>(`/query?q=${encodeURIComponent("SELECT Id FROM Account")}`);
    emu.expireQueryLocators();
    await expect(conn.request(first.nextRecordsUrl!)).rejects.toMatchObject({ errorCode: "INVALID_QUERY_LOCATOR" });
  });

  it("serves queryMore through jsforce's locator form", async () => {
    const { conn } = await start(250, 200);
    const first = await conn.query<{ Id: string }>("SELECT Id FROM Account");
    expect(first.done).toBe(false);
    const second = await conn.queryMore(first.nextRecordsUrl!);
    expect(second.records).toHaveLength(50);
    expect(second.done).toBe(true);
  });

  it("shows a row inserted late with a past SystemModstamp to a query run after it, not to an open cursor", async () => {
    const { emu, conn } = await start(300, 200);
    const soql = "SELECT Id, Portal_Id__c FROM Account WHERE SystemModstamp >= 2025-12-31T00:00:00Z ORDER BY SystemModstamp, Id";
    const first = await conn.request<Page>(`/query?q=${encodeURIComponent(soql)}`);
    emu.insertLate("Account", { Name: "Late", Portal_Id__c: "LATE-1" }, "2025-12-31T12:00:00.000+0000");
    const second = await conn.request<Page>(first.nextRecordsUrl!);
    expect([...first.records, ...second.records].map((r) => r.Portal_Id__c)).not.toContain("LATE-1");
    const again = await readAll(conn, soql);
    expect(again[0]!.records[0]!.Portal_Id__c).toBe("LATE-1");
    expect(again[0]!.totalSize).toBe(301);
  });

  it("pages a selective SystemModstamp window (served by the index) as a snapshot, and a re-run sees later writes", async () => {
    // 2 000 rows, 100 per stamp: the window [T+5 s, T+8 s) is 300 rows, a selective read
    const rows = accounts(2000).map((r, i) => ({ ...r, SystemModstamp: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 100) * 1000).toISOString() }));
    const emu = createSalesforceEmulator({ seed: { describes: describes(), records: { Account: rows } }, credentials: credentials(), clock: fixedClock(), pageSize: 200 });
    served = await serve(emu.handlers);
    const conn = new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" });
    const soql = "SELECT Id, Portal_Id__c FROM Account WHERE SystemModstamp >= 2026-01-01T00:00:05Z AND SystemModstamp < 2026-01-01T00:00:08Z ORDER BY SystemModstamp, Id";
    const expected = (): string[] =>
      emu.records("Account")
        .filter((r) => (r.SystemModstamp as string) >= "2026-01-01T00:00:05.000+0000" && (r.SystemModstamp as string) < "2026-01-01T00:00:08.000+0000")
        .sort((a, b) => ((a.SystemModstamp as string) + (a.Id as string).toLowerCase() < (b.SystemModstamp as string) + (b.Id as string).toLowerCase() ? -1 : 1))
        .map((r) => r.Portal_Id__c as string);
    const before = expected();
    const first = await conn.request<Page>(`/query?q=${encodeURIComponent(soql)}`);
    emu.update("Account", first.records[0]!.Id, { Name: "moved out of the window" });
    emu.insertLate("Account", { Name: "Late", Portal_Id__c: "LATE-1" }, "2026-01-01T00:00:06.500Z");
    const second = await conn.request<Page>(first.nextRecordsUrl!);
    expect([...first.records, ...second.records].map((r) => r.Portal_Id__c)).toEqual(before);
    const again = (await readAll(conn, soql)).flatMap((p) => p.records.map((r) => r.Portal_Id__c));
    expect(again).toEqual(expected());
    expect(again).toContain("LATE-1");
    expect(again).not.toContain(before[0]);
    expect(again).toHaveLength(300);
  });

  it("returns datetimes as 2026-05-07T22:07:19.000+0000 and records with attributes", async () => {
    const { conn } = await start(1);
    const res = await conn.query<Record<string, unknown>>("SELECT Id, Name, SystemModstamp, Signed_On__c FROM Account");
    const r = res.records[0]!;
    expect(r.SystemModstamp).toBe("2026-01-01T00:00:00.000+0000");
    expect(r.Signed_On__c).toBeNull();
    expect(r.attributes).toEqual({ type: "Account", url: `/services/data/v62.0/sobjects/Account/${r.Id as string}` });
    expect(String(r.Id)).toMatch(/^001[A-Za-z0-9]{15}$/);
  });

  it("counts with COUNT() and hides soft-deleted rows from query but not from queryAll", async () => {
    const { emu, conn } = await start(10);
    emu.softDelete("Account", emu.records("Account")[0]!.Id as string);
    const count = await conn.request<Page>(`/query?q=${encodeURIComponent("SELECT COUNT() FROM Account")}`);
    expect(count.totalSize).toBe(9);
    const all = await conn.request<Page>(`/queryAll?q=${encodeURIComponent("SELECT Id, IsDeleted FROM Account WHERE IsDeleted = TRUE")}`);
    expect(all.totalSize).toBe(1);
  });
});

/** The error a call fails with; a call that succeeds fails the test. */
async function failure(call: PromiseLike<unknown>): Promise<Error> {
  try {
    await call;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

describe("query errors", () => {
  it("answers a syntax error with MALFORMED_QUERY pointing at the row and column", async () => {
    const { conn } = await start(1);
    const err = await failure(conn.query("SELECT Id FROM Account WHERE Name = 'x' ORDER Name"));
    expect(err).toMatchObject({ errorCode: "MALFORMED_QUERY" });
    expect(err.message).toBe(
      "\nSELECT Id FROM Account WHERE Name = 'x' ORDER Name\n" + " ".repeat(46) + "^\nERROR at Row:1:Column:47\nunexpected token: 'Name'",
    );
  });

  it("answers an unknown column with INVALID_FIELD worded like Salesforce", async () => {
    const { conn } = await start(1);
    const err = await failure(conn.query("SELECT Id, Foo__c FROM Account"));
    expect(err).toMatchObject({ errorCode: "INVALID_FIELD" });
    expect(err.message).toContain("ERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'.");
  });

  it("rejects a quoted datetime compared to a datetime field with INVALID_FIELD", async () => {
    const { conn } = await start(1);
    const err = await failure(conn.query("SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01T00:00:00Z'"));
    expect(err).toMatchObject({ errorCode: "INVALID_FIELD" });
    expect(err.message).toContain("must be of type dateTime and should not be enclosed in quotes");
  });

  it("sends the error body as a JSON array of {message, errorCode}", async () => {
    const { emu } = await start(1);
    const res = await fetch(`${served!.url}/services/data/v62.0/query?q=${encodeURIComponent("SELECT FROM Account")}`, {
      headers: { authorization: `Bearer ${emu.issueAccessToken()}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as unknown[];
    expect(body).toEqual([{ message: expect.stringContaining("unexpected token: 'FROM'"), errorCode: "MALFORMED_QUERY" }]);
  });
});
