import axios, { type AxiosInstance } from "axios";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPortalEmulator } from "../../../src/sandbox/portal/portal-emulator.js";
import { T0, credentials, portalSeed } from "./fixture.js";
import { type Served, serve } from "./serve.js";

let now = T0;
const emulator = createPortalEmulator({
  seed: portalSeed(),
  credentials,
  clock: () => now,
  faults: { failWrites: [{ object: "Account", id: 5, message: "Locked by an approval process" }] },
});
let served: Served;
let api: AxiosInstance;

beforeAll(async () => {
  served = await serve(emulator);
  api = axios.create({
    baseURL: `${served.baseUrl}/api/objects/v1`,
    headers: { Authorization: `prm-key ${credentials.apiKey}`, "X-PRM-TenantId": String(credentials.tenantId) },
    validateStatus: () => true,
  });
});
afterAll(() => served.close());
beforeEach(() => {
  now = T0;
  emulator.reset();
});

describe("portal partial PATCH", () => {
  it("changes only the sent fields, moves updated to the clock and adds 1 to recordVersion", async () => {
    const before = (await api.get("/Account/1")).data.data;
    const res = await api.patch("/Account/1", { nfR_Seats__cf: 7 });
    expect(res.status).toBe(200);
    const after = (await api.get("/Account/1")).data.data;
    expect(after).toEqual({ ...before, nfR_Seats__cf: 7, updated: "2026-05-01T06:00:00-06:00", recordVersion: before.recordVersion + 1 });
  });

  it("moves updated on every write even within one second of the clock", async () => {
    await api.patch("/Account/1", { Name: "Acme 2" });
    await api.patch("/Account/1", { Name: "Acme 3" });
    const rec = (await api.get("/Account/1")).data.data;
    expect(rec.updated).toBe("2026-05-01T06:00:01-06:00");
    expect(rec.recordVersion).toBe(3);
  });

  it("accepts PascalCase and camelCase keys alike", async () => {
    await api.patch("/Account/2", { CrmId: "001B", partner_Track__cf: "Select" });
    expect((await api.get("/Account/2")).data.data).toMatchObject({ crmId: "001B", partner_Track__cf: "Select" });
  });

  it.each([
    [{ Tier_Code__cf: "A" }, /read-only/],
    [{ Updated: "2026-01-01T00:00:00Z" }, /read-only/],
    [{ Nope__cf: 1 }, /Nope__cf/],
    [{ Partner_Track__cf: "Gold" }, /picklist/],
    [{ CrmId: "x".repeat(19) }, /too long/],
    [{ NFR_Seats__cf: "5" }, /integer/],
    [{ Is_Active__cf: "yes" }, /true or false/],
    [{ Name: null }, /required/],
  ])("refuses %j with 400 naming the problem and stores nothing", async (body, message) => {
    const res = await api.patch("/Account/3", body);
    expect(res.status).toBe(400);
    expect(res.data).toEqual({ success: false, message: expect.stringMatching(message) });
    expect((await api.get("/Account/3")).data.data.recordVersion).toBe(1);
  });

  it("answers 404 for an unknown id", async () => {
    const res = await api.patch("/Account/99", { Name: "x" });
    expect(res.status).toBe(404);
    expect(res.data.success).toBe(false);
  });
});

describe("portal batch PATCH", () => {
  it("lands the valid records and fails the others, each with its own result in request order", async () => {
    const res = await api.patch("/Account", [
      { id: 1, NFR_Seats__cf: 9 },
      { id: 2, Partner_Track__cf: "Gold" },
      { Id: 3, recordVersion: 4 },
      { id: 4, Unknown__cf: true },
      { id: 99, Name: "ghost" },
      { id: 5, Name: "Epsilon 2" },
      { Name: "no id" },
      { id: 3, Name: "Gamma", CrmId: "x".repeat(30) },
      { id: 2, Is_Active__cf: 1 },
      { id: 3, crmId: "003" },
    ]);
    expect(res.status).toBe(200);
    expect(res.data.success).toBe(false);
    expect(res.data.results.map((r: { id: unknown; success: boolean }) => [r.id, r.success])).toEqual([
      [1, true], [2, false], [3, false], [4, false], [99, false], [5, false], [null, false], [3, false], [2, false], [3, true],
    ]);
    for (const r of res.data.results.filter((x: { success: boolean }) => !x.success)) expect(r.message).toEqual(expect.any(String));
    expect(res.data.results[5].message).toBe("Locked by an approval process");
    const one = (await api.get("/Account/1")).data.data;
    const two = (await api.get("/Account/2")).data.data;
    const three = (await api.get("/Account/3")).data.data;
    expect([one.nfR_Seats__cf, one.recordVersion]).toEqual([9, 2]);
    expect([two.partner_Track__cf, two.recordVersion]).toEqual(["Open", 1]);
    expect([three.crmId, three.name, three.recordVersion]).toEqual(["003", "gamma", 2]);
  });

  it("answers success:true when every record landed", async () => {
    const res = await api.patch("/Account", [{ id: 1, Name: "A" }, { id: 2, name: "B" }]);
    expect(res.data).toEqual({ success: true, results: [{ id: 1, success: true }, { id: 2, success: true }] });
  });

  it("refuses a body that is not an array with 400", async () => {
    const res = await api.patch("/Account", { id: 1, Name: "A" });
    expect(res.status).toBe(400);
    expect(res.data.success).toBe(false);
  });
});

describe("portal create", () => {
  it("assigns the next integer id per object and returns the full record", async () => {
    now = new Date("2026-05-02T00:00:00Z");
    const res = await api.post("/Account", { name: "Zeta", NFR_Seats__cf: 1 });
    expect(res.data.success).toBe(true);
    expect(res.data.data).toMatchObject({ id: 6, name: "Zeta", nfR_Seats__cf: 1, crmId: null, recordVersion: 1, created: "2026-05-01T18:00:00-06:00", updated: "2026-05-01T18:00:00-06:00" });
    const deal = await api.post("/Deal_Registration__c", { Deal_Name__cf: "First" });
    expect(deal.data.data.id).toBe(1);
    expect((await api.get("/Account", { params: { filter: "Name = 'Zeta'" } })).data.data.count).toBe(1);
  });

  it("refuses a record missing a required field, or setting its own id", async () => {
    const missing = await api.post("/Account", { CrmId: "x" });
    expect(missing.status).toBe(400);
    expect(missing.data.message).toMatch(/Name/);
    const withId = await api.post("/Account", { Id: 77, Name: "x" });
    expect(withId.status).toBe(400);
    expect(withId.data.message).toMatch(/read-only/);
  });

  it("forgets created records on reset", async () => {
    await api.post("/Account", { Name: "Temp" });
    emulator.reset();
    expect((await api.get("/Account")).data.data.count).toBe(5);
  });
});
