import { spawn } from "node:child_process";
import { describe, expect, it, onTestFinished } from "vitest";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { CLI, scratchDir } from "./run-cli.js";

describe("partner-sync daemon", () => {
  it("serves /healthz and /metrics, and stops cleanly on SIGTERM", async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_")));
    const child = spawn(process.execPath, [CLI, "daemon", "--log-level", "info"], {
      cwd: scratchDir(),
      env: { ...env, PARTNER_SYNC_DAEMON_PORT: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr += chunk;
        const m = /"url":"(http:\/\/[^"]+)"/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.once("exit", (code) => reject(new Error(`daemon exited ${code}: ${stderr}`)));
    });
    // A failed assertion below must not leave the daemon running.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", schemaVersion: SCHEMA_VERSION, lastRun: null });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain("partner_sync_process_cpu_seconds_total");
    expect(metrics).toContain("partner_sync_quarantine_open");
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("daemon stopped");
  });
});
