// The flows a schedule names, with the engine the CLI uses: `sync` is exactly
// `partner-sync sync [--entity …] [--full]`, run in-process; `reconcile` is `partner-sync reconcile
// [--entity …]` without --apply (a report: nothing written to any system, only its runs row), run as a
// child process with the heap `reconcile.heapMb` (reconcile-child.ts): it keeps every record.
//
// Leases: sync takes the engine's "sync" lease itself. A report-only reconcile takes none in the
// engine (it may run beside a sync); the daemon holds a "reconcile" lease around it so two daemons
// sharing a store do not both run the nightly report. A held lease is `skipped`, never a failure.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../log/logger.js";
import type { Store } from "../store/store.js";
import { holdLease } from "../sync/run-lease.js";
import type { RunSummary } from "../sync/run-summary.js";
import { summaryLine } from "../cli/reconcile.command.js";
import { prepareSyncPass, runSyncPass } from "../cli/sync-pass.js";
import { isPartnerSyncError, PartnerSyncError } from "../errors.js";
import { failed, type FlowResult, type FlowRunner, type RecordCounts, type RunHooks } from "./flow-result.js";
import { runReconcileChild } from "./reconcile-child.js";
import type { Schedule, Schedules } from "./schedule.schema.js";

/** The store lease a flow runs under (what a trigger checks before answering 409). */
export function leaseNameOf(schedule: Schedule): string {
  return schedule.flow === "sync" ? "sync" : "reconcile";
}

export interface EngineDeps {
  loaded: LoadedConfig;
  store: Store;
  log: Logger;
  mappingsDir: string;
  /** The CLI a reconcile runs as a child of (default this build's `dist/cli.js`; tests from src/ name it). */
  cliPath?: string;
}

/** `dist/cli.js` beside this module's `dist/daemon/`. */
const CLI_PATH = fileURLToPath(new URL("../cli.js", import.meta.url));

/** Mapping files and entity names of every enabled-or-not schedule, checked once at start: a problem refuses the daemon. */
export function checkSchedules(loaded: LoadedConfig, schedules: Schedules, mappingsDir: string): void {
  const problems: string[] = [];
  for (const [name, s] of Object.entries(schedules)) {
    if (s.flow !== "sync") continue;
    const prep = prepareSyncPass(loaded, mappingsDir, s.entities);
    if (!prep.ok) problems.push(prep.problem === "entity" ? `daemon.schedules.${name}.entities: ${prep.message}` : prep.message);
  }
  if (problems.length > 0) throw new PartnerSyncError("PS_E_CONFIG_FILE", [...new Set(problems)].join("\n"), { details: { mappingsDir } });
}

export function engineFlows(deps: EngineDeps): FlowRunner {
  return (name, schedule, hooks) => (schedule.flow === "sync" ? syncFlow(deps, name, schedule, hooks.onRunId) : reconcileFlow(deps, name, schedule, hooks));
}

async function syncFlow(d: EngineDeps, name: string, s: Schedule, onRunId: (id: string) => void): Promise<FlowResult> {
  // Mappings are read again for every run, as the CLI does: an edited mapping file applies at the next tick.
  const prep = prepareSyncPass(d.loaded, d.mappingsDir, s.entities);
  if (!prep.ok) return { runId: null, status: "failed", error: prep.message, errorCode: "PS_E_CONFIG_FILE", records: [] };
  let runId: string | null = null;
  let summary: RunSummary;
  try {
    summary = await runSyncPass(d.loaded, prep.prepared, d.store, d.log.child({ flow: name }), {
      full: s.full,
      onRunId: (id) => {
        runId = id;
        onRunId(id);
      },
    });
  } catch (e) {
    if (isPartnerSyncError(e) && e.code === "PS_E_LEASE_HELD") return { runId: null, status: "skipped", error: e.message, errorCode: e.code, records: [] };
    return failed(runId, e);
  }
  return { runId: summary.runId, status: summary.status === "running" ? "failed" : summary.status, error: summary.error, errorCode: syncErrorCode(summary), records: recordsOf(summary) };
}

/**
 * The engine ends a run with a status and a message rather than throwing, so the code is read from
 * the summary: refused by the live mappings check, stopped by the API budget (the only `aborted`),
 * the lease lost (its message), or any other run-scoped failure.
 */
export function syncErrorCode(s: RunSummary): string | null {
  if (s.status !== "failed" && s.status !== "aborted") return null;
  if (s.refused.length > 0) return "MAPPINGS_REFUSED";
  if (s.status === "aborted") return "API_BUDGET";
  if (s.error?.includes("lease was lost")) return "PS_E_LEASE_LOST";
  return /^(PS_E_[A-Z_]+):/.exec(s.error ?? "")?.[1] ?? "RUN_FAILED";
}

function recordsOf(s: RunSummary): RecordCounts[] {
  return Object.entries(s.entities).map(([entity, e]) => ({
    entity, read: e.read, quarantined: e.quarantined,
    written: Object.fromEntries(Object.entries(e.written).filter((kv): kv is [string, number] => typeof kv[1] === "number")),
  }));
}

async function reconcileFlow(d: EngineDeps, name: string, s: Schedule, hooks: RunHooks): Promise<FlowResult> {
  let lease;
  try {
    lease = holdLease(d.store, leaseNameOf(s), d.loaded.config.leases.ttlSeconds * 1000);
  } catch (e) {
    if (isPartnerSyncError(e) && e.code === "PS_E_LEASE_HELD") return { runId: null, status: "skipped", error: e.message, errorCode: e.code, records: [] };
    throw e;
  }
  const runId = `reconcile-${randomUUID()}`;
  hooks.onRunId(runId);
  const log = d.log.child({ flow: name, runId });
  try {
    // The defaults file, then the one `--config` (or PARTNER_SYNC_CONFIG) layered on it, if any.
    const [, configFile] = d.loaded.files;
    const outcome = await runReconcileChild({
      cliPath: d.cliPath ?? CLI_PATH, heapMb: d.loaded.config.reconcile.heapMb, configFile, mappingsDir: d.mappingsDir,
      runId, now: new Date(), entities: s.entities, log, signal: hooks.stop,
    });
    if (!outcome.ok) {
      // The child ended before its own bookkeeping did (killed, out of heap): its runs row says so too.
      if (d.store.runs.get(runId)?.status === "running") d.store.runs.finish(runId, outcome.aborted ? "aborted" : "failed", {}, outcome.error);
      return { runId, status: outcome.aborted ? "aborted" : "failed", error: outcome.error, errorCode: outcome.errorCode, records: [] };
    }
    const { report } = outcome;
    log.info({ totals: report.totals }, summaryLine(report));
    const totals = Object.fromEntries(Object.entries(report.totals).filter((kv): kv is [string, number] => typeof kv[1] === "number"));
    return { runId, status: "succeeded", error: null, errorCode: null, records: [], totals };
  } catch (e) {
    return failed(runId, e);
  } finally {
    lease.release();
  }
}
