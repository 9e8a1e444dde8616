import axios, { type AxiosInstance } from "axios";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPortalEmulator } from "../../../src/sandbox/portal/portal-emulator.js";
import { T0, bigSeed, credentials, otherTenant, portalSeed } from "./fixture.js";
import { type Served, serve } from "./serve.js";

const emulator = createPortalEmulator({ seed: portalSeed(), credentials, clock: () => T0 });
let served: Served;
let api: AxiosInstance;

function client(creds: { apiKey: string; tenantId: number | string }): AxiosInstance {
  return axios.create({
    baseURL: `${served.baseUrl}/api/objects/v1`,
    headers: { Authorization: `prm-key ${creds.apiKey}`, "X-PRM-TenantId": String(creds.tenantId) },
    validateStatus: () => true,
  });
}

async function ids(filter: string): Promise<number[]> {
  const res = await api.get("/Account", { params: { filter, take: 500 } });
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return res.data.data.results.map((r: { id: number }) => r.id);
}

beforeAll(async () => {
  served = await serve(emulator);
  api = client(credentials);
});
afterAll(() => served.close());
beforeEach(() => emulator.reset());

describe("portal auth binds a key to its tenant", () => {
  it("answers 401 {success:false} without data when the key belongs to another tenant", async () => {
    const res = await client({ apiKey: credentials.apiKey, tenantId: otherTenant.tenantId }).get("/Account");
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ success: false, message: expect.any(String) });
  });

  it.each([
    ["no Authorization", { "X-PRM-TenantId": "4711" }],
    ["no tenant header", { Authorization: "prm-key key-4711" }],
    ["a non-integer tenant", { Authorization: "prm-key key-4711", "X-PRM-TenantId": "47a" }],
    ["a Bearer scheme", { Authorization: "Bearer key-4711", "X-PRM-TenantId": "4711" }],
    ["a wrong key", { Authorization: "prm-key nope", "X-PRM-TenantId": "4711" }],
  ])("answers 401 for %s", async (_label, headers) => {
    const res = await axios.get(`${served.baseUrl}/api/objects/v1/Account`, { headers, validateStatus: () => true });
    expect(res.status).toBe(401);
    expect(res.data.success).toBe(false);
    expect(res.data.data).toBeUndefined();
  });
});

describe("portal list responses", () => {
  it("wraps results in {success, data:{count, entity, results}} with Json.NET camelCase keys and nulls present", async () => {
    const res = await api.get("/Account", { params: { filter: "Id = 2" } });
    expect(res.status).toBe(200);
    expect(res.data.success).toBe(true);
    expect(res.data.data.count).toBe(1);
    expect(res.data.data.entity).toBe("Account");
    const [rec] = res.data.data.results;
    expect(Object.keys(rec).sort()).toEqual(
      ["id", "created", "updated", "recordVersion", "name", "crmId", "partner_Track__cf", "nfR_Seats__cf", "is_Active__cf",
        "revenue__cf", "renewal_Date__cf", "last_Audit__cf", "urlValue__cf", "tier_Code__cf", "notes__cf"].sort(),
    );
    expect(rec.crmId).toBeNull();
    expect(rec.urlValue__cf).toBeNull();
    expect(rec.last_Audit__cf).toBe("2026-03-01T04:00:00-06:00");
    expect(rec.updated).toBe("2026-04-01T18:00:00-06:00");
  });

  it("returns only the requested fields (plus id), accepting camelCase names", async () => {
    const res = await api.get("/Account", { params: { fields: "Name,nfR_Seats__cf", filter: "Id = 1" } });
    expect(res.data.data.results).toEqual([{ id: 1, name: "Acme", nfR_Seats__cf: 5 }]);
  });

  it("defaults take to 10 and clamps take to the cap while count stays the total", async () => {
    const big = createPortalEmulator({ seed: bigSeed(1200), credentials, clock: () => T0 });
    const s = await serve(big);
    try {
      const c = axios.create({ baseURL: `${s.baseUrl}/api/objects/v1`, headers: { Authorization: "prm-key key-4711", "X-PRM-TenantId": "4711" } });
      const first = await c.get("/Account");
      expect(first.data.data.results).toHaveLength(10);
      expect(first.data.data.count).toBe(1200);
      const capped = await c.get("/Account", { params: { take: 5000 } });
      expect(capped.data.data.results).toHaveLength(500);
      const tail = await c.get("/Account", { params: { skip: 1000, take: 500 } });
      expect(tail.data.data.results).toHaveLength(200);
      expect(tail.data.data.results[0].id).toBe(1001);
    } finally {
      await s.close();
    }
  });

  it("pages with skip/take and orderby over several keys, reading every record exactly once", async () => {
    const seen: number[] = [];
    for (let skip = 0; ; skip += 2) {
      const res = await api.get("/Account", { params: { orderby: "Updated desc, NFR_Seats__cf asc", skip, take: 2 } });
      seen.push(...res.data.data.results.map((r: { id: number }) => r.id));
      if (res.data.data.results.length < 2) break;
    }
    expect(seen).toEqual([4, 2, 3, 5, 1]);
  });

  it("rejects a bad orderby, skip or take with 400", async () => {
    for (const params of [{ orderby: "Nope asc" }, { orderby: "Name sideways" }, { skip: -1 }, { take: "ten" }]) {
      const res = await api.get("/Account", { params });
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.data.success).toBe(false);
    }
  });

  it("serves tens of thousands of records per second through the port", async () => {
    const big = createPortalEmulator({ seed: bigSeed(30_000), credentials, clock: () => T0 });
    const s = await serve(big);
    try {
      const c = axios.create({ baseURL: `${s.baseUrl}/api/objects/v1`, headers: { Authorization: "prm-key key-4711", "X-PRM-TenantId": "4711" } });
      // CPU time, not wall time: client and server share this process, and the 2-core machine is
      // shared with other work, so wall-clock rates would measure the neighbours.
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      let read = 0;
      for (let skip = 0; ; skip += 500) {
        const res = await c.get("/Account", { params: { filter: "Updated >= '2026-01-01T00:00:00Z' and NFR_Seats__cf != null", orderby: "Updated asc,Id asc", skip, take: 500 } });
        read += res.data.data.results.length;
        if (res.data.data.results.length < 500) break;
      }
      const cpu = process.cpuUsage(cpuBefore);
      const perCpuSecond = read / ((cpu.user + cpu.system) / 1e6);
      const perWallSecond = read / ((performance.now() - started) / 1000);
      expect(read).toBe(30_000);
      console.info(`portal list throughput: ${Math.round(perCpuSecond)} records/CPU-s, ${Math.round(perWallSecond)} records/s wall`);
      // Measured 25–43k/CPU-s here; the bar sits below that so neighbours on the machine cannot fail it.
      expect(perCpuSecond).toBeGreaterThan(15_000);
    } finally {
      await s.close();
    }
  });
});

describe("portal filter language", () => {
  it.each([
    ["NFR_Seats__cf = 5", [1]],
    ["NFR_Seats__cf != 5", [2, 3, 5]],
    ["NFR_Seats__cf < 5", [2, 5]],
    ["NFR_Seats__cf <= 5", [1, 2, 5]],
    ["NFR_Seats__cf > 5", [3]],
    ["NFR_Seats__cf >= 5", [1, 3]],
    ["Revenue__cf > 99.5", [1, 2, 5]],
    ["Name like '%a%'", [1, 2, 3, 4]],
    ["Name like 'ep%'", [5]],
    ["name LIKE '%100%'", [4]],
    ["Name like 'b_ta%'", [2]],
    ["CrmId = null", [2]],
    ["CrmId != null", [1, 3, 4, 5]],
    ["Is_Active__cf = true", [1, 3, 5]],
    ["Is_Active__cf = false", [2]],
    ["Name = 'Beta O''Brien'", [2]],
    ["Name = 'GAMMA'", [3]],
    ["Renewal_Date__cf >= '2026-07-01'", [1, 4, 5]],
    ["Partner_Track__cf = 'Open' or Partner_Track__cf = 'Select' and NFR_Seats__cf > 3", [1, 2]],
    ["(Partner_Track__cf = 'Open' or Partner_Track__cf = 'Select') and NFR_Seats__cf > 3", [1]],
    ["Id = 1 OR (Id = 2 AnD (Is_Active__cf = false))", [1, 2]],
  ])("%s", async (filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  it("compares quoted datetimes as instants whatever their offset", async () => {
    expect(await ids("Last_Audit__cf = '2026-03-01T10:00:00Z'")).toEqual([1, 2]);
    expect(await ids("Last_Audit__cf = '2026-03-01T04:00:00-06:00'")).toEqual([1, 2]);
    expect(await ids("Last_Audit__cf > '2026-03-01T11:00:00+01:00'")).toEqual([5]);
    expect(await ids("Last_Audit__cf >= '2026-03-01T11:00:00+01:00'")).toEqual([1, 2, 5]);
    expect(await ids("Last_Audit__cf < '2026-03-01T10:00:00.000+00:00'")).toEqual([4]);
    expect(await ids("Updated >= '2026-04-02T00:00:00Z' and Updated < '2026-04-03T00:00:00Z'")).toEqual([2, 3]);
  });

  it("round-trips a rendered timestamp as a filter without re-reading the record", async () => {
    const res = await api.get("/Account/4");
    expect(await ids(`Updated > '${res.data.data.updated}'`)).toEqual([]);
    expect(await ids(`Updated >= '${res.data.data.updated}'`)).toEqual([4]);
  });

  it.each([
    ["Nope = 1", /Nope.*position 1/],
    ["Id = 1 and Bogus__cf = 'x'", /Bogus__cf.*position 12/],
    ["Notes__cf = 'x'", /not filterable/],
    ["Name = ", /value.*position 7/],
    ["Name = 'open", /Unterminated.*position 8/],
    ["(Id = 1", /\)/],
    ["Id = 1 Id = 2", /position 8/],
    ["NFR_Seats__cf = '5'", /NFR_Seats__cf/],
    ["Is_Active__cf > true", /Is_Active__cf/],
    ["Last_Audit__cf > 'yesterday'", /yesterday/],
    ["Name > null", /null/],
  ])("rejects %s with 400 naming the field or position", async (filter, message) => {
    const res = await api.get("/Account", { params: { filter } });
    expect(res.status).toBe(400);
    expect(res.data.success).toBe(false);
    expect(res.data.message).toMatch(message);
  });
});

describe("portal get and describe", () => {
  it("gets one record by id and answers 404 {success:false} for an unknown id or object", async () => {
    expect((await api.get("/Account/3")).data).toMatchObject({ success: true, data: { id: 3, name: "gamma" } });
    for (const path of ["/Account/999", "/Account/abc", "/Nope", "/Nope/1"]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(404);
      expect(res.data).toEqual({ success: false, message: expect.any(String) });
    }
  });

  it("describes the objects and an object's fields with types, flags and picklist values", async () => {
    const objects = await api.get("/_describe");
    expect(objects.data.data.map((o: { name: string }) => o.name)).toEqual(["Account", "Deal_Registration__c"]);
    const account = await api.get("/Account/_describe");
    const fields = account.data.data.fields as { name: string; dataType: string; isReadOnly: boolean; isFilterable: boolean; isRequired: boolean; picklistValues: string[] | null }[];
    expect(fields.find((f) => f.name === "Partner_Track__cf")).toMatchObject({ dataType: "Picklist", isReadOnly: false, isFilterable: true, isRequired: false, picklistValues: ["Select", "Open", "Professional Services"] });
    expect(fields.find((f) => f.name === "Name")).toMatchObject({ dataType: "Text", isRequired: true, maxLength: 40 });
    expect(fields.find((f) => f.name === "Updated")).toMatchObject({ dataType: "DateTime", isReadOnly: true });
    expect(fields.find((f) => f.name === "Notes__cf")?.isFilterable).toBe(false);
  });
});
