// The daemon in-process against the sandbox (demo data): triggered and scheduled runs of the real
// engine, and what /healthz and /metrics say about them. Runs are awaited through the scheduler's
// run-end events and log lines, never through time.
import "../connectors/salesforce/no-proxy.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { SHIPPED_MAPPINGS } from "../../src/cli/sync.command.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { LastRun } from "../../src/daemon/scheduler.js";
import { startDaemon, type Daemon } from "../../src/daemon/start-daemon.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import { openStore, type Store } from "../../src/store/store.js";
import { capturedLog, deferred, getJson, post, sample } from "./daemon-harness.js";

const OFF = { cron: "0 0 1 1 *", enabled: false };
/** The reconcile flow runs the CLI as a child process: the build (test/global-setup.ts makes it). */
const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ data: generateDemoData({ size: 40, seed: 5 }) });
}, 60_000);
afterAll(async () => {
  await sb?.close();
});

async function daemonWith(schedules: Record<string, unknown>, before?: (store: Store) => void) {
  const dir = mkdtempSync(join(tmpdir(), "ps-daemon-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ ...sb.config, store: { path: join(dir, "ps.db") }, daemon: { port: 0, schedules: { sync: { ...OFF, flow: "sync" }, reconcile: { ...OFF, flow: "reconcile" }, ...schedules } } }));
  const loaded = loadConfig({ file, env: {} });
  const store = openStore(loaded.config.store.path);
  before?.(store);
  const captured = capturedLog();
  const daemon = await startDaemon({ loaded, store, log: captured.log, mappingsDir: SHIPPED_MAPPINGS, cliPath: CLI });
  onTestFinished(async () => {
    await daemon.stop();
    store.close();
  });
  return { daemon, store, ...captured };
}

function nextRunEnd(daemon: Daemon, flow: string): Promise<LastRun> {
  return new Promise((resolve) => {
    const off = daemon.scheduler.onRunEnd((f, run) => {
      if (f !== flow) return;
      off();
      resolve(run);
    });
  });
}

describe("partner-sync daemon against the sandbox", () => {
  it("POST /trigger/sync runs a sync pass: 202 with the run id, then /healthz and /metrics show the run", async () => {
    const { daemon, store } = await daemonWith({});
    const ended = nextRunEnd(daemon, "sync");
    const r = await post(`${daemon.url}/trigger/sync`);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ flow: "sync", status: "started" });
    const runId = r.body.runId as string;
    expect(runId).toMatch(/^sync-/);
    const run = await ended;
    expect(run).toMatchObject({ runId, trigger: "trigger" });
    const stored = store.runs.get(runId)!;
    // The demo data holds records that are malformed on purpose: the pass ends quarantined, not failed.
    expect(stored.status).toBe("quarantined");
    expect(run.status).toBe(stored.status);
    expect(store.leases.get("sync")).toBeUndefined();

    const health = await getJson(`${daemon.url}/healthz`);
    expect(health.status).toBe("ok");
    expect(health.flows.sync).toMatchObject({ flow: "sync", running: null, lastRun: { runId, status: "quarantined", errorCode: null } });
    expect(health.lastRun).toMatchObject({ id: runId });

    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(sample(metrics, "partner_sync_runs_total", { flow: "sync", status: "quarantined" })).toBe(1);
    expect(sample(metrics, "partner_sync_runs_total", { flow: "sync", status: "failed" })).toBe(0);
    expect(sample(metrics, "partner_sync_run_duration_seconds_count", { flow: "sync", status: "quarantined" })).toBe(1);
    expect(sample(metrics, "partner_sync_last_success_timestamp_seconds", { flow: "sync" })).toBeGreaterThan(Date.parse(run.startedAt) / 1000 - 1);
    expect(sample(metrics, "partner_sync_records_read_total", { flow: "sync", entity: "Partner" })).toBe(stored.counts["Partner.read"]);
    const written = ["salesforce", "portal"].reduce((n, system) => n + (sample(metrics, "partner_sync_records_written_total", { flow: "sync", entity: "Partner", system }) ?? 0), 0);
    expect(written).toBe(stored.counts["Partner.written"]);
    expect(stored.counts["Partner.written"]).toBeGreaterThan(0);
    const quarantined = Object.entries(stored.counts).find(([k, n]) => k.endsWith(".quarantined") && n > 0)!;
    expect(sample(metrics, "partner_sync_records_quarantined_total", { flow: "sync", entity: quarantined[0].split(".")[0]! })).toBe(quarantined[1]);
    expect(sample(metrics, "partner_sync_flow_running", { flow: "sync" })).toBe(0);
  }, 120_000);

  it("a scheduled tick that finds the lease held by another process is skipped and logged at info; a trigger answers 409", async () => {
    const { daemon, waitFor, lines } = await daemonWith({ sync: { cron: "* * * * * *", flow: "sync" } }, (store) => {
      store.leases.acquire("sync", "other-host:4242:abcdef12", 600_000);
    });
    const skipped = await waitFor((l) => l.msg === "flow skipped: another process holds its lease");
    expect(skipped).toMatchObject({ level: 30, flow: "sync" });
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    const r = await post(`${daemon.url}/trigger/sync`);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ holder: "other-host:4242:abcdef12" });
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(sample(metrics, "partner_sync_runs_total", { flow: "sync", status: "skipped" })).toBeGreaterThanOrEqual(1);
    const health = await getJson(`${daemon.url}/healthz`);
    expect(health).toMatchObject({ status: "ok", flows: { sync: { lastRun: null } } });
    expect(health.flows.sync.lastSkippedAt).toEqual(expect.any(String));
  }, 60_000);

  it("a run that fails is logged with its run id and error code, /healthz says degraded (still 200), and the daemon goes on", async () => {
    const { daemon, waitFor } = await daemonWith({});
    const removeFault = sb.faults.add("portal", { kind: "status", status: 401, pathRegex: "^/api/objects" });
    onTestFinished(removeFault);
    const ended = nextRunEnd(daemon, "sync");
    const r = await post(`${daemon.url}/trigger/sync`);
    const run = await ended;
    expect(run).toMatchObject({ runId: r.body.runId, status: "failed", errorCode: "RUN_FAILED" });
    expect(await waitFor((l) => l.msg === "flow failed")).toMatchObject({ level: 50, runId: r.body.runId, errorCode: "RUN_FAILED" });
    const res = await fetch(`${daemon.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "degraded", failing: ["sync"], flows: { sync: { lastRun: { status: "failed" } } } });
    removeFault();
    const again = nextRunEnd(daemon, "sync");
    expect((await post(`${daemon.url}/trigger/sync`)).status).toBe(202);
    expect((await again).status).not.toBe("failed");
    expect((await getJson(`${daemon.url}/healthz`)).status).toBe("ok");
  }, 120_000);

  it("POST /trigger/reconcile runs a report-only reconcile: its totals reach /metrics, nothing is written", async () => {
    const { daemon, store } = await daemonWith({});
    sb.recorder.clear();
    const ended = nextRunEnd(daemon, "reconcile");
    const r = await post(`${daemon.url}/trigger/reconcile`);
    expect(r.status).toBe(202);
    expect(r.body.runId).toMatch(/^reconcile-/);
    const run = await ended;
    expect(run, `${run.errorCode}: ${run.error}`).toMatchObject({ status: "succeeded", runId: r.body.runId });
    const stored = store.runs.get(r.body.runId as string)!;
    expect(stored).toMatchObject({ kind: "reconcile", dryRun: true, status: "succeeded" });
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(sample(metrics, "partner_sync_reconcile_records", { flow: "reconcile", measure: "records" })).toBe(stored.counts.records);
    expect(stored.counts.records).toBeGreaterThan(0);
    expect(sample(metrics, "partner_sync_reconcile_records", { flow: "reconcile", measure: "drift" })).toBe(stored.counts.drift);
    const writes = Object.values(sb.recorder.counts().systems).flatMap((c) => Object.keys(c?.routes ?? {})).filter((m) => /^(PATCH|PUT|DELETE) |^POST (?!.*(token|query))/.test(m));
    expect(writes).toEqual([]);
    expect(store.leases.get("reconcile")).toBeUndefined();
  }, 120_000);

  it("a trigger while the flow runs in this daemon answers 409 with the running run's id", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-daemon-"));
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify({ store: { path: join(dir, "ps.db") }, daemon: { port: 0, schedules: { sync: { ...OFF, flow: "sync" } } } }));
    const loaded = loadConfig({ file, env: {} });
    const store = openStore(loaded.config.store.path);
    const release = deferred();
    const daemon = await startDaemon({
      loaded, store, log: capturedLog().log, mappingsDir: SHIPPED_MAPPINGS,
      runFlow: async (_n, _s, hooks) => {
        hooks.onRunId("sync-held");
        await release.promise;
        return { runId: "sync-held", status: "succeeded", error: null, errorCode: null, records: [] };
      },
    });
    onTestFinished(async () => {
      release.resolve();
      await daemon.stop();
      store.close();
    });
    expect(await post(`${daemon.url}/trigger/sync`)).toMatchObject({ status: 202, body: { runId: "sync-held" } });
    expect(await post(`${daemon.url}/trigger/sync`)).toMatchObject({ status: 409, body: { runId: "sync-held", holder: "this daemon" } });
    expect((await getJson(`${daemon.url}/healthz`)).flows.sync.running).toMatchObject({ runId: "sync-held", trigger: "trigger" });
    expect(sample(await (await fetch(`${daemon.url}/metrics`)).text(), "partner_sync_flow_running", { flow: "sync" })).toBe(1);
    const ended = nextRunEnd(daemon, "sync");
    release.resolve();
    await ended;
    expect(await post(`${daemon.url}/trigger/sync`)).toMatchObject({ status: 202 });
  });

  it("answers 404 for an unknown schedule and 405 for GET /trigger", async () => {
    const { daemon } = await daemonWith({});
    const r = await post(`${daemon.url}/trigger/nightly`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ schedules: ["sync", "nightly-full", "reconcile"] });
    expect((await fetch(`${daemon.url}/trigger/sync`)).status).toBe(405);
  });
});
