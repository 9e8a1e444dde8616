// The Bulk API 2.0 path of a sync end to end (src/sync/bulk-routing.ts): with `sync.bulkThreshold` 1
// and calls of 2 records, every page holding more than 14 records of one Salesforce object goes as one
// ingest job. Such a run must end exactly as a run that writes everything through sObject Collections,
// with fewer Salesforce calls; and a run killed while a job is in flight (uploaded, not yet finished),
// or at random instants, must end the same after its re-runs: the job is resumed, never uploaded twice.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RequestCounts } from "../../src/sandbox/request-recorder.js";
import { createPrng, seedFromEnv } from "./harness/prng.js";
import { startSandboxProcess, type SandboxProcess } from "./harness/sandbox-process.js";
import { differences, freshScenario, stateOf, writeCallsBetween } from "./harness/scenario.js";
import type { NormalState } from "./harness/state-compare.js";
import { readStoreTables, waitForLeaseExpiry } from "./harness/store-tables.js";
import { describeRun, runSyncCli, type SyncResult } from "./harness/sync-process.js";

vi.setConfig({ testTimeout: 240_000 });

const EXIT_QUARANTINED = 3;
const COLLECTIONS_ONLY = { sync: { batchSize: 2, bulkThreshold: 1_000_000_000 } };
const BULK = { sync: { batchSize: 2, bulkThreshold: 1 } };

let sb: SandboxProcess;
let reference: NormalState;
let referenceCalls: number;
/** How long the first bulk run took: the random kills below land within a first sync. */
let bulkRunMs = 5_000;

/** Salesforce calls per route between two snapshots. */
function salesforceRoutes(before: RequestCounts, after: RequestCounts): Record<string, number> {
  const a = after.systems.salesforce?.routes ?? {};
  const b = before.systems.salesforce?.routes ?? {};
  return Object.fromEntries(Object.entries(a).map(([route, n]) => [route, n - (b[route] ?? 0)]).filter(([, n]) => (n as number) > 0));
}
const total = (routes: Record<string, number>) => Object.values(routes).reduce((s, n) => s + n, 0);
const jobCreates = (routes: Record<string, number>) => Object.entries(routes).filter(([r]) => /^POST .*jobs\/ingest$/.test(r)).reduce((s, [, n]) => s + n, 0);
const uploads = (routes: Record<string, number>) => Object.entries(routes).filter(([r]) => /^PUT .*jobs\/ingest\/.*batches$/.test(r)).reduce((s, [, n]) => s + n, 0);

beforeAll(async () => {
  sb = await startSandboxProcess({ demoSize: 300, seed: 23 });
  const setup = await freshScenario(sb, "bulk-reference", COLLECTIONS_ONLY);
  const before = await sb.requests();
  const run = await runSyncCli(setup);
  expect(run.code, describeRun(run)).toBe(EXIT_QUARANTINED);
  const routes = salesforceRoutes(before, await sb.requests());
  expect(jobCreates(routes), JSON.stringify(routes)).toBe(0);
  referenceCalls = total(routes);
  reference = await stateOf(sb);
}, 180_000);

afterAll(async () => {
  await sb?.close();
});

describe("a sync past sync.bulkThreshold", () => {
  it("writes the large pages as Bulk API jobs, ends exactly as the collections-only run, with fewer Salesforce calls; the next run writes nothing", async () => {
    const setup = await freshScenario(sb, "bulk", BULK);
    const before = await sb.requests();
    const run = await runSyncCli(setup);
    expect(run.code, describeRun(run)).toBe(EXIT_QUARANTINED);
    bulkRunMs = run.ms;
    const after = await sb.requests();
    const routes = salesforceRoutes(before, after);
    expect(jobCreates(routes), JSON.stringify(routes)).toBeGreaterThan(0);
    expect(uploads(routes)).toBe(jobCreates(routes));
    expect(total(routes), JSON.stringify(routes)).toBeLessThan(referenceCalls);
    expect(differences(await stateOf(sb), reference)).toBe("");
    // Every job the run started ended, and is stored so.
    const jobs = (readStoreTables(setup.storePath).bulk_jobs ?? []) as { state: string; finished_at: string | null }[];
    expect(jobs.length).toBe(jobCreates(routes));
    expect(jobs.filter((j) => j.state !== "JobComplete" || j.finished_at === null)).toEqual([]);

    await waitForLeaseExpiry(setup.storePath);
    const again = await runSyncCli(setup);
    expect(again.code, describeRun(again)).toBe(EXIT_QUARANTINED);
    expect(writeCallsBetween(after, await sb.requests())).toEqual({});
  });

  it("killed while a job is uploaded but not finished: the next run polls that job to its end instead of uploading its records again, and ends as the clean run", async () => {
    const setup = await freshScenario(sb, "bulk-kill-in-job", BULK);
    const before = await sb.requests();
    // The sandbox answers a job's first status read InProgress and the client waits ≥ 1 s before the next:
    // a kill as soon as the first job is closed (UploadComplete) lands inside that wait.
    const closes = async () => Object.entries(salesforceRoutes(before, await sb.requests())).filter(([r]) => /^PATCH .*jobs\/ingest\/:id$/.test(r)).reduce((s, [, n]) => s + n, 0);
    const killed = await runSyncCli(setup, [], { killWhen: async () => (await closes()) > 0 });
    expect(killed.killed, describeRun(killed)).toBe(true);
    const left = ((readStoreTables(setup.storePath).bulk_jobs ?? []) as { id: string; finished_at: string | null }[]).filter((j) => j.finished_at === null);
    expect(left.length).toBeGreaterThan(0);

    await waitForLeaseExpiry(setup.storePath);
    const mid = await sb.requests();
    const rerun = await runSyncCli(setup);
    expect(rerun.code, describeRun(rerun)).toBe(EXIT_QUARANTINED);
    const jobs = (readStoreTables(setup.storePath).bulk_jobs ?? []) as { id: string; state: string; finished_at: string | null }[];
    expect(jobs.filter((j) => j.finished_at === null)).toEqual([]);
    // The jobs the kill left were read to their end by the re-run; it uploaded only the jobs it created.
    for (const j of left) expect(jobs.find((x) => x.id === j.id)?.state, j.id).toBe("JobComplete");
    const rerunRoutes = salesforceRoutes(mid, await sb.requests());
    expect(uploads(rerunRoutes), JSON.stringify(rerunRoutes)).toBe(jobCreates(rerunRoutes));
    expect(differences(await stateOf(sb), reference)).toBe("");
  });

  it("killed at random instants of its first sync, then re-run until a run completes: ends exactly as the clean run", async () => {
    const prng = createPrng(seedFromEnv("bulk-kill"));
    const log: string[] = [];
    let kills = 0;
    let last: SyncResult | undefined;
    // Each killed run leaves its finished pages checkpointed, so the chain moves on; a kill is drawn
    // within a first sync's duration, and the chain ends with the first run that completes. A run that
    // completes before its first kill (this run was quicker than the one measured) proves nothing: the
    // chain starts again on a fresh sandbox, with kills drawn from a shorter span.
    let span = bulkRunMs;
    for (let chain = 1; kills === 0 && chain <= 4; chain++, span = Math.max(600, span / 2)) {
      const setup = await freshScenario(sb, "bulk-kill-chain", BULK);
      for (let attempt = 0; attempt < 6; attempt++) {
        await waitForLeaseExpiry(setup.storePath);
        const delay = prng.int(300, Math.round(span));
        last = await runSyncCli(setup, [], { killAfterMs: delay });
        log.push(`chain ${chain}, run ${attempt + 1}: kill at ${delay} ms → ${last.killed ? "killed" : `exit ${last.code} after ${Math.round(last.ms)} ms`}`);
        if (!last.killed) break;
        kills++;
      }
      if (last?.killed !== false) {
        await waitForLeaseExpiry(setup.storePath);
        last = await runSyncCli(setup);
      }
    }
    console.log(`[faults] bulk kill chain, seed ${prng.seed}:\n  ${log.join("\n  ")}`);
    expect(kills, log.join("\n")).toBeGreaterThan(0);
    if (last === undefined) throw new Error("the chain made no run");
    expect(last.code, describeRun(last)).toBe(EXIT_QUARANTINED);
    expect(differences(await stateOf(sb), reference), `seed ${prng.seed}`).toBe("");
  });
});
