// `make bench` / `node bench/sync.bench.js`: the sync engine end to end (issue #4). The sandbox runs in
// its own process with the demo data set (`--demo-size $BENCH_SYNC_SIZE`, default 100000: ≈ 100k deal
// registrations, 20k partners, 50k prospects, plus their people, opportunities, NFR requests and
// rebates); `partner-sync sync` runs as a child process with a fresh store, as an operator runs it.
//   1. initial sync: wall time spawn → exit, the worker's peak RSS and CPU seconds (GNU time), the
//      sandbox's CPU seconds over the same sync, the calibration workload's time just before
//      (experiments/calibrate.js), Salesforce/portal calls per route (the sandbox's counter,
//      before/after), records read and written (the sync's own summary);
//   2. incremental sync with no change: calls per object through a recording proxy, writes = 0;
//   3. naive baseline in the same run: one jsforce upsert per record on a sample of portal deal
//      registrations (bench/sync/naive-baseline.js), extrapolated to the records of step 1.
// "Records" = records read and handled by the pass (each system's copy of a record counts: the
// summary's `read`); written = records written (the summary's `written`, per system).
// The worker runs as the bin does: through dist/cli.js's launch line, memory bounds included
// (bench/sync/run-sync.js); BENCH_SYNC_PLAIN_NODE=1 runs it on V8's defaults instead.
// Env: BENCH_SYNC_WORKER_NODE_OPTIONS (NODE_OPTIONS of the worker only, e.g. --cpu-prof; heap flags
// there lose to the launch line's, so use them with BENCH_SYNC_PLAIN_NODE=1),
// BENCH_SYNC_SIZE (100000), BENCH_SYNC_NAIVE_SAMPLE (1000), BENCH_SYNC_CPU_PROF=DIR (profile
// the initial sync's worker into DIR), BENCH_SYNC_KEEP=1 (keep the work folder), BENCH_SYNC_SETTINGS
// (JSON merged into the config's `sync` section, e.g. '{"pageSize":10000}'), BENCH_SYNC_QUIET_RUN=1 (also
// a quiet run: see below; waits out the lookback, ≈ 10 min). Prints ONE JSON line last.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runNaiveSample } from "./sync/naive-baseline.js";
import { classifyCalls, startRecordingProxy } from "./sync/recording-proxy.js";
import { runSync } from "./sync/run-sync.js";
import { countsDiff, requestCounts, startSandbox, writeCalls } from "./sync/sandbox-process.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SIZE = Number(process.env.BENCH_SYNC_SIZE ?? 100_000);
const SAMPLE = Number(process.env.BENCH_SYNC_NAIVE_SAMPLE ?? 1000);
const PROFILE_DIR = process.env.BENCH_SYNC_CPU_PROF;
const SYNC_SETTINGS = JSON.parse(process.env.BENCH_SYNC_SETTINGS ?? "{}");
// The demo data set's "now": the rules are evaluated at the instant the data was generated for.
const NOW = "2026-11-15T12:00:00Z";
const TARGETS = { recordsPerSec: 5000, callsPerCollectionsCall: 1.05, maxReadCallsPerObject: 1, peakRssMb: 300 };

const say = (line) => process.stderr.write(`${line}\n`);
const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
/** Milliseconds of CPU the fixed workload of experiments/calibrate.js takes now, in a process of its own (null if it fails). */
function calibrate() {
  try {
    const out = execFileSync(process.execPath, [fileURLToPath(new URL("./experiments/calibrate.js", import.meta.url))], { encoding: "utf8" });
    return Number(/calib (\d+) ms/.exec(out)?.[1]) || null;
  } catch {
    return null;
  }
}
const work = mkdtempSync(join(tmpdir(), "partner-sync-bench-"));
const load = [loadavg()[0]];
let sandbox;
try {
  say(`sync bench: size ${SIZE}, naive sample ${SAMPLE}, sync settings ${JSON.stringify(SYNC_SETTINGS)}, work folder ${work}, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  sandbox = await startSandbox({ cli, size: SIZE, seed: 1, dir: work, sync: SYNC_SETTINGS });
  say(`sandbox up in ${round(sandbox.startMs / 1000, 1)} s`);

  // 1. initial sync, fresh store
  const store = join(work, "store.db");
  const c0 = await requestCounts(sandbox.config);
  // BENCH_SYNC_WORKER_NODE_OPTIONS: node options of the worker only (a heap cap, say), as an operator
  // would set NODE_OPTIONS for partner-sync — not for the sandbox, which needs GBs at size 100000.
  const workerOptions = [process.env.BENCH_SYNC_WORKER_NODE_OPTIONS ?? "", PROFILE_DIR ? `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` : ""].filter(Boolean).join(" ");
  // The machine's speed right before (experiments/calibrate.js) and the CPU both processes use: wall
  // time drifts with the machine by 10–25 % within an hour, so CPU per calibration millisecond is
  // given beside it (docs/bench.md round 17).
  const calibrationMs = calibrate();
  const sandboxCpu0 = sandbox.cpuSeconds();
  const initial = await runSync({ cli, configFile: sandbox.configFile, storePath: store, dir: work, label: "initial", now: NOW,
    ...(workerOptions ? { nodeOptions: workerOptions } : {}) });
  const sandboxCpu = sandboxCpu0 === null ? null : sandbox.cpuSeconds() - sandboxCpu0;
  const initialCalls = countsDiff(c0, await requestCounts(sandbox.config));
  if (initial.exitCode !== 0 && initial.exitCode !== 3) throw new Error(`initial sync exited ${initial.exitCode}: see ${initial.stderrFile}\n${initial.stdout}`);
  load.push(loadavg()[0]);
  const s = initial.summary;
  const sf = initialCalls.systems.salesforce ?? { total: 0, routes: {} };
  const sfCollections = sf.routes["PATCH /services/data/:version/composite/sobjects/:sobject/:extField"] ?? 0;
  const sfBulk = Object.entries(sf.routes).filter(([r]) => r.includes("/jobs/ingest")).reduce((a, [, n]) => a + n, 0);
  const seconds = initial.wallMs / 1000;
  const workerCpu = initial.cpu ? initial.cpu.user + initial.cpu.system : null;
  const cpuText = `worker CPU ${workerCpu === null ? "n/a" : `${round(workerCpu, 1)} s`}, sandbox CPU ${sandboxCpu === null ? "n/a" : `${round(sandboxCpu, 1)} s`}, calibration ${calibrationMs ?? "n/a"} ms`;
  say(`initial sync: exit ${initial.exitCode} (${s.status}), ${round(seconds, 1)} s (${cpuText}), read ${s.read} (unchanged ${s.unchanged}), written sf ${s.writtenSalesforce} / portal ${s.writtenPortal}, quarantined ${s.quarantined}, peak RSS ${round(initial.peakRssKb / 1024)} MB (${initial.launch})`);
  say(`  salesforce calls ${sf.total}: ${JSON.stringify(sf.routes)}`);
  say(`  portal calls ${initialCalls.systems.portal?.total ?? 0}: ${JSON.stringify(initialCalls.systems.portal?.routes ?? {})}`);

  /**
   * A run on the same store through the recording proxy (the sandbox counts routes, the proxy objects):
   * the run, its calls per system and route, its calls per kind and object (its call log kept as
   * `${label}-calls.json`), and the most read calls it made for one object.
   */
  async function proxiedRun(label) {
    const proxy = await startRecordingProxy(sandbox.config);
    const configFile = join(work, `${label}-config.json`);
    writeFileSync(configFile, `${JSON.stringify(proxy.config)}\n`);
    const before = await requestCounts(sandbox.config);
    const run = await runSync({ cli, configFile, storePath: store, dir: work, label, now: NOW,
      ...(process.env.BENCH_SYNC_WORKER_NODE_OPTIONS ? { nodeOptions: process.env.BENCH_SYNC_WORKER_NODE_OPTIONS } : {}) });
    const calls = countsDiff(before, await requestCounts(sandbox.config));
    await proxy.close();
    if (run.exitCode !== 0 && run.exitCode !== 3) throw new Error(`${label} sync exited ${run.exitCode}: see ${run.stderrFile}\n${run.stdout}`);
    writeFileSync(join(work, `${label}-calls.json`), `${JSON.stringify(proxy.calls, null, 1)}\n`);
    const byObject = classifyCalls(proxy.calls);
    const maxReads = Math.max(0, ...Object.entries(byObject).filter(([k]) => k.includes(" read ")).map(([, n]) => n));
    return { run, calls, byObject, maxReads };
  }

  // 2. incremental run, nothing changed anywhere, through the recording proxy (per-object counts)
  const incrementalStart = performance.now();
  const { run: incremental, calls: incrementalCalls, byObject: perObject, maxReads } = await proxiedRun("incremental");
  const incWrites = writeCalls(incrementalCalls);
  say(`incremental sync (no change): exit ${incremental.exitCode}, ${round(incremental.wallMs / 1000, 1)} s, read ${incremental.summary.read} (unchanged ${incremental.summary.unchanged}), writes ${incremental.summary.writes} (write calls ${incWrites}), peak RSS ${round(incremental.peakRssKb / 1024)} MB`);
  say(`  calls per kind and object: ${JSON.stringify(perObject)}`);

  // 2b. (BENCH_SYNC_QUIET_RUN=1) the no-change run of a daemon in its steady state. A run's window starts
  // `lookbackSeconds` before the watermark its predecessor left (that run's start − the safety lag), so
  // the first run's own writes are read again by every run until one starts more than lookback + lag
  // after them. Wait that long, run once (it moves the watermark past them), then count a run's calls.
  let quiet = null;
  if (process.env.BENCH_SYNC_QUIET_RUN) {
    const sync = sandbox.config.sync ?? {};
    const waitMs = ((sync.lookbackSeconds ?? 600) + (sync.safetyLagSeconds ?? 5) + 5) * 1000 - (performance.now() - incrementalStart);
    say(`quiet run: waiting ${round(Math.max(0, waitMs) / 1000)} s (the lookback) so no window holds the first run's writes`);
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const { run: past } = await proxiedRun("past-lookback");
    const { run, calls, byObject, maxReads: quietMaxReads } = await proxiedRun("quiet");
    quiet = {
      exitCode: run.exitCode, seconds: round(run.wallMs / 1000, 1), recordsRead: run.summary.read, writes: run.summary.writes, writeCalls: writeCalls(calls),
      callsPerObject: byObject, maxReadCallsPerObject: quietMaxReads, runPastLookback: { seconds: round(past.wallMs / 1000, 1), recordsRead: past.summary.read, writes: past.summary.writes },
    };
    say(`run past the lookback: ${quiet.runPastLookback.seconds} s, read ${past.summary.read}, writes ${past.summary.writes}`);
    say(`quiet run (no change, steady state): exit ${run.exitCode}, ${quiet.seconds} s, read ${run.summary.read}, writes ${run.summary.writes} (write calls ${quiet.writeCalls}), max ${quiet.maxReadCallsPerObject} read call(s) for one object`);
    say(`  calls per kind and object: ${JSON.stringify(byObject)}`);
  }

  // 3. naive baseline on a sample, extrapolated to the records of the initial sync
  let preloadCounts;
  const c4 = await requestCounts(sandbox.config);
  const naive = await runNaiveSample(sandbox.config, SAMPLE, { afterPreload: async () => (preloadCounts = await requestCounts(sandbox.config)) });
  const c5 = await requestCounts(sandbox.config);
  const naivePreloadSf = countsDiff(c4, preloadCounts).systems.salesforce?.total ?? 0;
  const naiveSampleSf = countsDiff(preloadCounts, c5).systems.salesforce?.total ?? 0;
  const naiveMsPerRecord = naive.sampleMs / naive.sampled;
  const naiveSeconds = (naive.preloadMs + naiveMsPerRecord * s.read) / 1000;
  const naiveSfCalls = Math.round(naivePreloadSf + (naiveSampleSf / naive.sampled) * s.read);
  load.push(loadavg()[0]);
  say(`naive baseline: ${naive.sampled} ${naive.object} sampled, ${naive.upserted} upserted one call each, ${naive.failed} failed ${JSON.stringify(naive.errors)}, ${naive.unmapped} not mappable; ${round(naiveMsPerRecord, 2)} ms/record, preload ${round(naive.preloadMs)} ms (${naivePreloadSf} calls)`);

  const recordsPerSec = s.read / seconds;
  const naiveRecordsPerSec = s.read / naiveSeconds;
  const callBudget = TARGETS.callsPerCollectionsCall * Math.ceil(s.read / 200);
  const targets = {
    recordsPerSec: { value: round(recordsPerSec), target: `>= ${TARGETS.recordsPerSec}`, met: recordsPerSec >= TARGETS.recordsPerSec },
    salesforceCalls: { value: sf.total, target: `<= ${round(callBudget)} (1.05 × ⌈${s.read} read / 200⌉)`, met: sf.total <= callBudget, path: sfBulk > 0 ? "bulk+collections" : "collections" },
    incrementalReadCallsPerObject: { value: maxReads, target: `<= ${TARGETS.maxReadCallsPerObject}`, met: maxReads <= TARGETS.maxReadCallsPerObject },
    incrementalWrites: { value: incWrites + (incremental.summary.writes ?? 0), target: "0", met: incWrites === 0 && incremental.summary.writes === 0 },
    ...(quiet ? {
      quietRunReadCallsPerObject: { value: quiet.maxReadCallsPerObject, target: `<= ${TARGETS.maxReadCallsPerObject}`, met: quiet.maxReadCallsPerObject <= TARGETS.maxReadCallsPerObject },
      quietRunWrites: { value: quiet.writeCalls + (quiet.writes ?? 0), target: "0", met: quiet.writeCalls === 0 && quiet.writes === 0 },
    } : {}),
    peakRssMb: { value: round(initial.peakRssKb / 1024), target: `< ${TARGETS.peakRssMb}`, met: initial.peakRssKb / 1024 < TARGETS.peakRssMb },
  };
  for (const [k, t] of Object.entries(targets)) say(`target ${k}: ${t.value} (${t.target}) ${t.met ? "MET" : "NOT MET"}`);
  say(`ratio to naive: ${round(recordsPerSec / naiveRecordsPerSec, 1)} × the records/s, ${round(sf.total / naiveSfCalls, 3)} × the Salesforce calls`);

  console.log(JSON.stringify({
    bench: "sync",
    size: SIZE, syncSettings: SYNC_SETTINGS,
    loadAverage: load.map((x) => round(x, 1)),
    sandboxStartSeconds: round(sandbox.startMs / 1000, 1),
    initial: {
      exitCode: initial.exitCode, status: s.status, seconds: round(seconds, 1),
      recordsRead: s.read, recordsUnchanged: s.unchanged, recordsWritten: { salesforce: s.writtenSalesforce, portal: s.writtenPortal },
      quarantined: s.quarantined, recordsPerSec: round(recordsPerSec), writtenPerSec: round((s.writtenSalesforce + s.writtenPortal) / seconds),
      salesforceCalls: sf.total, salesforceCollectionsCalls: sfCollections, salesforceBulkCalls: sfBulk, salesforceRoutes: sf.routes,
      portalCalls: initialCalls.systems.portal?.total ?? 0, portalRoutes: initialCalls.systems.portal?.routes ?? {},
      peakRssMb: round(initial.peakRssKb / 1024), rssMethod: initial.rssMethod, launch: initial.launch, entities: s.entities,
      workerCpuSeconds: initial.cpu ? { user: initial.cpu.user, system: initial.cpu.system } : null,
      sandboxCpuSeconds: sandboxCpu === null ? null : round(sandboxCpu, 1),
      calibrationMs,
      workerCpuPerCalibrationMs: workerCpu === null || !calibrationMs ? null : round(workerCpu / calibrationMs, 4),
    },
    incremental: {
      exitCode: incremental.exitCode, seconds: round(incremental.wallMs / 1000, 1), recordsRead: incremental.summary.read, recordsUnchanged: incremental.summary.unchanged, writes: incremental.summary.writes,
      writeCalls: incWrites, callsPerObject: perObject, salesforceCalls: incrementalCalls.systems.salesforce?.total ?? 0, portalCalls: incrementalCalls.systems.portal?.total ?? 0,
      peakRssMb: round(incremental.peakRssKb / 1024),
    },
    ...(quiet ? { quiet } : {}),
    naive: {
      sampled: naive.sampled, object: naive.object, upserted: naive.upserted, failed: naive.failed, unmapped: naive.unmapped,
      msPerRecord: round(naiveMsPerRecord, 2), preloadMs: round(naive.preloadMs), preloadSalesforceCalls: naivePreloadSf, sampleSalesforceCalls: naiveSampleSf,
      extrapolatedSeconds: round(naiveSeconds), extrapolatedRecordsPerSec: round(naiveRecordsPerSec), extrapolatedSalesforceCalls: naiveSfCalls,
    },
    ratio: { recordsPerSecVsNaive: round(recordsPerSec / naiveRecordsPerSec, 1), salesforceCallsVsNaive: round(sf.total / naiveSfCalls, 4) },
    targets,
  }));
} finally {
  await sandbox?.stop();
  if (process.env.BENCH_SYNC_KEEP) say(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
