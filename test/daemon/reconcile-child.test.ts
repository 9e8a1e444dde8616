// The reconcile in a process of its own (cli/heap-bound.ts, daemon/reconcile-child.ts): a reconcile
// keeps every record of every system, so it never runs within the launch line's 150 MB heap. The
// daemon starts it as a child with `reconcile.heapMb`, and survives the child running out of heap or
// being stopped; the CLI started through the launch line starts itself again with that heap.
import "../connectors/salesforce/no-proxy.js";
import { spawn, type SpawnOptions } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
import { openStore } from "../../src/store/store.js";
import { capturedLog, getJson, post } from "./daemon-harness.js";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const OFF = { cron: "0 0 1 1 *", enabled: false };

// Large enough that its reconcile needs well over 64 MB of heap and runs for seconds.
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ data: generateDemoData({ size: 5_000, seed: 3 }) });
}, 120_000);
afterAll(async () => {
  await sb?.close();
});

function configFile(extra: Record<string, unknown>): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "ps-reconcile-child-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ ...sb.config, store: { path: join(dir, "ps.db") }, ...extra }));
  return { dir, file };
}

async function daemonWith(extra: Record<string, unknown>) {
  const { file } = configFile({ daemon: { port: 0, shutdownGraceSeconds: 0, schedules: { sync: { ...OFF, flow: "sync" }, reconcile: { ...OFF, flow: "reconcile" } } }, ...extra });
  const loaded = loadConfig({ file, env: {} });
  const store = openStore(loaded.config.store.path);
  const captured = capturedLog();
  const daemon = await startDaemon({ loaded, store, log: captured.log, mappingsDir: SHIPPED_MAPPINGS, cliPath: CLI, abortWaitMs: 30_000 });
  onTestFinished(async () => {
    await daemon.stop();
    store.close();
  });
  return { daemon, store, ...captured };
}

function nextRunEnd(daemon: Daemon): Promise<LastRun> {
  return new Promise((resolve) => {
    const off = daemon.scheduler.onRunEnd((_flow, run) => {
      off();
      resolve(run);
    });
  });
}

function run(command: string, args: string[], options: SpawnOptions): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the daemon's reconcile in a child process", () => {
  it("a reconcile that outgrows reconcile.heapMb fails its run with PS_E_HEAP_TOO_SMALL; the daemon goes on", async () => {
    const { daemon, store, waitFor } = await daemonWith({ reconcile: { heapMb: 64 } });
    const ended = nextRunEnd(daemon);
    const r = await post(`${daemon.url}/trigger/reconcile`);
    expect(r.status).toBe(202);
    const started = await waitFor((l) => l.msg.startsWith("reconcile started in a child process"));
    expect(started).toMatchObject({ heapMb: 64, runId: r.body.runId, flow: "reconcile" });
    const run = await ended;
    expect(run).toMatchObject({ runId: r.body.runId, status: "failed", errorCode: "PS_E_HEAP_TOO_SMALL" });
    // V8's abort in the child, or the child's own heap guard when it fills while reading: both name the way out.
    expect(run.error).toMatch(/(ran out of its 64 MB heap|the heap holds \d+ MB of its \d+ MB bound).*reconcile\.heapMb/);
    // The child never got to end its runs row: the daemon did.
    expect(store.runs.get(r.body.runId as string)).toMatchObject({ kind: "reconcile", status: "failed" });
    expect(alive(started.pid as number)).toBe(false);
    const health = await getJson(`${daemon.url}/healthz`);
    expect(health.flows.reconcile.lastRun).toMatchObject({ status: "failed", errorCode: "PS_E_HEAP_TOO_SMALL" });
    expect(store.leases.get("reconcile")).toBeUndefined();
  }, 120_000);

  it("stopping the daemon past its grace period ends the child: the run is aborted, nothing is left running", async () => {
    const { daemon, store, waitFor } = await daemonWith({});
    const ended = nextRunEnd(daemon);
    const r = await post(`${daemon.url}/trigger/reconcile`);
    const started = await waitFor((l) => l.msg.startsWith("reconcile started in a child process"));
    expect(started.heapMb).toBe(4096);
    // shutdownGraceSeconds 0: the stop aborts the flow at once, while the child reads.
    const stopped = await daemon.stop();
    expect(stopped.ended).toBe(true);
    const run = await ended;
    expect(run).toMatchObject({ runId: r.body.runId, status: "aborted", errorCode: "DAEMON_STOPPED" });
    expect(alive(started.pid as number)).toBe(false);
    expect(store.runs.get(r.body.runId as string)?.status ?? "never started").not.toBe("running");
  }, 120_000);
});

describe("partner-sync reconcile through the launch line", () => {
  it("starts itself again with reconcile.heapMb of heap and reports as usual", async () => {
    const { dir, file } = configFile({});
    const out = join(dir, "report.json");
    const line = readFileSync(CLI, "utf8").split("\n", 1)[0]!.slice("#!/usr/bin/env -S ".length);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_")));
    // Not spawnSync: the sandbox answers from this process.
    const r = await run("/usr/bin/env", ["-S", line, CLI, "--config", file, "reconcile", "--format", "json", "--out", out], { env: { ...env, NODE_OPTIONS: "" }, cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const restart = r.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => String(l.msg).startsWith("reconcile runs in a process with a 4096 MB heap"));
    expect(restart).toMatchObject({ heapMb: 4096 });
    expect(restart!.heapLimitMb as number).toBeLessThan(200);
    expect(r.stdout).toMatch(/^reconcile reconcile-\S+: differences found — \d+ records .* report in /);
    expect(existsSync(out)).toBe(true);
    const report = JSON.parse(readFileSync(out, "utf8")) as { totals: { records: number } };
    expect(report.totals.records).toBeGreaterThan(10_000);
  }, 120_000);
});
