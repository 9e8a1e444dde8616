// The daemon's scheduled reconcile, run as `partner-sync reconcile --format summary --out FILE` in a
// child process with a heap of its own (`reconcile.heapMb`): a reconcile keeps every record of every
// system, the daemon streams within the launch line's 150 MB. A reconcile that outgrows its heap then
// fails its run — PS_E_HEAP_TOO_SMALL, with what to raise — instead of taking the daemon down.
//
// The child is the CLI as an operator runs it: same config file (its environment is inherited, secrets
// included), same mappings, the run id and instant the daemon chose. Its log lines (JSON on its stderr)
// are logged again through the daemon's logger; its summary (`--format summary`: run id and totals, a
// few hundred bytes whatever the org's size) is read back, then deleted.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pino from "pino";
import { exitCodeOf, HEAP_CHILD_ENV, nodeArgsWithHeap, outOfHeap, outOfHeapMessage } from "../cli/heap-bound.js";
import type { Logger } from "../log/logger.js";
import type { ReportSummary } from "../reports/reconcile-report.js";
import { SUMMARY_FORMAT } from "../reports/render-json.js";

export interface ReconcileChildOptions {
  /** `dist/cli.js`. */
  cliPath: string;
  heapMb: number;
  /** The config file layered on the defaults (`--config`), if any. */
  configFile: string | undefined;
  mappingsDir: string;
  runId: string;
  now: Date;
  entities?: readonly string[] | undefined;
  log: Logger;
  /** Aborted when the daemon stops and the grace period is over: the child is sent SIGTERM. */
  signal: AbortSignal;
}

export type ReconcileChildOutcome =
  | { ok: true; report: ReportSummary }
  | { ok: false; aborted: boolean; errorCode: string; error: string };

/** The command line of the child (node flags, script, arguments). */
export function reconcileChildArgs(o: Omit<ReconcileChildOptions, "log" | "signal">, logLevel: string, out: string, execArgv?: readonly string[]): string[] {
  return [
    ...nodeArgsWithHeap(o.heapMb, execArgv),
    o.cliPath,
    ...(o.configFile === undefined ? [] : ["--config", o.configFile]),
    "--log-level", logLevel,
    "reconcile", "--run-id", o.runId, "--now", o.now.toISOString(), "--mappings", o.mappingsDir,
    ...(o.entities?.length ? ["--entity", ...o.entities] : []),
    // The totals alone: the complete report grows with the org (≈ 120 MB at demo size 100,000), more
    // than this daemon's launch-line heap (150 MB) can parse, and nothing here reads more than its totals.
    "--format", "summary", "--out", out,
  ];
}

/** The CLI's error as the child printed it: its code, and its message's lines. */
interface CliError {
  code: string | undefined;
  lines: string[];
}

/** Why a child that ended with `code`/`signal` failed, in what partner ops should read at 2 a.m. */
export function childFailure(code: number | null, signal: NodeJS.Signals | null, cliError: CliError | null, heapMb: number): { errorCode: string; error: string } {
  if (outOfHeap(code, signal)) return { errorCode: "PS_E_HEAP_TOO_SMALL", error: outOfHeapMessage(heapMb) };
  if (signal === "SIGKILL") {
    return { errorCode: "RUN_FAILED", error: `the reconcile child process was killed (SIGKILL, exit 137): most often the kernel's out-of-memory killer, the machine or container having less memory than reconcile.heapMb (${heapMb} MB) lets the child take; give it more memory or lower reconcile.heapMb` };
  }
  if (cliError !== null) return { errorCode: cliError.code ?? "RUN_FAILED", error: cliError.lines.join("\n") };
  return { errorCode: "RUN_FAILED", error: `the reconcile child process exited with ${exitCodeOf(code, signal)}` };
}

/** What the child printed last on stderr that is not a log line: the CLI's `partner-sync: CODE: message`. */
const CLI_ERROR = /^partner-sync: (?:(PS_E_[A-Z_]+): )?(.*)$/;

export async function runReconcileChild(o: ReconcileChildOptions): Promise<ReconcileChildOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "partner-sync-reconcile-"));
  const out = join(dir, "summary.json");
  try {
    const child = spawn(process.execPath, reconcileChildArgs(o, o.log.level, out), {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, [HEAP_CHILD_ENV]: "1" },
      signal: o.signal,
      killSignal: "SIGTERM",
    });
    o.log.info({ pid: child.pid, heapMb: o.heapMb }, `reconcile started in a child process with a ${o.heapMb} MB heap (reconcile.heapMb)`);
    // The CLI's error: its `partner-sync: …` line and the lines after it (a config error lists every problem).
    let cliError: CliError | null = null;
    const lines = createInterface({ input: child.stderr });
    lines.on("line", (line) => {
      if (relog(o.log, line, child.pid) || line.trim() === "") return;
      const m = CLI_ERROR.exec(line);
      if (m) cliError = { code: m[1], lines: [m[2] as string] };
      else if (cliError !== null && cliError.lines.length < 50) cliError.lines.push(line);
      o.log.error({ pid: child.pid, stderr: line }, "reconcile child");
    });
    const { code, signal, spawnError } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>((resolve) => {
      child.once("error", (e) => {
        // An abort also arrives here (AbortError); the exit follows.
        if (e.name !== "AbortError") resolve({ code: null, signal: null, spawnError: e });
      });
      child.once("close", (c, s) => resolve({ code: c, signal: s }));
    });
    if (spawnError) return { ok: false, aborted: false, errorCode: "RUN_FAILED", error: `the reconcile child process did not start: ${spawnError.message}` };
    if (o.signal.aborted) return { ok: false, aborted: true, errorCode: "DAEMON_STOPPED", error: "the daemon stopped before the reconcile ended: its child process was sent SIGTERM" };
    if (code === 0) return { ok: true, report: readSummary(out) };
    return { ok: false, aborted: false, ...childFailure(code, signal, cliError as CliError | null, o.heapMb) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The child's `--format summary` file; an error naming the file when it holds something else. */
function readSummary(file: string): ReportSummary {
  const doc = JSON.parse(readFileSync(file, "utf8")) as Partial<ReportSummary> & { format?: unknown };
  if (doc.format !== SUMMARY_FORMAT || typeof doc.totals !== "object" || doc.totals === null) {
    throw new Error(`the reconcile child's summary ${file} is not ${SUMMARY_FORMAT} (format ${JSON.stringify(doc.format)})`);
  }
  return doc as ReportSummary;
}

/** A pino JSON line of the child, logged again at its level through `log` (which adds flow and run id). */
function relog(log: Logger, line: string, pid: number | undefined): boolean {
  if (!line.startsWith("{")) return false;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return false;
  }
  const label = typeof entry.level === "number" ? pino.levels.labels[entry.level] : undefined;
  if (label === undefined || !(label in log)) return false;
  const { level: _level, time: _time, pid: _pid, hostname: _host, msg, runId: _runId, ...fields } = entry;
  (log[label as pino.Level] as pino.LogFn)({ ...fields, childPid: pid }, typeof msg === "string" ? msg : "");
  return true;
}
