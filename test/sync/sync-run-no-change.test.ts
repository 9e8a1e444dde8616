// Issue #4: an incremental run with no change anywhere makes no write and reads each object once
// (its window; for a Salesforce object one queryAll that brings its deletes too), counted by the
// sandbox's request recorder. The its run in order on one world: the first sync, then runs with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMappings, specsFor } from "../../src/cli/sync.command.js";
import type { RunSummary } from "../../src/sync/run-summary.js";
import { SHIPPED, startSyncWorld, type SyncWorld } from "./sync-harness.js";

const SF_QUERY = "GET /services/data/:version/query";
const SF_QUERY_MORE = "GET /services/data/:version/query/:locator";
const SF_QUERY_ALL = "GET /services/data/:version/queryAll";
const SF_QUERY_ALL_MORE = "GET /services/data/:version/queryAll/:locator";
const PORTAL_LIST = "GET /api/objects/v1/:object";

/** The objects one sync pass reads in its window, per system (one entity side each). */
function passObjects(w: SyncWorld): { salesforce: number; portal: number } {
  const m = readMappings(SHIPPED);
  if (!m.ok) throw new Error(m.message);
  const objects = { salesforce: new Set<string>(), portal: new Set<string>() };
  for (const spec of specsFor(w.loaded, m.mappings)) {
    if (spec.sides.salesforce) objects.salesforce.add(spec.sides.salesforce.object);
    if (spec.sides.portal) objects.portal.add(spec.sides.portal.object);
  }
  return { salesforce: objects.salesforce.size, portal: objects.portal.size };
}

function route(w: SyncWorld, system: "salesforce" | "portal", r: string): number {
  return w.sb.recorder.counts().systems[system]?.routes[r] ?? 0;
}

describe("a sync run with no change (demo data, size 60)", () => {
  let w: SyncWorld;
  let first: RunSummary;
  beforeAll(async () => {
    w = await startSyncWorld(60, 7);
    first = await w.run();
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it("the first run creates records and leaves the demo's malformed records in quarantine (the premise of what follows)", () => {
    const created = Object.values(first.entities).reduce((n, e) => n + e.created, 0);
    expect(created).toBeGreaterThan(0);
    expect(w.store.quarantine.list("open").length).toBeGreaterThan(0);
  });

  it("records the first run created are not handled again: each one's stored hash is what the next read gives", async () => {
    const s = await w.run();
    expect(s.writes).toBe(0);
    for (const [entity, e] of Object.entries(s.entities)) {
      // Every record read is skipped by its hash, except the malformed ones (quarantined, never stored).
      expect(e.read - e.quarantined, `${entity}: read ${e.read}, unchanged ${e.unchanged}, quarantined ${e.quarantined}`).toBeLessThanOrEqual(e.unchanged);
    }
    // The window did read the records the first run created (the lookback covers them): the check above is not vacuous.
    expect(s.entities.Partner?.unchanged ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it("makes zero writes and one read call per object — its window, Salesforce's deletes included — the open quarantine not read again", async () => {
    const open = w.store.quarantine.list("open");
    w.sb.recorder.clear();
    const s = await w.run();
    const objects = passObjects(w);
    expect(w.writes()).toBe(0);
    expect(s.writes).toBe(0);
    // A Salesforce window read is one queryAll (its deletes come with it); the demo's windows fit one page.
    const sfReads = [SF_QUERY, SF_QUERY_MORE, SF_QUERY_ALL, SF_QUERY_ALL_MORE].reduce((n, r) => n + route(w, "salesforce", r), 0);
    expect(sfReads).toBe(objects.salesforce);
    expect(route(w, "portal", PORTAL_LIST)).toBe(objects.portal);
    // The entries are still open, not retried (attempts unchanged), and the run still says so (exit 3).
    expect(w.store.quarantine.list("open").map((q) => [q.id, q.attempts])).toEqual(open.map((q) => [q.id, q.attempts]));
    expect(s.status).toBe("quarantined");
    expect(s.quarantined).toBe(open.length);
  }, 120_000);
});
