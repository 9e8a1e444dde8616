import { http, HttpResponse, getResponse } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/sandbox/contracts.js";
import { serveEmulator } from "../../../src/sandbox/http-adapter.js";
import { createPortalEmulator } from "../../../src/sandbox/portal/portal-emulator.js";
import { createPortalConnector } from "../../../src/connectors/portal/portal-connector.js";
import { credentials, portalWorld, seed, type PortalWorld } from "./fixture.js";

let world: PortalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const POSTS = ["POST", "/api/objects/v1/:object"] as const;

describe("portal upsert by key", () => {
  it("patches the records that exist and creates the missing ones, results in request order", async () => {
    world = await portalWorld(seed(3));
    const connector = world.connector();
    const results = await connector.upsert("Account", "CrmId", [
      { key: "NEW-1", fields: { Name: "New One", NFR_Seats__cf: 2 } },
      { key: "0010002", fields: { NFR_Seats__cf: 9 } },
      { key: "new-2", fields: { Name: "New Two" } },
    ]);
    expect(results).toEqual([
      { key: "NEW-1", ok: true, id: "4", created: true },
      { key: "0010002", ok: true, id: "2", created: false },
      { key: "new-2", ok: true, id: "5", created: true },
    ]);
    const stored = await connector.readByKeys("Account", "CrmId", ["NEW-1", "0010002", "new-2"], { fields: ["Name", "NFR_Seats__cf"] });
    expect(stored.map((r) => [r.CrmId, r.Name, r.NFR_Seats__cf]).sort()).toEqual([
      ["0010002", "Partner 0002", 9],
      ["NEW-1", "New One", 2],
      ["new-2", "New Two", null],
    ]);
    expect(world.recorder.count("portal", ...POSTS)).toBe(2);
    expect(world.recorder.count("portal", "PATCH", "/api/objects/v1/:object")).toBe(1);
  });

  it("reports a record the portal refuses inside a batch PATCH with the portal's message, and writes the others", async () => {
    world = await portalWorld(seed(4), { faults: { failWrites: [{ object: "Account", id: 2, message: "Validation rule failed: Region required" }] } });
    const results = await world.connector().upsert("Account", "CrmId", [
      { key: "0010001", fields: { NFR_Seats__cf: 1 } },
      { key: "0010002", fields: { NFR_Seats__cf: 1 } },
      { key: "0010003", fields: { Partner_Track__cf: "Nope" } },
      { key: "0010004", fields: { NFR_Seats__cf: 1 } },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(results[1]?.error).toEqual({ code: "PORTAL_REJECTED", message: "Validation rule failed: Region required", retryable: false });
    expect(results[2]?.error?.message).toMatch(/Partner_Track__cf.*Nope/);
  });

  it("a re-run after a crash that lost the create's answer finds the record instead of creating a second", async () => {
    world = await portalWorld(seed(2));
    await world.connector().upsert("Account", "CrmId", [{ key: "LOST-1", fields: { Name: "Lost" } }]); // "crash": result forgotten
    const rerun = await world.connector().upsert("Account", "CrmId", [{ key: "LOST-1", fields: { Name: "Lost", NFR_Seats__cf: 4 } }]);
    expect(rerun).toEqual([{ key: "LOST-1", ok: true, id: "3", created: false }]);
    expect(await world.connector().readByKeys("Account", "CrmId", ["LOST-1"], { fields: [] })).toHaveLength(1);
    expect(world.recorder.count("portal", ...POSTS)).toBe(1);
  });

  it("does not repeat a POST whose answer was cut after the portal stored it: the lookup confirms the create", async () => {
    world = await portalWorld(seed(1));
    world.faults.add("portal", { kind: "drop", at: "body", method: "POST", times: 1 });
    const [first] = await world.connector().upsert("Account", "CrmId", [{ key: "CUT-1", fields: { Name: "Cut" } }]);
    expect(first).toMatchObject({ key: "CUT-1", ok: true });
    expect(world.recorder.count("portal", ...POSTS)).toBe(1);
    expect(await world.connector().readByKeys("Account", "CrmId", ["CUT-1"], { fields: [] })).toHaveLength(1);
  });

  it("does not repeat a POST whose connection dropped; reports it unconfirmed, and the next run creates it once", async () => {
    world = await portalWorld(seed(1));
    world.faults.add("portal", { kind: "drop", method: "POST", times: 1 });
    const [first] = await world.connector().upsert("Account", "CrmId", [{ key: "DROP-1", fields: { Name: "Dropped" } }]);
    expect(first).toMatchObject({ key: "DROP-1", ok: false, error: { code: "CREATE_UNCONFIRMED", retryable: true } });
    expect(world.recorder.count("portal", ...POSTS)).toBe(1);
    const [second] = await world.connector().upsert("Account", "CrmId", [{ key: "DROP-1", fields: { Name: "Dropped" } }]);
    expect(second).toMatchObject({ ok: true, created: true });
    expect(await world.connector().readByKeys("Account", "CrmId", ["DROP-1"], { fields: [] })).toHaveLength(1);
  });

  it("retries a create the portal refused with 429 (nothing was done) and creates it once", async () => {
    world = await portalWorld(seed(1));
    world.faults.add("portal", { kind: "status", status: 429, retryAfter: 0, method: "POST", times: 1 });
    const [result] = await world.connector().upsert("Account", "CrmId", [{ key: "RL-1", fields: { Name: "Rate limited" } }]);
    expect(result).toMatchObject({ ok: true, created: true });
    expect(await world.connector().readByKeys("Account", "CrmId", ["RL-1"], { fields: [] })).toHaveLength(1);
  });

  it("settles a create that failed after the portal stored it by looking it up, without a second POST", async () => {
    let posts = 0;
    const inner = createPortalEmulator({ seed: seed(1), credentials });
    // The portal commits, then its answer is lost to a 502 from a proxy.
    const emulator: Emulator = {
      system: "portal",
      reset: () => inner.reset(),
      handlers: [
        http.post("*/api/objects/v1/:object", async ({ request }) => {
          posts++;
          await getResponse(inner.handlers, request);
          return HttpResponse.json({ success: false, message: "Bad gateway" }, { status: 502 });
        }),
        ...inner.handlers,
      ],
    };
    const served = await serveEmulator({ emulator });
    const connector = createPortalConnector({ config: { baseUrl: served.url, tenantId: credentials.tenantId }, apiKey: credentials.apiKey, retryPolicy: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } });
    try {
      const [result] = await connector.upsert("Account", "CrmId", [{ key: "GW-1", fields: { Name: "Gateway" } }]);
      expect(result).toEqual({ key: "GW-1", ok: true, id: "2", created: true });
      expect(posts).toBe(1);
    } finally {
      connector.close();
      await served.close();
    }
  });

  it("sends creates several at a time, results still in request order, each record created once", async () => {
    // The first POST waits at the portal until a second one arrives (or 2 s pass): sent one after
    // another, no two are ever there together and this fails after the fallback wait.
    let waiting = 0;
    let mostAtOnce = 0;
    let release: (() => void) | undefined;
    const inner = createPortalEmulator({ seed: seed(1), credentials });
    const emulator: Emulator = {
      system: "portal",
      reset: () => inner.reset(),
      handlers: [
        http.post("*/api/objects/v1/:object", async () => {
          waiting++;
          mostAtOnce = Math.max(mostAtOnce, waiting);
          if (mostAtOnce >= 2) release?.();
          else {
            await new Promise<void>((resolve) => {
              const fallback = setTimeout(resolve, 2_000);
              release = () => {
                clearTimeout(fallback);
                resolve();
              };
            });
          }
          waiting--;
          return undefined; // on to the portal's own handler
        }),
        ...inner.handlers,
      ],
    };
    const served = await serveEmulator({ emulator });
    const connector = createPortalConnector({ config: { baseUrl: served.url, tenantId: credentials.tenantId, createConcurrency: 3 }, apiKey: credentials.apiKey });
    try {
      const keys = Array.from({ length: 9 }, (_, i) => `C-${i}`);
      const results = await connector.upsert("Account", "CrmId", keys.map((key) => ({ key, fields: { Name: key } })));
      expect(results.map((r) => [r.key, r.ok, r.created])).toEqual(keys.map((k) => [k, true, true]));
      expect(mostAtOnce).toBeGreaterThanOrEqual(2);
      const stored = await connector.readByKeys("Account", "CrmId", keys, { fields: ["Name"] });
      expect(stored.map((r) => r.CrmId).sort()).toEqual(keys);
      // Each result carries the id of the record made with its own key.
      for (const r of results) expect(stored.find((x) => String(x.Id) === r.id)?.CrmId).toBe(r.key);
    } finally {
      connector.close();
      await served.close();
    }
  });

  it("refuses per record: a create the portal rejects, a key given twice, a key matching several records", async () => {
    const data = seed(2);
    data.records.Account?.push({ Id: 3, Name: "Twin", CrmId: "0010002" });
    world = await portalWorld(data);
    const results = await world.connector().upsert("Account", "CrmId", [
      { key: "LONG-1", fields: { Name: "x".repeat(41) } },
      { key: "TWICE", fields: { Name: "a" } },
      { key: "twice", fields: { Name: "b" } },
      { key: "0010002", fields: { NFR_Seats__cf: 1 } },
    ]);
    expect(results[0]).toMatchObject({ ok: false, error: { code: "PORTAL_REJECTED", message: expect.stringMatching(/Name.*too long/), retryable: false } });
    expect(results[1]).toMatchObject({ ok: true, created: true });
    expect(results[2]).toMatchObject({ ok: false, error: { code: "DUPLICATE_KEY_IN_BATCH" } });
    expect(results[3]).toMatchObject({ ok: false, error: { code: "AMBIGUOUS_KEY", message: expect.stringContaining("ids 2, 3") } });
    expect(world.recorder.count("portal", "PATCH", "/api/objects/v1/:object")).toBe(0);
  });

  it("splits updates into batch PATCHes of the configured size", async () => {
    world = await portalWorld(seed(25));
    const records = Array.from({ length: 25 }, (_, i) => ({ key: `001${String(i + 1).padStart(4, "0")}`, fields: { NFR_Seats__cf: 1 } }));
    const results = await world.connector({ writeBatchSize: 10 }).upsert("Account", "CrmId", records);
    expect(results.every((r) => r.ok && r.created === false)).toBe(true);
    expect(world.recorder.count("portal", "PATCH", "/api/objects/v1/:object")).toBe(3);
  });
});
