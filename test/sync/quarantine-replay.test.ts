// Which open quarantine entries a sync reads again at its start (only those that can go through now),
// and that `quarantine replay` still reads every one. Against the sandbox (demo data with its
// malformed records); the its run in order on one world.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { MALFORMED_RECORDS } from "../../src/sandbox/demo/malformed.js";
import { openSystems } from "../../src/sync/open-systems.js";
import { portalGet, portalPatch, startSyncWorld, type SyncWorld } from "./sync-harness.js";

const silent = createLogger({ level: "silent", pretty: false });
const PORTAL_LIST = "GET /api/objects/v1/:object";
const SF_QUERY = "GET /services/data/:version/query";

function calls(w: SyncWorld, system: "salesforce" | "portal", route: string): number {
  return w.sb.recorder.counts().systems[system]?.routes[route] ?? 0;
}

function malformedId(object: string): string {
  const m = MALFORMED_RECORDS.find((r) => r.object === object);
  if (!m) throw new Error(`no malformed ${object} in the demo set`);
  return String(m.id);
}

describe("quarantine replay (demo data, size 60)", () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(60, 7);
    await w.run();
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it("a sync with nothing changed reads no entry again; a forced replay reads them all, one call per object, each an attempt", async () => {
    const open = w.store.quarantine.list("open");
    expect(open.length).toBeGreaterThan(0);
    // A run takes the open entries' ids and reads each entry on its own: never every payload at once
    // (a large quarantine would not fit the launch line's heap).
    const list = vi.spyOn(w.store.quarantine, "list");
    onTestFinished(() => list.mockRestore());
    await w.run();
    expect(list).not.toHaveBeenCalled();
    // Not read, so not refused again: attempts unchanged.
    expect(w.store.quarantine.list("open").map((q) => q.attempts)).toEqual(open.map((q) => q.attempts));

    w.sb.recorder.clear();
    const s = await w.run({ replayOnly: [] });
    expect(s.quarantined).toBe(open.length);
    expect(w.store.quarantine.list("open").map((q) => q.attempts)).toEqual(open.map((q) => q.attempts + 1));
    const objects = (system: string) => new Set(open.filter((q) => q.system === system).map((q) => `${q.entity}`)).size;
    expect(calls(w, "salesforce", SF_QUERY)).toBe(objects("salesforce"));
    expect(calls(w, "portal", PORTAL_LIST)).toBe(objects("portal"));
  }, 120_000);

  it("a forced replay goes a page of entries at a time: the same outcome with pages of one, read in more calls", async () => {
    // Three more entries of one object (apply refusals: always read), whose records now go through.
    const db = new Database(w.store.path, { readonly: true });
    const keys = db.prepare("SELECT key FROM record_state WHERE entity = 'Prospect' AND system = 'portal' ORDER BY key LIMIT 3").pluck().all() as string[];
    db.close();
    expect(keys).toHaveLength(3);
    const replay = async (pageSize?: number) => {
      for (const key of keys) {
        w.store.quarantine.put({ entity: "Prospect", key, system: "portal", stage: "apply", errorCode: "UNABLE_TO_LOCK_ROW", errorMessage: "locked", payload: null, runId: "r-test" });
      }
      const refused = w.store.quarantine.list("open").filter((q) => q.stage !== "apply");
      w.sb.recorder.clear();
      const s = await w.run({ replayOnly: [], ...(pageSize ? { pageSize } : {}) });
      expect(s.quarantined).toBe(refused.length);
      expect(w.store.quarantine.list("open").map((q) => [q.id, q.attempts])).toEqual(refused.map((q) => [q.id, q.attempts + 1]));
      return calls(w, "portal", PORTAL_LIST);
    };
    const together = await replay();
    const onePerPage = await replay(1);
    expect(w.store.quarantine.list("replayed").filter((q) => keys.includes(q.key) && q.stage === "apply")).toHaveLength(6);
    // The three Prospect entries were read in one call together; a page of one reads each on its own.
    expect(onePerPage).toBeGreaterThan(together);
  }, 120_000);

  it("a record fixed in its system goes through in the next sync's window, which resolves its entry", async () => {
    const userId = malformedId("User");
    const leadId = malformedId("Lead");
    await portalPatch(w.sb, "User", userId, { Email: "jane.doe@example.com" });
    const systems = openSystems(w.loaded, undefined, silent);
    try {
      const [res] = await systems.access.salesforce!.update("Lead", [{ id: leadId, fields: { LastName: "Fixed" } }]);
      expect(res?.ok).toBe(true);
    } finally {
      systems.close();
    }
    const entryOf = (key: string) => w.store.quarantine.list("open").find((q) => q.key === key);
    const user = entryOf(userId)!;
    const lead = entryOf(leadId)!;
    expect(user).toBeDefined();
    expect(lead).toBeDefined();
    await w.run();
    expect(w.store.quarantine.get(user.id)?.status).toBe("replayed");
    expect(w.store.quarantine.get(lead.id)?.status).toBe("replayed");
  }, 120_000);

  it("an entry the current mapping would accept (a record quarantined under an older one) is read at the start of a sync and resolved", async () => {
    // A record that normalizes today, filed as if an older mapping had refused it.
    const raw = await portalGet(w.sb, "Account", 10000001);
    w.store.quarantine.put({ entity: "Partner", key: String(raw.Id), system: "portal", stage: "normalize", errorCode: "PS_E_RECORD_INVALID", errorMessage: "refused by an older mapping", payload: raw, runId: "test" });
    const entry = w.store.quarantine.list("open").find((q) => q.entity === "Partner" && q.key === String(raw.Id))!;
    w.sb.recorder.clear();
    await w.run();
    expect(w.store.quarantine.get(entry.id)?.status).toBe("replayed");
  }, 120_000);
});
