// The sync engine against injected faults, each scenario on a fresh store against the same sandbox
// reset to its seed: a clean run is the reference, and every faulted run must end in exactly its
// state (records matched by external key and counted per object; see harness/state-compare.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MALFORMED_RECORDS } from "../../src/sandbox/demo/malformed.js";
import type { RequestCounts } from "../../src/sandbox/request-recorder.js";
import { startSandboxProcess, type SandboxProcess } from "./harness/sandbox-process.js";
import { callsBetween, differences, freshScenario, stateOf, writeCallsBetween } from "./harness/scenario.js";
import type { NormalState } from "./harness/state-compare.js";
import { readStoreTables, watermarksOf } from "./harness/store-tables.js";
import { describeRun, runSyncCli, writeSyncSetup } from "./harness/sync-process.js";

// Each scenario spawns whole sync runs (and storms wait out real Retry-After delays): minutes, not
// the suite's default 30 s, on a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000 });

const EXIT_QUARANTINED = 3;
const EXIT_RUN_FAILED = 1;

const nonEmpty = (tables: Record<string, unknown[]>) => Object.fromEntries(Object.entries(tables).filter(([, rows]) => rows.length > 0));

let sb: SandboxProcess;
let reference: NormalState;
let cleanCounts: RequestCounts;
let cleanStore: ReturnType<typeof readStoreTables>;

beforeAll(async () => {
  sb = await startSandboxProcess({ demoSize: 300, seed: 11 });
  const setup = await freshScenario(sb, "clean");
  const before = await sb.requests();
  const run = await runSyncCli(setup);
  // The demo data set holds malformed records: a clean run ends "quarantined".
  expect(run.code, describeRun(run)).toBe(EXIT_QUARANTINED);
  cleanCounts = await sb.requests();
  expect(Object.keys(writeCallsBetween(before, cleanCounts)).length, "the reference run writes something").toBeGreaterThan(0);
  reference = await stateOf(sb);
  cleanStore = readStoreTables(setup.storePath);
}, 120_000);

afterAll(async () => {
  await sb?.close();
});

describe("the reference run", () => {
  it("quarantines each malformed record of the demo data set, naming the record and the field, while the rest lands", () => {
    const quarantine = (cleanStore.quarantine ?? []) as { key: string; system: string; error_message: string; status: string }[];
    const missing: string[] = [];
    for (const m of MALFORMED_RECORDS) {
      const entry = quarantine.find((q) => q.key === String(m.id) || q.error_message.includes(String(m.id)));
      if (!entry) missing.push(`${m.system} ${m.object} ${m.id} (${m.problem} in ${m.field}): not quarantined`);
      else if (!entry.error_message.includes(m.field)) missing.push(`${m.system} ${m.object} ${m.id}: quarantined as "${entry.error_message}", which does not name ${m.field} (${m.problem})`);
    }
    expect(missing, missing.join("\n")).toEqual([]);
    const outcomes = (cleanStore.outcomes ?? []) as { result: string }[];
    expect(outcomes.filter((o) => o.result === "ok").length).toBeGreaterThan(quarantine.length * 5);
  });
});

describe("a second run with no changes", () => {
  it("writes nothing to any system", async () => {
    const setup = await freshScenario(sb, "second");
    expect((await runSyncCli(setup)).code).toBe(EXIT_QUARANTINED);
    const before = await sb.requests();
    const second = await runSyncCli(setup);
    const after = await sb.requests();
    expect(second.code, describeRun(second)).toBe(EXIT_QUARANTINED);
    expect(writeCallsBetween(before, after), describeRun(second)).toEqual({});
    expect(differences(await stateOf(sb), reference)).toBe("");
  });
});

describe("--dry-run", () => {
  it("makes no write call and leaves the store file's tables unchanged, though it has writes to plan", async () => {
    const setup = await freshScenario(sb, "dry");
    const storeBefore = readStoreTables(setup.storePath);
    const before = await sb.requests();
    const dry = await runSyncCli(setup, ["--dry-run"]);
    const after = await sb.requests();
    expect([0, EXIT_QUARANTINED], describeRun(dry)).toContain(dry.code);
    expect(writeCallsBetween(before, after), describeRun(dry)).toEqual({});
    // A first dry run may create the store file with its schema, but no row in any table.
    expect(nonEmpty(readStoreTables(setup.storePath))).toEqual(nonEmpty(storeBefore));
    // It did read, and the real run after it still has everything to write.
    expect(callsBetween(before, after, "portal", "GET /api/objects/v1/:object")).toBeGreaterThan(0);
    const real = await runSyncCli(setup);
    expect(real.code, describeRun(real)).toBe(EXIT_QUARANTINED);
    expect(differences(await stateOf(sb), reference)).toBe("");
  });

  it("after a real run, still writes nothing and changes no table", async () => {
    const setup = await freshScenario(sb, "dry-after");
    expect((await runSyncCli(setup)).code).toBe(EXIT_QUARANTINED);
    const storeBefore = readStoreTables(setup.storePath);
    const before = await sb.requests();
    const dry = await runSyncCli(setup, ["--dry-run", "--full"]);
    expect(writeCallsBetween(before, await sb.requests()), describeRun(dry)).toEqual({});
    expect(readStoreTables(setup.storePath)).toEqual(storeBefore);
  });
});

describe("429/503 storms", () => {
  it("are waited out (Retry-After in seconds and as an HTTP-date) and the run ends in the clean state", async () => {
    const setup = await freshScenario(sb, "storm");
    await sb.addFault("salesforce", { kind: "status", status: 503, retryAfter: 1, after: 3, every: 3, times: 6 });
    await sb.addFault("salesforce", { kind: "status", status: 429, retryAfter: 1, retryAfterFormat: "http-date", method: "PATCH", times: 2 });
    await sb.addFault("portal", { kind: "status", status: 429, retryAfter: 1, after: 2, every: 4, times: 6 });
    await sb.addFault("portal", { kind: "status", status: 503, retryAfter: 1, retryAfterFormat: "http-date", method: "PATCH", times: 2 });
    const before = await sb.requests();
    const run = await runSyncCli(setup);
    const after = await sb.requests();
    expect(run.code, describeRun(run)).toBe(EXIT_QUARANTINED);
    const faulted = ["salesforce", "portal"].map((s) => (after.systems[s as "portal"]?.statuses["429"] ?? 0) + (after.systems[s as "portal"]?.statuses["503"] ?? 0) - (before.systems[s as "portal"]?.statuses["429"] ?? 0) - (before.systems[s as "portal"]?.statuses["503"] ?? 0));
    expect(faulted, "every injected 429/503 was served").toEqual([8, 8]);
    expect(differences(await stateOf(sb), reference)).toBe("");
  });
});

describe("Salesforce session expiry mid-run", () => {
  it("is refreshed and the run completes in the clean state", async () => {
    const setup = await freshScenario(sb, "session");
    await sb.hook("POST", "/salesforce-faults", { faults: { sessionExpiresAfterCalls: 15 } });
    const before = await sb.requests();
    const run = await runSyncCli(setup);
    const after = await sb.requests();
    expect(run.code, describeRun(run)).toBe(EXIT_QUARANTINED);
    expect(callsBetween(before, after, "salesforce", "POST /services/oauth2/token"), "new tokens were fetched").toBeGreaterThan(1);
    expect((after.systems.salesforce?.statuses["401"] ?? 0) - (before.systems.salesforce?.statuses["401"] ?? 0)).toBeGreaterThan(0);
    expect(differences(await stateOf(sb), reference)).toBe("");
  });
});

describe("API budget exhaustion", () => {
  const sfCallsOfCleanRun = () => Object.values(cleanCounts.systems.salesforce?.routes ?? {}).reduce((a, b) => a + b, 0);

  it("by the run's own cap (maxCallsPerRun): a clean stop with exit 1, checkpoint kept; the next run resumes to the clean state", async () => {
    const cap = Math.max(5, Math.floor(sfCallsOfCleanRun() / 2));
    const capped = await freshScenario(sb, "budget-cap", { sync: { salesforce: { maxCallsPerRun: cap } } });
    const stopped = await runSyncCli(capped);
    expect(stopped.code, describeRun(stopped)).toBe(EXIT_RUN_FAILED);
    expect(stopped.stderr + stopped.stdout).toMatch(/budget|cap/i);
    const kept = readStoreTables(capped.storePath);
    expect(watermarksOf(kept).length, "pages finished before the stop are checkpointed").toBeGreaterThan(0);
    expect((kept.runs as { status: string }[]).map((r) => r.status)).toEqual(["aborted"]);
    // The same store, without the cap.
    const uncapped = { ...writeSyncSetup(sb.dir, "budget-uncapped", sb.config.systems, { leases: { ttlSeconds: 5 } }), storePath: capped.storePath };
    const resumed = await runSyncCli(uncapped);
    expect(resumed.code, describeRun(resumed)).toBe(EXIT_QUARANTINED);
    expect(differences(await stateOf(sb), reference)).toBe("");
  });

  it("by the org's daily limit (REQUEST_LIMIT_EXCEEDED): a clean stop with exit 1; the next run resumes to the clean state", async () => {
    const setup = await freshScenario(sb, "budget-org");
    await sb.hook("POST", "/salesforce-faults", { faults: { apiBudgetRemaining: Math.floor(sfCallsOfCleanRun() / 2) } });
    const stopped = await runSyncCli(setup);
    expect(stopped.code, describeRun(stopped)).toBe(EXIT_RUN_FAILED);
    expect((readStoreTables(setup.storePath).runs as { status: string }[]).map((r) => r.status)).toEqual(["aborted"]);
    await sb.hook("POST", "/salesforce-faults", { faults: { apiBudgetRemaining: 90_000 } });
    const resumed = await runSyncCli(setup);
    expect(resumed.code, describeRun(resumed)).toBe(EXIT_QUARANTINED);
    expect(differences(await stateOf(sb), reference)).toBe("");
  });
});

describe("UNABLE_TO_LOCK_ROW once on some records", () => {
  it("does not lose them: they land and the run ends in the clean state", async () => {
    const written = ((cleanStore.outcomes ?? []) as { entity: string; key: string; system: string; action: string; result: string }[])
      .filter((o) => o.entity === "DealRegistration" && o.system === "salesforce" && o.action === "update" && o.result === "ok")
      .slice(0, 5)
      .map((o) => o.key);
    expect(written.length).toBe(5);
    const setup = await freshScenario(sb, "lock");
    await sb.hook("POST", "/salesforce-faults", {
      faults: { recordErrors: written.map((externalId) => ({ sobject: "Deal_Registration__c", externalId, code: "UNABLE_TO_LOCK_ROW", message: "unable to obtain exclusive access to this record", times: 1 })) },
    });
    const run = await runSyncCli(setup);
    expect(run.code, describeRun(run)).toBe(EXIT_QUARANTINED);
    expect(differences(await stateOf(sb), reference)).toBe("");
  });
});
