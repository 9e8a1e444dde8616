// A command that needs more heap than the process it was started in (a reconcile keeps every record
// of every system) runs in a node process of its own: this process's node flags without its memory
// bounds, plus `--max-old-space-size` of the configured size. The launch line's 150 MB stays the bound
// of everything that streams (sync, the daemon); the CLI starts itself again, the daemon a child.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { getHeapStatistics } from "node:v8";

const MB = 2 ** 20;

/** Set in a process started with its own heap: it never starts another, whatever V8 reports. */
export const HEAP_CHILD_ENV = "PARTNER_SYNC_HEAP_CHILD";

/** This process's heap bound in MB (old space plus the young generation, V8's `heap_size_limit`). */
export function heapLimitMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / MB);
}

/** Whether a command needing `heapMb` of old space must run in a process of its own. */
export function needsOwnHeap(heapMb: number, env: NodeJS.ProcessEnv = process.env): boolean {
  return env[HEAP_CHILD_ENV] !== "1" && heapLimitMb() < heapMb;
}

const MEMORY_BOUND = /^--max[-_](old|semi)[-_]space[-_]size(=|$)/;

/** Node's flags for a process with `heapMb` of old space: `execArgv` without its own heap bounds. */
export function nodeArgsWithHeap(heapMb: number, execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (!MEMORY_BOUND.test(arg)) kept.push(arg);
    else if (!arg.includes("=")) i++; // `--max-old-space-size 160`: its value too
  }
  return [...kept, `--max-old-space-size=${heapMb}`];
}

/** The exit code of a process that ended by `signal`, as a shell reports it (SIGABRT → 134). */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}

/**
 * Runs this very command line again in a process with `heapMb` of old space, its output on this
 * process's terminal, and resolves with its exit code. SIGINT and SIGTERM are passed on: this process
 * only waits for the child.
 */
export function rerunWithHeap(heapMb: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [...nodeArgsWithHeap(heapMb), ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [HEAP_CHILD_ENV]: "1" },
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve({ code, signal });
    });
  });
}

/** Whether a node process ended in V8's out-of-memory abort (SIGABRT; 134 through a shell). */
export function outOfHeap(code: number | null, signal: NodeJS.Signals | null): boolean {
  return signal === "SIGABRT" || code === 134;
}

export function outOfHeapMessage(heapMb: number): string {
  return `the reconcile ran out of its ${heapMb} MB heap (it keeps every record of every system): raise reconcile.heapMb (config file, or PARTNER_SYNC_RECONCILE_HEAP_MB) — about 2,700 MB for 557,000 records (README "Memory bounds")`;
}
