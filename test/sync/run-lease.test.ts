import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { holdLease } from "../../src/sync/run-lease.js";

describe("holdLease", () => {
  it("refuses a second holder with PS_E_LEASE_HELD naming the holder", () => {
    const store = openStore(":memory:");
    const a = holdLease(store, "sync", 60_000, "host:1:a");
    expect(() => holdLease(store, "sync", 60_000, "host:2:b")).toThrow(expect.objectContaining({ code: "PS_E_LEASE_HELD", message: expect.stringContaining("host:1:a") }));
    a.release();
    holdLease(store, "sync", 60_000, "host:2:b").release();
    store.close();
  });

  it("detects a lease taken over after expiry before the next checkpoint", () => {
    let t = 0;
    const store = openStore(":memory:", { clock: () => t });
    const a = holdLease(store, "sync", 10_000, "a");
    a.assertHeld();
    t = 10_000; // a stalled: its lease expired, b takes over
    const b = holdLease(store, "sync", 10_000, "b");
    expect(() => a.assertHeld()).toThrow(expect.objectContaining({ code: "PS_E_LEASE_LOST" }));
    expect(a.signal.aborted).toBe(true);
    b.assertHeld();
    a.release(); // must not release b's lease
    expect(store.leases.get("sync")?.owner).toBe("b");
    b.release();
    store.close();
  });

  it("renews on its timer, not at each checkpoint, and renews first when the lease is within one renew interval of expiring", () => {
    let t = 0;
    const store = openStore(":memory:", { clock: () => t });
    const a = holdLease(store, "sync", 9_000, "a");
    t = 5_000;
    for (let i = 0; i < 3; i++) a.assertHeld();
    expect(store.leases.get("sync")?.renewedAt).toBe(0);
    t = 6_000; // the 3 s timer did not run (a busy loop): 3 s left, so the checkpoint renews
    a.assertHeld();
    expect(store.leases.get("sync")).toMatchObject({ renewedAt: 6_000, expiresAt: 15_000 });
    a.release();
    store.close();
  });
});

describe("a lease released by someone else", () => {
  it("stops the run at its next checkpoint (the daemon takes a lease back to stop a run past its grace period)", () => {
    const store = openStore(":memory:");
    const lease = holdLease(store, "sync", 60_000, "runner");
    lease.assertHeld();
    store.leases.release("sync", "runner"); // what the daemon does
    expect(() => lease.assertHeld()).toThrow(expect.objectContaining({ code: "PS_E_LEASE_LOST" }));
    expect(lease.signal.aborted).toBe(true);
    lease.release();
    store.close();
  });
});
