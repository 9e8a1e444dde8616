// `make bench` / `node --expose-gc bench/rules.bench.js [registrations] [runs]`: every program rule over
// a generated world of 100k registrations (+20k partners, 60k opportunities, 50k prospects, 10k NFR
// licenses, 5k evaluations), in-process. Two timed steps: indexing (buildWorld) and deciding (decide);
// their sum is what issue #5 bounds (< 2 s). The world's generation is not timed: it stands for the
// reads. A warm-up run of each step first (JIT, inline caches), then the median of `runs` (default 7).
// Two worlds, each timed so: the first pass (nothing derived yet: every record decided for the first
// time, ≈ 109k writes — the worst case) and the settled world (the same world after apply wrote the
// first pass's decisions: what every later pass of a daemon sees).
// Beside them, in the same run, a baseline: a floor pass over the same world (index the partners and
// opportunities, group the registrations by opportunity, one result object per registration, sorted
// by id) — the least any rules engine does with these records. Its ratio to build + decide says how
// much more the rules do, and carries across machines and hours where the milliseconds do not (this
// machine's speed moved by 2× between sessions: docs/decide.md).
// Prints the figures on stderr and ONE JSON line last on stdout (bench/run.js collects it): its
// top-level figures are the first pass's, `settled` holds the settled world's.
import { loadavg } from "node:os";
import { decide } from "../dist/sync/decide/decide.js";
import { applyDecisions, syntheticWorld } from "../dist/sync/decide/synthetic-world.js";
import { buildWorld } from "../dist/sync/decide/world.js";
import { defaultRulesConfig } from "../dist/rules/rules-config.schema.js";

const registrations = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 7);
const TARGET_MS = 2000;
const now = new Date("2026-06-15T12:00:00Z");
const input = syntheticWorld({ registrations, seed: 7, asOf: now });
const newlyApprovedIds = new Set(input.registrations.filter((r, i) => r.status === "Approved" && i % 50 === 0).map((r) => r.id));
const ctx = { now, rules: defaultRulesConfig, newlyApprovedIds, leadRecallOwnerId: "vendor-queue" };

// The machine is shared: wall time moves with the load, so CPU time is reported beside it. Both steps
// are single-threaded; main-thread CPU (process.threadCpuUsage) leaves out V8's parallel GC helper
// threads that process CPU counts, so it is the closest figure to an idle machine's wall time.
function measure(step) {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const thread = process.threadCpuUsage();
  const t = performance.now();
  const result = step();
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const usedThread = process.threadCpuUsage(thread);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000, threadCpuMs: (usedThread.user + usedThread.system) / 1000 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

const DAY_MS = 86_400_000;
/** The baseline: the least any rules engine does with these records (see the top of the file). */
function floorPass(worldInput) {
  const partners = new Map();
  for (const p of worldInput.partners) partners.set(p.id, p);
  const opportunities = new Map();
  for (const o of worldInput.opportunities) opportunities.set(o.id, o);
  const byOpportunity = new Map();
  for (const r of worldInput.registrations) {
    if (r.opportunityId === null) continue;
    const group = byOpportunity.get(r.opportunityId);
    if (group) group.push(r);
    else byOpportunity.set(r.opportunityId, [r]);
  }
  const out = [];
  for (const r of worldInput.registrations) {
    const approved = r.originalApprovedAt?.getTime();
    out.push({
      id: r.id,
      partnerKnown: partners.has(r.partnerId),
      opportunityKnown: r.opportunityId !== null && opportunities.has(r.opportunityId),
      competing: r.opportunityId === null ? 0 : byOpportunity.get(r.opportunityId).length - 1,
      expired: approved !== undefined && approved + 90 * DAY_MS < now.getTime(),
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const verdict = (ms) => (ms < TARGET_MS ? "MET" : "NOT MET");

/** Warm-up, then `RUNS` × (build, decide) of `worldInput` at `context`; prints the figures, returns them. */
function timeWorld(label, worldInput, context) {
  const loadBefore = loadavg()[0];
  let world = measure(() => buildWorld(worldInput)).result; // warm-up
  let result = measure(() => decide(world, context)).result; // warm-up
  measure(() => floorPass(worldInput)); // warm-up
  const builds = [];
  const decides = [];
  const floors = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push(measure(() => floorPass(worldInput)));
    const b = measure(() => buildWorld(worldInput));
    world = b.result;
    builds.push(b);
    const d = measure(() => decide(world, context));
    result = d.result;
    decides.push(d);
  }
  const loadAfter = loadavg()[0];
  const med = (runs, key) => round(median(runs.map((r) => r[key])));
  const figures = (key) => ({ build: med(builds, key), decide: med(decides, key), total: round(median(builds.map((b, i) => b[key] + decides[i][key]))) });
  const wall = figures("wallMs");
  const cpu = figures("cpuMs");
  const thread = figures("threadCpuMs");
  const floor = { wall: med(floors, "wallMs"), thread: med(floors, "threadCpuMs") };
  const ratio = { wall: round(wall.total / floor.wall), thread: round(thread.total / floor.thread) };
  const bySeverity = {};
  for (const f of result.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const list = (runs, key) => runs.map((r) => round(r[key])).join(", ");
  process.stderr.write(
    `${label}: ${registrations} registrations, ${result.writes.length} writes, ${result.findings.length} findings; median of ${RUNS} runs after a warm-up, load average (1 min) ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}\n` +
    `  decide  wall ${list(decides, "wallMs")}; main-thread cpu ${list(decides, "threadCpuMs")}\n` +
    `  build   wall ${list(builds, "wallMs")}; main-thread cpu ${list(builds, "threadCpuMs")}\n` +
    `                      build     decide    total   (ms, median)\n` +
    `  wall             ${String(wall.build).padStart(8)} ${String(wall.decide).padStart(9)} ${String(wall.total).padStart(8)}\n` +
    `  main-thread cpu  ${String(thread.build).padStart(8)} ${String(thread.decide).padStart(9)} ${String(thread.total).padStart(8)}\n` +
    `  process cpu      ${String(cpu.build).padStart(8)} ${String(cpu.decide).padStart(9)} ${String(cpu.total).padStart(8)}\n` +
    `  baseline (a floor pass over the same world, same runs): wall ${floor.wall} ms, main-thread cpu ${floor.thread} ms; build + decide = ${ratio.wall} × it (wall), ${ratio.thread} × (main-thread cpu)\n` +
    `target (${label}): build + decide < ${TARGET_MS} ms — wall ${verdict(wall.total)} (${wall.total} ms), main-thread cpu ${verdict(thread.total)} (${thread.total} ms), load ${loadBefore.toFixed(2)}\n`,
  );
  return {
    result,
    figures: {
      ms: wall.decide, cpuMs: cpu.decide, threadCpuMs: thread.decide, indexMs: wall.build, indexThreadCpuMs: thread.build,
      totalMs: wall.total, totalThreadCpuMs: thread.total, baselineMs: floor.wall, baselineThreadCpuMs: floor.thread,
      ratioToBaseline: ratio.wall, ratioToBaselineThreadCpu: ratio.thread, perRecordUs: round((wall.decide * 1000) / registrations),
      targetMs: TARGET_MS, targetWall: verdict(wall.total), targetThreadCpu: verdict(thread.total),
      writes: result.writes.length, findings: result.findings.length, bySeverity, loadAvg1m: round(loadBefore), loadAvg1mAfter: round(loadAfter),
    },
  };
}

const first = timeWorld("first pass", input, ctx);
// What apply leaves after the first pass; its approvals are no longer new (DR-8 looks at what arrives).
const settledInput = applyDecisions(input, first.result);
const settled = timeWorld("settled", settledInput, { ...ctx, newlyApprovedIds: new Set() });

console.log(JSON.stringify({
  registrations, partners: input.partners.length, opportunities: input.opportunities.length, prospects: input.prospects.length,
  nfrLicenses: input.nfrLicenses.length, runs: RUNS, ...first.figures, settled: settled.figures,
}));
