// The mirror and large pages are an optimisation only: a first run through them leaves the sandbox's
// systems exactly as a run of small pages with a query per lookup does, and converges the same way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalise, diffStates } from "../faults/harness/state-compare.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

describe("a first run through the run mirror and 2,000-record pages", () => {
  let direct: SyncWorld;
  let mirrored: SyncWorld;
  beforeAll(async () => {
    [direct, mirrored] = await Promise.all([startSyncWorld(60, 7), startSyncWorld(60, 7)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([direct?.close(), mirrored?.close()]);
  });

  it("ends with the same records in Salesforce and the portal as one query per lookup and pages of 50, with fewer lookups", async () => {
    const queries = (w: SyncWorld) => w.sb.recorder.counts().systems.salesforce?.routes["GET /services/data/:version/query"] ?? 0;
    const a = await direct.run({ mirror: "never" });
    const b = await mirrored.run({ mirror: "always", pageSize: 2000 });
    expect(b.status).toBe(a.status);
    expect(b.counts).toEqual(a.counts);
    expect(diffStates(normalise(await direct.sb.state()), normalise(await mirrored.sb.state()))).toEqual([]);
    expect(queries(mirrored)).toBeLessThan(queries(direct) / 2);
  }, 180_000);

  it("a second run through the mirror writes nothing", async () => {
    const before = mirrored.writes();
    const again = await mirrored.run({ mirror: "always", pageSize: 2000 });
    expect(again.status === "succeeded" || again.status === "quarantined").toBe(true);
    expect(mirrored.writes()).toBe(before);
  }, 180_000);
});
