import { Connection } from "jsforce";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { parseCsv } from "../../../src/sandbox/salesforce/csv.js";
import { accounts, credentials, describes, fixedClock, unsetProxies } from "./fixture.js";
import { serve, type Served } from "./serve.js";

beforeAll(unsetProxies);

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe("bulk query", () => {
  it("pages results with Sforce-Locator until the literal null, each row once", async () => {
    const emu = createSalesforceEmulator({ seed: { describes: describes(), records: { Account: accounts(2500) } }, credentials: credentials(), clock: fixedClock() });
    served = await serve(emu.handlers);
    const conn = new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" });
    const job = await conn.request<{ id: string; state: string }>({
      method: "POST",
      url: "/jobs/query",
      body: JSON.stringify({ operation: "query", query: "SELECT Id, Portal_Id__c, SystemModstamp FROM Account ORDER BY Portal_Id__c" }),
      headers: { "content-type": "application/json" },
    });
    let state = job.state;
    while (state !== "JobComplete") state = (await conn.request<{ state: string }>(`/jobs/query/${job.id}`)).state;

    const seen: string[] = [];
    const counts: string[] = [];
    let locator: string | null = "";
    let last = "";
    while (locator !== "null") {
      const res: Response = await fetch(`${served.url}/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=1000${locator ? `&locator=${locator}` : ""}`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
      locator = res.headers.get("sforce-locator");
      counts.push(res.headers.get("sforce-numberofrecords") ?? "");
      const rows = parseCsv(await res.text());
      expect(rows[0]).toEqual(["Id", "Portal_Id__c", "SystemModstamp"]);
      for (const r of rows.slice(1)) seen.push(r[1]!);
      last = rows.at(-1)![2]!;
    }
    expect(counts).toEqual(["1000", "1000", "500"]);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
    expect(last).toBe("2026-01-01T00:00:00.000Z");
  });

  it("refuses a query with an unknown field when the job is created", async () => {
    const emu = createSalesforceEmulator({ seed: { describes: describes(), records: {} }, credentials: credentials(), clock: fixedClock() });
    served = await serve(emu.handlers);
    const conn = new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" });
    await expect(
      conn.request({ method: "POST", url: "/jobs/query", body: JSON.stringify({ operation: "query", query: "SELECT Nope FROM Account" }), headers: { "content-type": "application/json" } }),
    ).rejects.toMatchObject({ errorCode: "INVALID_FIELD" });
  });
});
