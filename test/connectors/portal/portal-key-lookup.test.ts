import { afterEach, describe, expect, it } from "vitest";
import { portalWorld, seed, type PortalWorld } from "./fixture.js";

let world: PortalWorld;
afterEach(() => world.close());

const ids = (records: Record<string, unknown>[]) => records.map((r) => r.Id as number);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("portal key lookups", () => {
  it("finds a name with a quote in it (escaped by doubling)", async () => {
    const data = seed(2);
    data.records.Account?.push({ Id: 3, Name: "Beta O'Brien", CrmId: "x'1" });
    world = await portalWorld(data);
    const found = await world.connector().readByKeys("Account", "Name", ["Beta O'Brien", "nobody's"], { fields: ["CrmId"] });
    expect(found.map((r) => [r.Id, r.Name, r.CrmId])).toEqual([[3, "Beta O'Brien", "x'1"]]);
  });

  it("splits many keys into bounded lookups and finds every one", async () => {
    world = await portalWorld(seed(250));
    const keys = range(250).map((i) => `001${String(i).padStart(4, "0")}`);
    const found = await world.connector({ maxKeysPerLookup: 100, maxFilterChars: 100_000 }).readByKeys("Account", "CrmId", keys, { fields: [] });
    expect(found).toHaveLength(250);
    expect(world.recorder.count("portal", "GET", "/api/objects/v1/:object")).toBe(3);
    world.recorder.clear();
    await world.connector({ maxKeysPerLookup: 1000, maxFilterChars: 1500 }).readByKeys("Account", "CrmId", keys, { fields: [] });
    // "CrmId = '0010001'" is 17 characters + 4 for " or ": 71 keys fit in 1500.
    expect(world.recorder.count("portal", "GET", "/api/objects/v1/:object")).toBe(4);
  });

  it("looks up a numeric key field with unquoted numbers", async () => {
    world = await portalWorld(seed(20));
    const found = await world.connector().readByKeys("Account", "NFR_Seats__cf", [6, "5"], { fields: [] });
    expect(ids(found).sort((a, b) => a - b)).toEqual([6, 7, 13, 14, 20]);
  });
});
