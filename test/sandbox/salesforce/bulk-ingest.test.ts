import { Connection } from "jsforce";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceEmulator, type SalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { parseCsv } from "../../../src/sandbox/salesforce/csv.js";
import { accounts, credentials, describes, fixedClock, unsetProxies } from "./fixture.js";
import { serve, type Served } from "./serve.js";

beforeAll(unsetProxies);

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function start(): Promise<{ emu: SalesforceEmulator; conn: Connection }> {
  const seed = accounts(2).map((r) => ({ ...r, Industry: "Tech", AnnualRevenue: 5 }));
  const emu = createSalesforceEmulator({ seed: { describes: describes(), records: { Account: seed } }, credentials: credentials(), clock: fixedClock() });
  served = await serve(emu.handlers);
  return { emu, conn: new Connection({ instanceUrl: served.url, accessToken: emu.issueAccessToken(), version: "62.0" }) };
}

/** The raw Bulk API 2.0 flow, as systems.md describes it. */
async function ingest(conn: Connection, csv: string): Promise<{ state: string; ok: string[][]; failed: string[][]; polls: number }> {
  // a fresh object per call: jsforce writes content-length into the headers object it is given
  const json = () => ({ "content-type": "application/json" });
  const job = await conn.request<{ id: string; state: string }>({
    method: "POST",
    url: "/jobs/ingest",
    body: JSON.stringify({ object: "Account", operation: "upsert", externalIdFieldName: "Portal_Id__c", contentType: "CSV", lineEnding: "LF" }),
    headers: json(),
  });
  expect(job.state).toBe("Open");
  await conn.request({ method: "PUT", url: `/jobs/ingest/${job.id}/batches`, body: csv, headers: { "content-type": "text/csv" } });
  await conn.request({ method: "PATCH", url: `/jobs/ingest/${job.id}`, body: JSON.stringify({ state: "UploadComplete" }), headers: json() });
  let state = "UploadComplete";
  let polls = 0;
  while (!["JobComplete", "Failed", "Aborted"].includes(state)) {
    polls++;
    state = (await conn.request<{ state: string }>(`/jobs/ingest/${job.id}`)).state;
  }
  const text = (path: string) =>
    fetch(`${conn.instanceUrl}/services/data/v62.0/jobs/ingest/${job.id}/${path}`, { headers: { authorization: `Bearer ${conn.accessToken}` } }).then((r) => r.text());
  return { state, ok: parseCsv(await text("successfulResults/")), failed: parseCsv(await text("failedResults/")), polls };
}

describe("bulk ingest", () => {
  it("upserts a CSV: #N/A sets null, an empty cell leaves the field, results carry sf__ columns in some order", async () => {
    const { emu, conn } = await start();
    const rows = ["Portal_Id__c,Name,Industry,AnnualRevenue", "A-000000,Renamed,#N/A,", "A-000001,,Retail,7"];
    for (let i = 0; i < 30; i++) rows.push(`N-${i},"New, ""quoted"" ${i}",,`);
    rows.push("BAD-1,Bad,Mining,");
    const res = await ingest(conn, rows.join("\n") + "\n");
    expect(res.state).toBe("JobComplete");
    expect(res.polls).toBeGreaterThan(1);
    expect(res.ok[0]).toEqual(["sf__Id", "sf__Created", "Portal_Id__c", "Name", "Industry", "AnnualRevenue"]);
    const byExt = new Map(res.ok.slice(1).map((r) => [r[2], r]));
    expect(byExt.size).toBe(32);
    expect(byExt.get("A-000000")![1]).toBe("false");
    expect(byExt.get("N-3")![1]).toBe("true");
    // not in upload order: a client must match results by external id
    expect(res.ok.slice(1).map((r) => r[2])).not.toEqual(rows.slice(1, 33).map((r) => r.split(",")[0]));

    const a0 = emu.get("Account", byExt.get("A-000000")![0]!)!;
    expect([a0.Name, a0.Industry, a0.AnnualRevenue]).toEqual(["Renamed", null, 5]);
    const a1 = emu.get("Account", byExt.get("A-000001")![0]!)!;
    expect([a1.Name, a1.Industry, a1.AnnualRevenue]).toEqual(["Acme 1", "Retail", 7]);
    expect(emu.get("Account", byExt.get("N-3")![0]!)!.Name).toBe('New, "quoted" 3');

    expect(res.failed[0]!.slice(0, 3)).toEqual(["sf__Id", "sf__Error", "Portal_Id__c"]);
    expect(res.failed).toHaveLength(2);
    expect(res.failed[1]![1]).toMatch(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:/);
  });

  it("runs through jsforce's bulk2 loadAndWaitForResults", async () => {
    const { conn } = await start();
    conn.bulk2.pollInterval = 10;
    const res = await conn.bulk2.loadAndWaitForResults({
      object: "Account",
      operation: "upsert",
      externalIdFieldName: "Portal_Id__c",
      input: "Portal_Id__c,Name\nJ-1,Via jsforce\n",
    });
    expect(res.successfulResults).toHaveLength(1);
    expect(res.successfulResults[0]).toMatchObject({ sf__Created: "true", Portal_Id__c: "J-1" });
  });
});
