// Upserts above the bulk threshold go through Bulk API 2.0 ingest: the job id is persisted before
// the upload, results are matched by external id (the emulator shuffles them), and a crash resumes
// polling the persisted job without uploading again.
import { afterEach, describe, expect, it } from "vitest";
import type { WriteRecord } from "../../../src/connectors/connector.js";
import { parseBulkError } from "../../../src/connectors/salesforce/bulk-ingest.js";
import type { BulkJobRecord } from "../../../src/connectors/salesforce/index.js";
import { accounts, connect, startOrg, stopOrgs, type Org } from "./harness.js";

afterEach(stopOrgs);

const JOBS = "/jobs/ingest";
const UPLOAD = "/jobs/ingest/:id/batches";
const COLLECTIONS = "/composite/sobjects/:sobject/:extField";

function seed() {
  return { Account: accounts(2).map((a) => ({ ...a, Industry: "Tech", Notes__c: "keep me?" })) };
}

/** 2 updates of seeded rows (A-000000, A-000001) and 10 creates, with awkward CSV values. */
function records(): WriteRecord[] {
  return [
    { key: "A-000000", fields: { Name: "Updated, with comma", Notes__c: null } }, // null → #N/A clears it; Industry absent stays
    { key: "A-000001", fields: { Name: 'Says "hi"\non two lines' } },
    ...Array.from({ length: 10 }, (_, i) => ({ key: `B-${i}`, fields: { Name: `Bulk ${i}`, Partner__c: i % 2 === 0, AnnualRevenue: 1000 + i } })),
  ];
}

async function bulkRun(org: Org, persisted: BulkJobRecord[] = []) {
  const sf = connect(org, { bulkThreshold: 5, persistJob: (job) => void persisted.push({ ...job, uploadsSoFar: org.count("PUT", UPLOAD) } as BulkJobRecord) });
  return sf.upsert("Account", "Portal_Id__c", records());
}

describe("upsert through Bulk API 2.0 above the threshold", () => {
  it("lands every record, maps results back by external id, #N/A nulls and empty cells as Salesforce reads them", async () => {
    const org = await startOrg({ records: seed() });
    const persisted: BulkJobRecord[] = [];
    const results = await bulkRun(org, persisted);
    expect(results.map((r) => r.key)).toEqual(records().map((r) => r.key));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = new Map(org.emu.records("Account").map((a) => [a.Portal_Id__c, a]));
    for (const r of results) expect(r.id).toBe(rows.get(r.key)?.Id);
    expect(results.map((r) => r.created)).toEqual([false, false, ...Array(10).fill(true)]);
    expect(rows.get("A-000000")).toMatchObject({ Name: "Updated, with comma", Notes__c: null, Industry: "Tech" });
    expect(rows.get("A-000001")).toMatchObject({ Name: 'Says "hi"\non two lines', Notes__c: "keep me?" });
    expect(rows.get("B-3")).toMatchObject({ Partner__c: false, AnnualRevenue: 1003 });
    expect(org.count("POST", JOBS)).toBe(1);
    expect(org.count("PUT", UPLOAD)).toBe(1);
    expect(org.count("PATCH", COLLECTIONS)).toBe(0);
    expect(persisted[0]).toMatchObject({ state: "Open", object: "Account", uploadsSoFar: 0 });
    expect(persisted.at(-1)).toMatchObject({ state: "JobComplete" });
  });

  it("returns the job's per-record failures by external id while the rest lands", async () => {
    const org = await startOrg({ records: seed() });
    const input = [...records(), { key: "B-long", fields: { Name: "x".repeat(81) } }];
    const results = await connect(org, { bulkThreshold: 5 }).upsert("Account", "Portal_Id__c", input);
    expect(results.at(-1)).toMatchObject({ key: "B-long", ok: false, error: { code: "STRING_TOO_LONG", retryable: false } });
    expect(results.slice(0, -1).every((r) => r.ok)).toBe(true);
  });

  it("retries a record the job could not lock through Collections, once", async () => {
    const org = await startOrg({ records: seed() });
    org.emu.faults.set({ recordErrors: [{ sobject: "Account", externalId: "B-4", code: "UNABLE_TO_LOCK_ROW", times: 1 }] });
    const results = await connect(org, { bulkThreshold: 5 }).upsert("Account", "Portal_Id__c", records());
    expect(results.every((r) => r.ok)).toBe(true);
    expect(org.count("PATCH", COLLECTIONS)).toBe(1);
  });

  it("stays on Collections at the threshold itself", async () => {
    const org = await startOrg();
    const twelve = Array.from({ length: 12 }, (_, i) => ({ key: `C-${i}`, fields: { Name: `C ${i}` } }));
    await connect(org, { bulkThreshold: 12 }).upsert("Account", "Portal_Id__c", twelve);
    expect(org.count("POST", JOBS)).toBe(0);
    expect(org.count("PATCH", COLLECTIONS)).toBe(1);
  });
});

describe("resumeBulkJob after a crash", () => {
  it("polls the persisted job to its end and returns its results without uploading again", async () => {
    const org = await startOrg({ records: seed() });
    const persisted: BulkJobRecord[] = [];
    const crashing = connect(org, {
      bulkThreshold: 5,
      persistJob: (job) => {
        persisted.push(job);
        if (job.state === "UploadComplete") throw new Error("kill -9");
      },
    });
    await expect(crashing.upsert("Account", "Portal_Id__c", records())).rejects.toThrow("kill -9");
    const id = persisted[0]!.id;

    const restarted = connect(org, { bulkThreshold: 5 });
    const outcome = await restarted.resumeBulkJob(id);
    expect(outcome.job).toEqual({ id, object: "Account", state: "JobComplete" });
    expect(outcome.results.map((r) => r.key).sort()).toEqual(records().map((r) => r.key).sort());
    expect(outcome.results.every((r) => r.ok)).toBe(true);
    expect(org.count("PUT", UPLOAD)).toBe(1);
    expect(org.count("POST", JOBS)).toBe(1);
    expect(org.emu.records("Account")).toHaveLength(12);
  });

  it("aborts a job that crashed before its upload completed, so the records are simply sent again", async () => {
    const org = await startOrg({ records: seed() });
    let id = "";
    const crashing = connect(org, {
      bulkThreshold: 5,
      persistJob: (job) => {
        id = job.id;
        throw new Error("kill -9");
      },
    });
    await expect(crashing.upsert("Account", "Portal_Id__c", records())).rejects.toThrow("kill -9");
    const outcome = await connect(org).resumeBulkJob(id);
    expect(outcome).toEqual({ job: { id, object: "Account", state: "Aborted" }, results: [] });
    expect(org.count("PUT", UPLOAD)).toBe(0);
  });
});

describe("sf__Error", () => {
  it.each([
    ["REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --", { code: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [Name]", fields: ["Name"] }],
    ["STRING_TOO_LONG:data value too large: --", { code: "STRING_TOO_LONG", message: "data value too large" }],
    ["something else", { code: "UNKNOWN_ERROR", message: "something else" }],
  ])("reads %j", (text, expected) => {
    expect(parseBulkError(text)).toEqual(expected);
  });
});
