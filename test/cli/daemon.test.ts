// `partner-sync daemon` as the Docker image runs it: the built CLI in a child process (signals are
// real), against a sandbox served by this process. Every wait is on a log line or an exit.
import "../connectors/salesforce/no-proxy.js";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/store.js";
import { CLI, scratchDir } from "./run-cli.js";

const OFF = { sync: { cron: "0 0 1 1 *", flow: "sync", enabled: false }, reconcile: { cron: "0 0 1 1 *", flow: "reconcile", enabled: false } };

interface Daemon {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr(): string;
  /** Resolves with the first log line (already written or to come) that has this msg. */
  line(msg: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

async function spawnDaemon(config: Record<string, unknown>): Promise<Daemon> {
  const dir = scratchDir();
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_")));
  const child = spawn(process.execPath, [CLI, "--config", file, "daemon", "--log-level", "info"], { cwd: dir, env: { ...env, PARTNER_SYNC_DAEMON_PORT: "0" }, stdio: ["pipe", "pipe", "pipe"] });
  // A failed assertion must not leave the daemon running.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let stderr = "";
  const waiters: { msg: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.stderr.setEncoding("utf8");
  let partial = "";
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    for (const text of parts) {
      if (!text.startsWith("{")) continue;
      const l = JSON.parse(text) as Record<string, unknown>;
      lines.push(l);
      for (const w of [...waiters]) if (l.msg === w.msg) { waiters.splice(waiters.indexOf(w), 1); w.resolve(l); }
    }
  });
  const line = (msg: string) => {
    const hit = lines.find((l) => l.msg === msg);
    if (hit) return Promise.resolve(hit);
    return Promise.race([
      new Promise<Record<string, unknown>>((resolve) => waiters.push({ msg, resolve })),
      exited.then((code) => { throw new Error(`daemon exited ${code} before logging "${msg}":\n${stderr}`); }),
    ]);
  };
  const started = await line("daemon started");
  return { child, url: started.url as string, stderr: () => stderr, line, exited };
}

describe("partner-sync daemon", () => {
  it("serves /healthz and /metrics, and stops cleanly on SIGTERM", async () => {
    const d = await spawnDaemon({ store: { path: join(scratchDir(), "ps.db") }, daemon: { schedules: OFF } });
    const health = await fetch(`${d.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", schemaVersion: SCHEMA_VERSION, lastRun: null, flows: { sync: { enabled: false, lastRun: null }, reconcile: { enabled: false } } });
    const metrics = await (await fetch(`${d.url}/metrics`)).text();
    expect(metrics).toContain("partner_sync_process_cpu_seconds_total");
    expect(metrics).toContain("partner_sync_quarantine_open");
    expect(metrics).toContain('partner_sync_runs_total{flow="sync",status="failed"} 0');
    expect((await fetch(`${d.url}/nope`)).status).toBe(404);
    d.child.kill("SIGTERM");
    expect(await d.exited).toBe(0);
    expect(d.stderr()).toContain("daemon stopped");
  });

  it("refuses to start (exit 2) on a schedule whose cron expression is invalid, naming the key", async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "c.json"), JSON.stringify({ daemon: { schedules: { sync: { cron: "*/5 * * *", flow: "sync" } } } }));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_")));
    const child = spawn(process.execPath, [CLI, "--config", join(dir, "c.json"), "daemon"], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/daemon\.schedules\.sync\.cron: not a cron expression.*expected 5 or 6 fields but got 4/);
  });

  describe("SIGTERM during a run (sandbox)", () => {
    let sb: Sandbox;
    beforeAll(async () => {
      sb = await startSandbox({ data: generateDemoData({ size: 40, seed: 7 }) });
    }, 60_000);
    afterAll(async () => {
      await sb?.close();
    });

    async function runningDaemon(shutdownGraceSeconds: number) {
      const db = join(mkdtempSync(join(tmpdir(), "ps-daemon-")), "ps.db");
      const d = await spawnDaemon({ ...sb.config, store: { path: db }, daemon: { schedules: OFF, shutdownGraceSeconds } });
      sb.reset();
      const r = await fetch(`${d.url}/trigger/sync`, { method: "POST" });
      expect(r.status).toBe(202);
      const { runId } = (await r.json()) as { runId: string };
      // The engine logs "reading" once it holds the lease, has its runs row and reads an entity.
      await d.line("reading");
      d.child.kill("SIGTERM");
      return { d, db, runId };
    }

    it("lets the running flow finish, releases the lease, closes the store and exits 0", async () => {
      const { d, db, runId } = await runningDaemon(60);
      expect(await d.line("waiting for the running flow to finish")).toMatchObject({ flows: [{ flow: "sync", runId }] });
      expect(await d.exited).toBe(0);
      expect(await d.line("daemon stopped")).toMatchObject({ flowsEnded: true });
      const store = openStore(db);
      try {
        expect(store.runs.get(runId)?.status).toBe("quarantined");
        expect(store.leases.get("sync")).toBeUndefined();
      } finally {
        store.close();
      }
    }, 120_000);

    it("past the grace period the run stops at its next checkpoint (lease taken back), and the daemon still exits 0", async () => {
      const { d, db, runId } = await runningDaemon(0);
      expect(await d.line("grace period over: the flow stops at its next checkpoint")).toMatchObject({ runId, lease: "sync" });
      expect(await d.line("flow failed")).toMatchObject({ runId, errorCode: "PS_E_LEASE_LOST" });
      expect(await d.exited).toBe(0);
      const store = openStore(db);
      try {
        expect(store.runs.get(runId)).toMatchObject({ status: "failed", error: expect.stringContaining("lease was lost") });
        expect(store.leases.get("sync")).toBeUndefined();
      } finally {
        store.close();
      }
    }, 120_000);
  });
});
