// `partner-sync reconcile [--entity E…] [--apply] [--format table|json|md|summary] [--out FILE] [--now ISO]`:
// compares every record of the three systems and reports, per entity, what matches, what is missing,
// which fields drift from their owner, conflicts, quarantine, and what the program rules found.
// Without --apply nothing is written anywhere but the run's `runs` row. Finding differences is not a
// failure: exit 0 with the counts; 3 only when --apply could not make some of the repairs.
import { randomUUID } from "node:crypto";
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { Command, Option } from "commander";
import { ENTITY_NAMES } from "../mapping/canonical-fields.js";
import { didYouMean } from "../mapping/did-you-mean.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../log/logger.js";
import { isClean, type ReconcileReport, type ReportSummary } from "../reports/reconcile-report.js";
import { renderJsonChunks, renderSummaryJson } from "../reports/render-json.js";
import { renderMarkdown } from "../reports/render-md.js";
import { renderTable } from "../reports/render-table.js";
import { PartnerSyncError } from "../errors.js";
import { defaultRulesConfig } from "../rules/rules-config.schema.js";
import type { Store } from "../store/store.js";
import { compileMappings } from "../mapping/compile.js";
import { buildBankingSpec } from "../sync/entity-specs.js";
import { openSystems } from "../sync/open-systems.js";
import { runReconcile, type ReconcileSession } from "../sync/reconcile-run.js";
import { createRunnerSession } from "../sync/reconcile-session.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { exitCodeOf, heapLimitMb, needsOwnHeap, outOfHeap, outOfHeapMessage, rerunWithHeap } from "./heap-bound.js";
import { loadFor, loggerFor, storeFor } from "./global-options.js";
import { readMappings, SHIPPED_MAPPINGS, specsFor } from "./sync.command.js";

/** `summary`: the run id and totals as JSON (render-json.ts `renderSummaryJson`), what the daemon reads. */
export type ReportFormat = "table" | "json" | "md" | "summary";

export interface ReconcileCliOptions {
  entity?: string[];
  /** Folder of mapping files (default the shipped ones). */
  mappings?: string;
  apply?: boolean;
  format: ReportFormat;
  out?: string;
  now?: string;
  /** The run's id, chosen by a parent that starts this command (the daemon): `reconcile-…`. */
  runId?: string;
}

export interface ReconcileIo {
  store: Store;
  session: ReconcileSession;
  runId: string;
  clock: () => Date;
  /** Writes the report's text, given in pieces (the complete JSON is never one string: renderJsonChunks). */
  writeFile: (path: string, chunks: Iterable<string>) => void;
}

export interface ReconcileCliOutcome {
  code: ExitCode;
  stdout: string;
  stderr: string;
  report?: ReconcileReport;
}

/** What the command needs from the sync runner for one run (connectors from config, lease for --apply). */
export type SessionFactory = (ctx: { loaded: LoadedConfig; store: Store; log: Logger; runId: string; apply: boolean; now: Date; mappingsDir: string }) => Promise<ReconcileSession>;

/** The run id a parent (the daemon) chose for the child it starts: it knows the run before the child does. */
const RUN_ID = /^reconcile-[A-Za-z0-9-]{1,64}$/;

/** Checks the options that need no I/O; a message for the user, or the parsed instant. */
export function checkOptions(opts: ReconcileCliOptions, clock: () => Date): { ok: true; now: Date } | { ok: false; message: string } {
  for (const e of opts.entity ?? []) {
    if (!(ENTITY_NAMES as readonly string[]).includes(e)) return { ok: false, message: `unknown entity "${e}"${didYouMean(e, ENTITY_NAMES)}; one of ${ENTITY_NAMES.join(", ")}` };
  }
  if (opts.runId !== undefined && !RUN_ID.test(opts.runId)) return { ok: false, message: `--run-id "${opts.runId}" is not reconcile-<letters, digits, ->` };
  if (opts.now === undefined) return { ok: true, now: clock() };
  // An instant without an offset would mean a different moment on every host.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(opts.now) || Number.isNaN(Date.parse(opts.now))) {
    return { ok: false, message: `--now "${opts.now}" is not an ISO-8601 date or instant with an offset (2026-05-07 or 2026-05-07T12:00:00Z)` };
  }
  return { ok: true, now: new Date(opts.now) };
}

/** The report in the chosen format, in pieces: the complete JSON is never one string (renderJsonChunks). */
export function render(report: ReconcileReport, format: ReportFormat, complete: boolean): Iterable<string> {
  if (format === "json") return renderJsonChunks(report);
  if (format === "summary") return [renderSummaryJson(report)];
  const maxRows = complete ? Infinity : undefined;
  return [format === "md" ? renderMarkdown(report, maxRows === undefined ? {} : { maxRows }) : renderTable(report, maxRows === undefined ? {} : { maxRows })];
}

export function summaryLine(r: ReportSummary): string {
  const t = r.totals;
  const verdict = isClean(r) ? "everything matched" : "differences found";
  const applied = r.applied ? ` · applied ${r.applied.succeeded}/${r.applied.attempted} writes, ${r.applied.failed} failed` : "";
  return `reconcile ${r.header.runId}: ${verdict} — ${t.records} records · ${t.matched} matched · ${t.missing} missing · ${t.drift} drift · ${t.conflicts} conflicts · ${t.quarantined} quarantined · ${t.violations} violations · ${t.actions} actions${applied}`;
}

/** The whole command minus process plumbing, so tests drive it with a fake session and a memory store. */
export async function executeReconcile(opts: ReconcileCliOptions, io: ReconcileIo): Promise<ReconcileCliOutcome> {
  const checked = checkOptions(opts, io.clock);
  if (!checked.ok) return { code: EXIT.USAGE, stdout: "", stderr: `reconcile: ${checked.message}\n` };
  const { report } = await runReconcile(io.store, io.session, {
    runId: io.runId, now: checked.now, apply: opts.apply === true, ...(opts.entity?.length ? { entities: opts.entity } : {}),
  });
  const code = (report.applied?.failed ?? 0) > 0 ? EXIT.QUARANTINED : EXIT.OK;
  if (opts.out !== undefined) {
    io.writeFile(opts.out, render(report, opts.format, true));
    return { code, stdout: `${summaryLine(report)} · report in ${opts.out}\n`, stderr: "", report };
  }
  return { code, stdout: [...render(report, opts.format, false)].join(""), stderr: `${summaryLine(report)}\n`, report };
}

/** The sync runner's full read, decide, planner and apply over the configured systems. */
export const runnerSessionFactory: SessionFactory = async ({ loaded, store, log, runId, apply, now, mappingsDir }) => {
  const mappings = readMappings(mappingsDir);
  if (!mappings.ok) throw new PartnerSyncError("PS_E_CONFIG_FILE", mappings.message, { details: { dir: mappingsDir } });
  const systems = openSystems(loaded, store, log, () => runId);
  try {
    const bankingSpec = buildBankingSpec(mappings.mappings, compileMappings(mappings.mappings));
    return createRunnerSession({
      store, access: systems.access, specs: specsFor(loaded, mappings.mappings), ...(bankingSpec ? { bankingSpec } : {}), rules: loaded.config.sync.rules ?? defaultRulesConfig, log,
      runId, now, apply, batchSize: loaded.config.sync.batchSize, bulkThreshold: loaded.config.sync.bulkThreshold, leaseTtlMs: loaded.config.leases.ttlSeconds * 1000, onClose: systems.close,
      ...(loaded.config.sync.salesforce.ownerIdOnCreate ? { sfOwnerIdOnCreate: loaded.config.sync.salesforce.ownerIdOnCreate } : {}),
    });
  } catch (e) {
    systems.close();
    throw e;
  }
};

/**
 * The report file, written a megabyte at a time as it is rendered, under a temporary name renamed over
 * `path` once complete: a reader (the daemon, a script) never sees half a report, and a failed write
 * leaves the previous file as it was.
 */
export function writeInPieces(path: string, chunks: Iterable<string>): void {
  const partial = `${path}.partial-${process.pid}`;
  const fd = openSync(partial, "w");
  let open = true;
  const flush = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  };
  try {
    let buffered: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      buffered.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) {
        flush(buffered.join(""));
        buffered = [];
        size = 0;
      }
    }
    flush(buffered.join(""));
    closeSync(fd);
    open = false;
    renameSync(partial, path);
  } catch (e) {
    if (open) closeSync(fd);
    rmSync(partial, { force: true });
    throw e;
  }
}

export interface ReconcileCommandOptions {
  /** Start this command line again with `reconcile.heapMb` of heap when this process has less (src/cli.ts only). */
  rerunWithOwnHeap?: boolean;
}

export function reconcileCommand(createSession: SessionFactory = runnerSessionFactory, options: ReconcileCommandOptions = {}): Command {
  return new Command("reconcile")
    .description("compare every record of the three systems and report matched, missing, drift, conflicts, quarantine and policy findings; --apply repairs")
    .option("--entity <name...>", "only these canonical entities (Partner, DealRegistration, …)")
    .option("--apply", "make the repairs (without it, nothing is written to any system)")
    .addOption(new Option("--format <format>", "report format").choices(["table", "json", "md", "summary"]).default("table"))
    .option("--out <file>", "write the complete report to a file; stdout gets a one-line summary")
    .option("--now <instant>", "evaluation instant of the rules (ISO-8601 with offset; default now)")
    .option("--mappings <dir>", "folder of mapping files", SHIPPED_MAPPINGS)
    .addOption(new Option("--run-id <id>", "the run's id (the daemon names the reconcile it starts)").hideHelp())
    .addHelpText("after", "\nExit codes: 0 finished (differences are in the report, not an error) · 1 run failed · 2 usage or configuration error · 3 --apply finished but some repairs failed (quarantined)")
    .action(async (opts: ReconcileCliOptions, cmd: Command) => {
      const clock = () => new Date();
      const checked = checkOptions(opts, clock);
      if (!checked.ok) {
        process.stderr.write(`reconcile: ${checked.message}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const loaded = loadFor(cmd);
      const log = loggerFor(cmd, loaded);
      const { heapMb } = loaded.config.reconcile;
      if (options.rerunWithOwnHeap === true && needsOwnHeap(heapMb)) {
        // It keeps every record of every system: not within the launch line's bound (README "Memory bounds").
        log.info({ heapMb, heapLimitMb: heapLimitMb() }, `reconcile runs in a process with a ${heapMb} MB heap (reconcile.heapMb), this one has ${heapLimitMb()} MB`);
        const { code, signal } = await rerunWithHeap(heapMb);
        if (outOfHeap(code, signal)) {
          process.stderr.write(`partner-sync: PS_E_HEAP_TOO_SMALL: ${outOfHeapMessage(heapMb)}\n`);
          process.exitCode = EXIT.RUN_FAILED;
        } else {
          process.exitCode = exitCodeOf(code, signal);
        }
        return;
      }
      const store = storeFor(loaded);
      const runId = opts.runId ?? `reconcile-${randomUUID()}`;
      let session: ReconcileSession | undefined;
      try {
        session = await createSession({ loaded, store, log, runId, apply: opts.apply === true, now: checked.now, mappingsDir: opts.mappings ?? SHIPPED_MAPPINGS });
        const r = await executeReconcile(opts, { store, session, runId, clock: () => checked.now, writeFile: writeInPieces });
        process.stdout.write(r.stdout);
        process.stderr.write(r.stderr);
        if (r.code !== EXIT.OK) process.exitCode = r.code;
      } finally {
        await session?.close?.();
        store.close();
      }
    });
}
