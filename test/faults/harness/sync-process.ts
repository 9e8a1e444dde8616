// Runs `node dist/cli.js sync …` as a user would, against a sandbox, with its own config and store
// file — and, for the crash tests, kills it with SIGKILL after a given delay.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));

export interface SyncSetup {
  configFile: string;
  storePath: string;
  /** --now: the rules' evaluation instant, fixed so two runs derive the same values. */
  now: string;
}

export interface SyncResult {
  /** Exit code, or null when killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the run was SIGKILLed by us (it had not finished). */
  killed: boolean;
  stdout: string;
  /** The last 20 kB. */
  stderr: string;
  ms: number;
}

/** Writes a config file: the sandbox's `systems` section plus `sync`/`leases` overrides. */
export function writeSyncSetup(dir: string, name: string, systems: unknown, overrides: Record<string, unknown> = {}, now = "2026-11-15T12:00:00Z"): SyncSetup {
  const configFile = join(dir, `${name}.config.json`);
  writeFileSync(configFile, JSON.stringify({ ...overrides, systems }));
  return { configFile, storePath: join(dir, `${name}.db`), now };
}

export interface RunOptions {
  /** SIGKILL the run this many ms after it was spawned (if it is still running). */
  killAfterMs?: number;
  /**
   * SIGKILL the run as soon as this answers true (asked every 25 ms): with a sandbox fault that holds a
   * request unanswered, the kill lands at a known point of the run instead of an instant in time.
   */
  killWhen?: () => Promise<boolean>;
  /** A run that takes longer fails the test with what it printed (default 120 s). */
  timeoutMs?: number;
}

/**
 * The test's environment without PARTNER_SYNC_* variables: the config loader refuses unknown ones
 * and a developer's own settings must not leak in.
 */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PARTNER_SYNC_")));
}

export function runSyncCli(setup: SyncSetup, args: readonly string[] = [], options: RunOptions = {}): Promise<SyncResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "--config", setup.configFile, "--log-level", "warn", "sync", "--now", setup.now, ...args], {
    env: { ...childEnv(), PARTNER_SYNC_STORE_PATH: setup.storePath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString("utf8")).slice(-20_000)));
  let killed = false;
  const killTimer = options.killAfterMs === undefined ? undefined : setTimeout(() => {
    killed = child.kill("SIGKILL");
  }, options.killAfterMs);
  const { killWhen } = options;
  const poll = killWhen === undefined ? undefined : setInterval(() => {
    void killWhen().then((yes) => {
      if (yes && child.exitCode === null && !killed) killed = child.kill("SIGKILL");
    }, () => undefined);
  }, 25);
  const timeout = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(killTimer);
      clearInterval(poll);
      clearTimeout(timeout);
      const ms = performance.now() - started;
      if (signal === "SIGKILL" && !killed) {
        reject(new Error(`sync timed out after ${Math.round(ms)} ms:\n${stdout}\n${stderr}`));
        return;
      }
      resolve({ code, signal, killed: killed && code === null, stdout, stderr, ms });
    });
  });
}

/** A one-line account of a run for assertion messages. */
export function describeRun(r: SyncResult): string {
  return `exit ${r.code ?? r.signal} after ${Math.round(r.ms)} ms\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`;
}
