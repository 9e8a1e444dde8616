import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { checkpoint } from "../../src/sync/checkpoint.js";
import { holdLease } from "../../src/sync/run-lease.js";

const rec = (key: string) => ({
  outcome: { entity: "Partner", key, system: "salesforce", action: "update" as const, result: "ok" as const },
  state: { hash: `h-${key}`, systemId: `001${key}` },
});

describe("checkpoint", () => {
  it("stores outcomes, record state, audit, quarantine and the watermark together", () => {
    const store = openStore(":memory:");
    store.runs.start({ id: "r1", kind: "sync" });
    checkpoint(store, undefined, "r1", [
      rec("a"),
      { ...rec("b"), audit: { entity: "Partner", key: "b", system: "salesforce", action: "update", beforeHash: "x", afterHash: "h-b", fields: { Name: ["A", "B"] }, reasons: [] } },
      { outcome: { entity: "Partner", key: "c", system: "portal", action: "read", result: "quarantined", error: "bad email" }, quarantine: { entity: "Partner", key: "c", system: "portal", stage: "normalize", errorCode: "PS_E_MAPPING_VALUE", errorMessage: "bad email", payload: {} } },
    ], [{ system: "portal", object: "Account", value: "2026-11-29T10:00:00.000Z" }]);
    expect(store.outcomes.countForRun("r1")).toBe(3);
    expect(store.recordState.get("Partner", "b", "salesforce")).toMatchObject({ hash: "h-b", systemId: "001b" });
    expect(store.audit.forRecord("Partner", "b")).toHaveLength(1);
    expect(store.quarantine.list()).toHaveLength(1);
    expect(store.watermarks.get("portal", "Account")).toBe("2026-11-29T10:00:00.000Z");
    store.close();
  });

  it("stores a record's state in key order, and a record given twice keeps its last state; outcomes keep the page's order", () => {
    const store = openStore(":memory:");
    store.runs.start({ id: "r1", kind: "sync" });
    const again = { ...rec("m"), state: { hash: "h-m-after-create", systemId: "001m" } };
    const put = store.recordState.put.bind(store.recordState);
    const putOrder: string[] = [];
    store.recordState.put = (entity, key, ...rest) => (putOrder.push(key), put(entity, key, ...rest));
    checkpoint(store, undefined, "r1", [rec("z"), rec("m"), rec("a"), again, { ...rec("q"), state: undefined }], []);
    expect(putOrder).toEqual(["a", "m", "m", "z"]);
    expect(store.recordState.get("Partner", "m", "salesforce")).toMatchObject({ hash: "h-m-after-create" });
    expect(store.recordState.get("Partner", "z", "salesforce")).toMatchObject({ hash: "h-z" });
    expect(store.recordState.get("Partner", "q", "salesforce")).toBeUndefined();
    expect(store.outcomes.forRun("r1").map((o) => o.key)).toEqual(["z", "m", "a", "m", "q"]);
    store.close();
  });

  it("resolves the open entry of a record that went through, one quarantined in the same checkpoint too, and asks no more of pairs without any", () => {
    const store = openStore(":memory:");
    store.runs.start({ id: "r1", kind: "sync" });
    const held = (key: string, system: string) => ({
      outcome: { entity: "Partner", key, system, action: "read" as const, result: "quarantined" as const, error: "bad" },
      quarantine: { entity: "Partner", key, system, stage: "normalize" as const, errorCode: "PS_E_MAPPING_VALUE" as const, errorMessage: "bad", payload: {} },
    });
    checkpoint(store, undefined, "r1", [held("a", "salesforce")], []);
    const resolved: string[] = [];
    const resolve = store.quarantine.resolveRecord.bind(store.quarantine);
    store.quarantine.resolveRecord = (entity, key, system, status) => (resolved.push(`${key} ${system}`), resolve(entity, key, system, status));
    // a: open before; b: quarantined, then through, in one checkpoint; c (portal): no entry of its pair.
    checkpoint(store, undefined, "r1", [{ ...rec("a"), resolves: true }, held("b", "salesforce"), { ...rec("b"), resolves: true }, { ...rec("c"), outcome: { ...rec("c").outcome, system: "portal" }, resolves: true }], []);
    expect(store.quarantine.list()).toEqual([]);
    expect(store.quarantine.list("replayed").map((q) => q.key).sort()).toEqual(["a", "b"]);
    expect(resolved).toEqual(["a salesforce", "b salesforce"]);
    store.close();
  });

  it("never moves a watermark backwards", () => {
    const store = openStore(":memory:");
    store.runs.start({ id: "r1", kind: "sync" });
    checkpoint(store, undefined, "r1", [], [{ system: "portal", object: "Account", value: "2026-11-29T10:00:00.000Z" }]);
    checkpoint(store, undefined, "r1", [], [{ system: "portal", object: "Account", value: "2026-11-29T09:00:00.000Z" }]);
    expect(store.watermarks.get("portal", "Account")).toBe("2026-11-29T10:00:00.000Z");
    store.close();
  });

  it("writes nothing when the run's lease was lost", () => {
    let t = 0;
    const store = openStore(":memory:", { clock: () => t });
    store.runs.start({ id: "r1", kind: "sync" });
    const lease = holdLease(store, "sync", 1_000, "a");
    t = 1_000;
    holdLease(store, "sync", 1_000, "b");
    expect(() => checkpoint(store, lease, "r1", [rec("a")], [{ system: "portal", object: "Account", value: "2026-11-29T10:00:00.000Z" }])).toThrow(
      expect.objectContaining({ code: "PS_E_LEASE_LOST" }),
    );
    expect(store.outcomes.countForRun("r1")).toBe(0);
    expect(store.watermarks.get("portal", "Account")).toBeUndefined();
    store.close();
  });
});
