// A worker clock ahead of a system's by more than the lookback absorbs would set a watermark past what
// the system had stamped, and the changes stamped in between would never be read (docs/sync-engine.md
// "Clocks"): the run is refused (PS_E_CLOCK_SKEW) before the page is written or checkpointed. The
// sandbox dates its answers by the clock that stamps its records (the wall clock here); the runs are
// given clocks ahead of it.
import { describe, expect, it } from "vitest";
import { expectNextRunWritesNothing, useSyncWorld } from "./sync-harness.js";

const MINUTE = 60_000;
const ahead = (ms: number) => () => new Date(Date.now() + ms);

describe("a worker clock ahead of the systems' (PS_E_CLOCK_SKEW)", () => {
  const world = useSyncWorld(20, 5);

  it("refuses a first run 20 minutes ahead: nothing written, no watermark", async () => {
    const w = world();
    const writesBefore = w.writes();
    const s = await w.run({ clock: ahead(20 * MINUTE) });
    expect(s.status).toBe("failed");
    expect(s.error).toMatch(/^PS_E_CLOCK_SKEW: this host's clock is at least 1[12]\d\d s ahead of portal's .*sync\.lookbackSeconds \(600\) \+ sync\.safetyLagSeconds \(0\)/);
    expect(w.store.watermarks.all()).toEqual([]);
    // The first page carries its watermark (the portal's keyset read covers up to its last record), so
    // the check stops it before its writes.
    expect(w.writes() - writesBefore).toBe(0);
  }, 120_000);

  it("runs 5 minutes ahead (inside the 600 s lookback), and the next run on time writes nothing", async () => {
    const w = world();
    const s = await w.run({ clock: ahead(5 * MINUTE) });
    expect(s.status, s.error ?? "").not.toBe("failed");
    expect(w.store.watermarks.all().length).toBeGreaterThan(0);
    await expectNextRunWritesNothing(w);
  }, 120_000);

  it("refuses an incremental run 20 minutes ahead and leaves every watermark where it was", async () => {
    const w = world();
    const before = w.store.watermarks.all().map((m) => `${m.system}/${m.object}=${m.value}`);
    const s = await w.run({ clock: ahead(20 * MINUTE) });
    expect(s.status).toBe("failed");
    expect(s.error).toMatch(/^PS_E_CLOCK_SKEW: /);
    expect(w.store.watermarks.all().map((m) => `${m.system}/${m.object}=${m.value}`)).toEqual(before);
  }, 120_000);
});
