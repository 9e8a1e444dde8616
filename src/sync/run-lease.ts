// Holds a flow's lease for the length of a run: taken at start (refused → PS_E_LEASE_HELD), renewed
// every third of its TTL (a timer, not each checkpoint), and released at the end. If a renewal finds the lease gone (the process
// stalled past its TTL and another took over), the run's AbortSignal fires: the run stops before
// its next checkpoint, so two processes never both checkpoint one flow.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { PartnerSyncError } from "../errors.js";
import type { Store } from "../store/store.js";

export interface HeldLease {
  readonly owner: string;
  readonly signal: AbortSignal;
  /** Throws PS_E_LEASE_LOST when the lease was lost; call before each checkpoint. */
  assertHeld(): void;
  release(): void;
}

export function ownerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function holdLease(store: Store, name: string, ttlMs: number, owner = ownerId()): HeldLease {
  const lease = store.leases.acquire(name, owner, ttlMs);
  if (!lease) {
    const current = store.leases.get(name);
    throw new PartnerSyncError(
      "PS_E_LEASE_HELD",
      `the "${name}" flow is already running (lease held by ${current?.owner ?? "another process"} until ${current ? new Date(current.expiresAt).toISOString() : "?"})`,
      { details: { lease: name, holder: current?.owner } },
    );
  }
  const controller = new AbortController();
  const lost = () =>
    new PartnerSyncError("PS_E_LEASE_LOST", `the "${name}" lease was lost (expired or taken over); this run stops without checkpointing further`, {
      details: { lease: name, owner },
    });
  // Renewed on the timer only. A checkpoint needs no write of its own: no other process can take the
  // lease before `expiresAt`, so a checkpoint that starts at least one renew interval before that is
  // safe once it has read that the row is still ours; later than that (the timer starved by a busy
  // event loop), it renews first.
  const interval = Math.max(1_000, Math.floor(ttlMs / 3));
  let expiresAt = lease.expiresAt;
  const renew = () => {
    const at = store.leases.now();
    if (!store.leases.renew(name, owner, ttlMs)) return false;
    expiresAt = at + ttlMs;
    return true;
  };
  const timer = setInterval(() => {
    if (!renew()) {
      clearInterval(timer);
      controller.abort(lost());
    }
  }, interval);
  timer.unref();
  return {
    owner,
    signal: controller.signal,
    assertHeld() {
      // A read, not a write, per checkpoint: the row must still be ours. Someone may have released it
      // on purpose (the daemon takes a lease back to stop a run past its grace period).
      const held = store.leases.get(name)?.owner === owner;
      if (controller.signal.aborted || !held || (store.leases.now() >= expiresAt - interval && !renew())) {
        if (!controller.signal.aborted) controller.abort(lost());
        throw controller.signal.reason as PartnerSyncError;
      }
    },
    release() {
      clearInterval(timer);
      store.leases.release(name, owner);
    },
  };
}
