// store.outcomesRetentionDays: a sync deletes the per-record outcomes of runs started longer ago than
// the retention, a batch per transaction, after its pass; recent runs' outcomes, runs, audit and
// quarantine rows stay; a dry run deletes nothing; a failure is logged and the run's status stands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { openStore, type Store } from "../../src/store/store.js";
import { OUTCOMES_PRUNE_BATCH, pruneOutcomes } from "../../src/sync/sync-run.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

const silent = createLogger({ level: "silent", pretty: false });
const DAY = 86_400_000;

function seedRun(store: Store, id: string, outcomes: number): void {
  store.runs.start({ id, kind: "sync", evalAt: "2026-01-01T00:00:00.000Z" });
  store.transaction(() => {
    for (let i = 0; i < outcomes; i++) store.outcomes.add({ runId: id, entity: "Partner", key: `p${i}`, system: "portal", action: "skip", result: "ok" });
  });
}

describe("pruneOutcomes", () => {
  it("deletes the outcomes of runs started before the retention, in batches, and keeps the rest", () => {
    let t = Date.parse("2026-08-01T00:00:00Z");
    const store = openStore(":memory:", { clock: () => t });
    seedRun(store, "old", OUTCOMES_PRUNE_BATCH + 7); // two batches
    store.audit.add({ runId: "old", entity: "Partner", key: "p0", system: "portal", action: "update", beforeHash: null, afterHash: "h", fields: {}, reasons: [] });
    seedRun(store, "current", 4); // the pruning run's own: never deleted
    t += 30 * DAY;
    seedRun(store, "edge", 3); // started exactly at the cutoff: kept
    t += 60 * DAY;
    seedRun(store, "recent", 2);
    const runStart = new Date(Date.parse("2026-08-31T00:00:00Z") + 90 * DAY);
    expect(pruneOutcomes(store, "current", runStart, 90, silent)).toBe(OUTCOMES_PRUNE_BATCH + 7);
    expect(["old", "current", "edge", "recent"].map((id) => store.outcomes.countForRun(id))).toEqual([0, 4, 3, 2]);
    expect(store.runs.get("old")).toBeDefined();
    expect(store.audit.forRecord("Partner", "p0")).toHaveLength(1);
    expect(pruneOutcomes(store, "current", runStart, 90, silent)).toBe(0);
    store.close();
  });

  it("logs a failure and does not throw: the run's status stands", () => {
    const store = openStore(":memory:");
    seedRun(store, "old", 1);
    const lines: unknown[] = [];
    const log = { info: () => undefined, warn: (o: unknown, msg: string) => lines.push([o, msg]) } as unknown as Parameters<typeof pruneOutcomes>[4];
    store.close(); // every statement now fails
    expect(pruneOutcomes(store, "current", new Date("2030-01-01T00:00:00Z"), 1, log)).toBe(0);
    expect(lines).toEqual([[expect.objectContaining({ pruned: 0 }), expect.stringMatching(/could not delete the outcomes of older runs/)]]);
  });
});

describe("a sync run with store.outcomesRetentionDays (demo data, size 40)", () => {
  let w: SyncWorld;
  // The sandbox and the runs share one clock (a run ahead of the systems' clocks is refused:
  // PS_E_CLOCK_SKEW); the test moves it 400 days on.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  beforeAll(async () => {
    w = await startSyncWorld(40, 11, clock);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it("deletes an old run's outcomes after its pass, not in a dry run, and keeps its own", async () => {
    // The store stamps runs with the wall clock: the runs below start 400 days later instead, so this
    // run (started now) is more than a day older than theirs.
    w.store.runs.start({ id: "ancient", kind: "sync", evalAt: "2020-01-01T00:00:00.000Z" });
    w.store.transaction(() => {
      w.store.outcomes.add({ runId: "ancient", entity: "Partner", key: "p1", system: "portal", action: "skip", result: "ok" });
    });
    expect(w.store.outcomes.countForRun("ancient")).toBe(1);
    offsetMs = 400 * DAY;
    await w.run({ dryRun: true, outcomesRetentionDays: 1 });
    expect(w.store.outcomes.countForRun("ancient")).toBe(1);
    let runId = "";
    const summary = await w.run({ outcomesRetentionDays: 1, onRunId: (id) => (runId = id) });
    expect(summary.status).not.toBe("failed");
    expect(w.store.outcomes.countForRun("ancient")).toBe(0);
    expect(w.store.outcomes.countForRun(runId)).toBeGreaterThan(0);
  }, 120_000);
});
