import axios from "axios";
import { afterEach, describe, expect, it } from "vitest";
import { collect, credentials, portalWorld, seed, type PortalWorld } from "./fixture.js";

let world: PortalWorld;
afterEach(() => world.close());

const FIELDS = ["Name", "CrmId", "Partner_Track__cf", "NFR_Seats__cf", "URLValue__cf"];
const ids = (records: Record<string, unknown>[]) => records.map((r) => r.Id as number);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Another writer: a raw PATCH, as a portal user or workflow would make it. */
async function touch(id: number, seats: number) {
  const res = await axios.patch(`${world.served.url}/api/objects/v1/Account/${id}`, { NFR_Seats__cf: seats }, {
    headers: { Authorization: `prm-key ${credentials.apiKey}`, "X-PRM-TenantId": String(credentials.tenantId) },
  });
  expect(res.status).toBe(200);
}

describe("portal reads", () => {
  it("yields keys spelt as defined, not as the portal camelCases them", async () => {
    world = await portalWorld(seed(3));
    const { records } = await collect(world.connector().readAll("Account", { fields: FIELDS }));
    expect(records).toHaveLength(3);
    expect(Object.keys(records[0] as object).sort()).toEqual(["CrmId", "Id", "NFR_Seats__cf", "Name", "Partner_Track__cf", "URLValue__cf", "Updated"]);
    expect(records[0]).toMatchObject({ Id: 1, Name: "Partner 0001", CrmId: "0010001", NFR_Seats__cf: 0, URLValue__cf: null });
  });

  it("reads each record exactly once across many pages while another writer updates records mid-read", async () => {
    world = await portalWorld(seed(50));
    world.setNow(new Date("2026-05-01T12:00:00Z"));
    const connector = world.connector({ pageSize: 10 });
    const seen: number[] = [];
    let pages = 0;
    for await (const page of connector.readAll("Account", { fields: ["NFR_Seats__cf"] })) {
      pages++;
      seen.push(...ids(page.records));
      if (pages === 1) {
        await touch(3, 90); // already read: moves behind the anchor, must not come again
        await touch(25, 91); // not read yet: moves to the end, must still come (with its new value)
        await touch(11, 92); // the first record of the next page
      }
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen).toHaveLength(50);
    expect([...seen].sort((a, b) => a - b)).toEqual(range(50));
    expect(seen.slice(-2)).toEqual([11, 25]);
  });

  it("the same mid-read writes make plain skip/take paging miss a record (why the reader uses a keyset)", async () => {
    world = await portalWorld(seed(30));
    const api = axios.create({
      baseURL: `${world.served.url}/api/objects/v1`,
      headers: { Authorization: `prm-key ${credentials.apiKey}`, "X-PRM-TenantId": String(credentials.tenantId) },
    });
    const page = async (skip: number) => (await api.get("/Account", { params: { orderby: "Updated asc,Id asc", skip, take: 10 } })).data.data.results.map((r: { id: number }) => r.id) as number[];
    const seen = [...(await page(0))];
    await touch(3, 90);
    seen.push(...(await page(10)), ...(await page(20)));
    expect(new Set(seen).size).toBeLessThan(30);
  });

  it("reads a window [start, end) with the held-back coverage of a record that moved inside the window", async () => {
    world = await portalWorld(seed(40));
    world.setNow(new Date("2026-04-01T00:00:30Z"));
    const connector = world.connector({ pageSize: 10 });
    // Seeds are stamped 00:00:00..00:00:03 (ten per second); the window skips the first second.
    const window = { start: new Date("2026-04-01T00:00:01Z"), end: new Date("2026-04-01T00:01:00Z") };
    const seen: number[] = [];
    const covered: Date[] = [];
    let pages = 0;
    for await (const page of connector.readChanged("Account", window, { fields: ["Name"] })) {
      if (pages++ === 0) await touch(12, 5); // already read; its new Updated (00:00:30) is inside the window
      seen.push(...ids(page.records));
      if (page.coveredUntil) covered.push(page.coveredUntil);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(range(40).slice(10));
    expect(seen).toHaveLength(30);
    // The newer version of 12 was not yielded, so the watermark may not pass it.
    expect(covered.at(-1)?.toISOString()).toBe("2026-04-01T00:00:30.000Z");
    expect(covered.every((d) => d <= window.end)).toBe(true);
  });

  it("ends a window read at the window's end when nothing moved", async () => {
    world = await portalWorld(seed(25));
    const window = { start: null, end: new Date("2026-04-01T00:00:02Z") };
    const { records, covered } = await collect(world.connector({ pageSize: 7 }).readChanged("Account", window, { fields: ["Name"] }));
    expect(ids(records)).toEqual(range(20));
    expect(covered.at(-1)).toEqual(window.end);
    expect(covered.slice(0, -1).every((d) => d !== undefined && d <= window.end)).toBe(true);
  });

  it("ANDs a caller's filter with the window, keeping its 'or' inside parentheses", async () => {
    world = await portalWorld(seed(30));
    const window = { start: new Date("2026-04-01T00:00:01Z"), end: new Date("2026-04-01T00:00:02Z") };
    const { records } = await collect(world.connector().readChanged("Account", window, { fields: ["Name"], where: "NFR_Seats__cf = 0 or NFR_Seats__cf = 1" }));
    expect(ids(records)).toEqual([15, 16]);
  });

  it("still finishes when the portal clamps take below the configured page size", async () => {
    world = await portalWorld(seed(45), { takeCap: 20 });
    const { records } = await collect(world.connector({ pageSize: 500 }).readAll("Account", { fields: ["Name"] }));
    expect(ids(records)).toEqual(range(45));
    expect(world.recorder.count("portal", "GET", "/api/objects/v1/:object")).toBe(3);
  });
});
