// kill -9 at known points of a sync instead of instants in time: the sandbox holds one write call
// unanswered (a latency fault that fires once, after N matching calls) and the worker is killed while
// it waits, so the systems hold exactly the writes before that call. A re-run must then end exactly
// as one clean run, with no write intent left in the store.
//
// Default: the points where a crash used to lose data for good — the portal's Prospect and
// DealRegistration updates, held after Salesforce got its half of the same page (a lead's Recall and
// recall date, an MDF lead's acceptance; a registration's rejection). LONG_TESTS=1: every write call
// of the run in turn (≈ 40 points, ≈ 10 min).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxProcess, type FaultInput, type SandboxProcess } from "./harness/sandbox-process.js";
import { differences, freshScenario, stateOf, writeCallsBetween } from "./harness/scenario.js";
import type { NormalState } from "./harness/state-compare.js";
import { readStoreTables, waitForLeaseExpiry } from "./harness/store-tables.js";
import { describeRun, runSyncCli } from "./harness/sync-process.js";

const LONG = process.env.LONG_TESTS === "1";
/** `sync.pageSize` for every run here (CRASH_POINTS_PAGE_SIZE, e.g. 100: many pages, so cuts between pages too). */
const PAGE_SIZE = process.env.CRASH_POINTS_PAGE_SIZE ? Number(process.env.CRASH_POINTS_PAGE_SIZE) : undefined;
/** With LONG_TESTS=1, hold every Nth write call only (CRASH_POINTS_EVERY, default 1: every one). */
const EVERY = Number(process.env.CRASH_POINTS_EVERY ?? 1);
const overrides = PAGE_SIZE === undefined ? {} : { sync: { pageSize: PAGE_SIZE } };
/** With LONG_TESTS=1, only these points (CRASH_POINTS_ONLY="salesforce PATCH #4,portal POST #1"): replays a failure. */
const ONLY = process.env.CRASH_POINTS_ONLY?.split(",").map((l) => l.trim());
const EXIT_QUARANTINED = 3;
/** Held far longer than any test waits: the kill comes first. */
const HOLD_MS = 600_000;

type System = "salesforce" | "portal";
interface Point {
  system: System;
  fault: FaultInput;
  label: string;
}

const pathOf = (system: System) => (system === "salesforce" ? "/(composite|jobs)/" : "^/api/objects/");

let sb: SandboxProcess;
let reference: NormalState;
let cleanWrites: Record<string, number>;

beforeAll(async () => {
  sb = await startSandboxProcess({ demoSize: 300, seed: 3 });
  const setup = await freshScenario(sb, "points-clean", overrides);
  const before = await sb.requests();
  const clean = await runSyncCli(setup, [], { timeoutMs: 120_000 });
  expect(clean.code, describeRun(clean)).toBe(EXIT_QUARANTINED);
  cleanWrites = writeCallsBetween(before, await sb.requests());
  reference = await stateOf(sb);
}, 180_000);

afterAll(async () => {
  await sb?.close();
});

function points(): Point[] {
  if (!LONG) {
    return ["Prospect", "Deal_Registration"].map((object) => ({
      system: "portal",
      label: `portal PATCH ${object} #1`,
      fault: { kind: "latency", ms: HOLD_MS, method: "PATCH", path: `/api/objects/v1/${object}`, times: 1 },
    }));
  }
  const out: Point[] = [];
  for (const [system, method] of [["salesforce", "PATCH"], ["salesforce", "POST"], ["portal", "PATCH"], ["portal", "POST"]] as const) {
    const calls = Object.entries(cleanWrites).filter(([route]) => route.startsWith(`${system} ${method} `)).reduce((n, [, c]) => n + c, 0);
    for (let after = 0; after < calls; after += EVERY) {
      out.push({ system, label: `${system} ${method} #${after + 1}`, fault: { kind: "latency", ms: HOLD_MS, method, pathRegex: pathOf(system), after, times: 1 } });
    }
  }
  return ONLY ? out.filter((p) => ONLY.includes(p.label)) : out;
}

describe("kill -9 while a write call is held: the re-run ends as one clean run", () => {
  it(`at ${LONG ? "every write call" : "the portal's Prospect and Deal_Registration updates"}`, async () => {
    const failed: string[] = [];
    const log: string[] = [];
    for (const point of points()) {
      const setup = await freshScenario(sb, `point-${point.label.replace(/\W+/g, "-")}`, overrides);
      await sb.addFault(point.system, point.fault);
      const held = async () => ((await sb.faults())[point.system][0]?.fired ?? 0) >= 1;
      const killed = await runSyncCli(setup, [], { timeoutMs: 120_000, killWhen: held });
      await sb.clearFaults();
      const intentsLeft = ((readStoreTables(setup.storePath).write_intents ?? []) as unknown[]).length;
      await waitForLeaseExpiry(setup.storePath);
      const final = await runSyncCli(setup, [], { timeoutMs: 120_000 });
      const diff = differences(await stateOf(sb), reference);
      const after = ((readStoreTables(setup.storePath).write_intents ?? []) as unknown[]).length;
      log.push(`${point.label}: ${killed.killed ? `killed (${intentsLeft} intent left)` : `exit ${killed.code}`}, re-run exit ${final.code}, ${diff === "" ? "clean state" : `${diff.split("\n").length} differences`}`);
      if (!killed.killed) failed.push(`${point.label}: the run was not held there (exit ${killed.code}): ${describeRun(killed)}`);
      if (final.code !== EXIT_QUARANTINED) failed.push(`${point.label}: re-run exit ${final.code}: ${describeRun(final)}`);
      if (diff !== "") failed.push(`${point.label}:\n  ${diff.split("\n").slice(0, 20).join("\n  ")}`);
      if (after !== 0) failed.push(`${point.label}: ${after} write intents left after the re-run`);
    }
    console.log(`[faults] crash points:\n  ${log.join("\n  ")}`);
    expect(failed.join("\n")).toBe("");
  }, LONG ? 3_600_000 : 300_000);
});
