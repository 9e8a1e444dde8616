// kill -9 at random instants of a sync over ≥ 20k records, each followed by a re-run (itself killed
// until a run completes; then, while kills are left, the same again from a fresh sandbox): the three
// systems must end exactly as after one clean run — same records per object, no duplicate, nothing
// missing — and the watermarks cover the same objects. The instants come from a seeded PRNG: the seed
// is logged, FAULTS_SEED replays it.
//
// Default: 5 kills. LONG_TESTS=1: 20 kills (docs/fault-tests.md has the timings).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrng, seedFromEnv } from "./harness/prng.js";
import { startSandboxProcess, type SandboxProcess } from "./harness/sandbox-process.js";
import { differences, freshScenario, stateOf } from "./harness/scenario.js";
import { countRecords, type NormalState } from "./harness/state-compare.js";
import { readStoreTables, waitForLeaseExpiry, watermarksOf, type WatermarkRow } from "./harness/store-tables.js";
import { describeRun, runSyncCli, type SyncResult } from "./harness/sync-process.js";

const LONG = process.env.LONG_TESTS === "1";
const KILLS = LONG ? 20 : 5;
/** Demo size 4300: ≈ 20 500 records read and handled by one clean sync (≈ 5 000 of them written). */
const DEMO_SIZE = 4300;
const EXIT_QUARANTINED = 3;

let sb: SandboxProcess;
let reference: NormalState;
let referenceWatermarks: WatermarkRow[];
let clean: SyncResult;

beforeAll(async () => {
  sb = await startSandboxProcess({ demoSize: DEMO_SIZE, seed: 3 });
  const setup = await freshScenario(sb, "kill-clean");
  clean = await runSyncCli(setup, [], { timeoutMs: 240_000 });
  expect(clean.code, describeRun(clean)).toBe(EXIT_QUARANTINED);
  reference = await stateOf(sb);
  referenceWatermarks = watermarksOf(readStoreTables(setup.storePath));
  const outcomes = (readStoreTables(setup.storePath).outcomes ?? []).length;
  console.log(`[faults] clean sync of demo size ${DEMO_SIZE}: ${Math.round(clean.ms)} ms, ${outcomes} record outcomes, ${countRecords(reference)} records in the sandbox`);
  expect(outcomes, "the kill test syncs ≥ 20k records").toBeGreaterThanOrEqual(20_000);
}, 300_000);

afterAll(async () => {
  await sb?.close();
});

describe(`kill -9 at ${KILLS} random instants of a ${DEMO_SIZE}-registration sync`, () => {
  it("ends, after the re-runs, exactly as one clean run: no duplicate, nothing missing, the same watermarks", async () => {
    const prng = createPrng(seedFromEnv("kill-and-resume"));
    // Spread the kills over the whole run: from start-up (auth, describes) to the last writes.
    const maxDelay = 1_500 + (2 * clean.ms) / KILLS;
    const log: string[] = [];
    let kills = 0;
    // A chain: one first sync on a fresh sandbox and store, killed and re-run until a run completes.
    // Each killed run leaves its finished pages checkpointed, so a re-run has less left to do and can
    // complete before the instant drawn for it; what follows would be runs with nothing to do. Then a
    // new chain starts from a fresh sandbox, until KILLS kills have landed on runs with work in them.
    // Every chain must end exactly as the clean run.
    for (let chain = 1; kills < KILLS && chain <= KILLS; chain++) {
      const setup = await freshScenario(sb, "kill-chain");
      let last: SyncResult | undefined;
      for (let attempt = 0; kills < KILLS; attempt++) {
        const waited = await waitForLeaseExpiry(setup.storePath);
        const delay = prng.int(200, Math.round(maxDelay));
        last = await runSyncCli(setup, [], { killAfterMs: delay, timeoutMs: 240_000 });
        log.push(`chain ${chain}, run ${attempt + 1}: lease wait ${waited} ms, kill at ${delay} ms → ${last.killed ? "killed" : `exit ${last.code} after ${Math.round(last.ms)} ms`}`);
        if (!last.killed) break;
        kills++;
      }
      if (last?.killed !== false) {
        await waitForLeaseExpiry(setup.storePath);
        last = await runSyncCli(setup, [], { timeoutMs: 240_000 });
        log.push(`chain ${chain}, final run: exit ${last.code} after ${Math.round(last.ms)} ms`);
      }
      expect(last.code, `${log.join("\n")}\n${describeRun(last)}`).toBe(EXIT_QUARANTINED);
      expect(differences(await stateOf(sb), reference), `seed ${prng.seed}, chain ${chain}`).toBe("");

      // Watermarks are instants of the run that read each object last (run start − safety lag), so their
      // values legitimately differ from the clean run's; which objects have one, and that none is past
      // the final run's start, must not.
      const watermarks = watermarksOf(readStoreTables(setup.storePath));
      expect(watermarks.map((w) => `${w.system}/${w.object}`)).toEqual(referenceWatermarks.map((w) => `${w.system}/${w.object}`));
      for (const w of watermarks) expect(Date.parse(w.value), `${w.system}/${w.object}`).toBeLessThanOrEqual(Date.now());
    }
    console.log(`[faults] seed ${prng.seed}:\n  ${log.join("\n  ")}`);
    expect(kills, log.join("\n")).toBe(KILLS);
  }, LONG ? 1_800_000 : 600_000);
});
