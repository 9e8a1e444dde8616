// One sync run, end to end: lease → runs row → resume unfinished Bulk API jobs → replay open
// quarantine → every entity in dependency order, every system holding it, page by page → summary.
// A run-scoped failure (budget cap, network after retries, lease lost) stops the run: the pages
// already checkpointed stay, the run is `aborted`/`failed`, and the next run resumes from there.
import { randomUUID } from "node:crypto";
import { ConnectorError } from "../connectors/shared/connector-error.js";
import { PartnerSyncError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { RulesConfig } from "../rules/rules-config.schema.js";
import { RunFindings } from "../store/run-findings.js";
import type { RunStatus } from "../store/runs.repo.js";
import type { Store } from "../store/store.js";
import type { EntitySpec } from "./entity-specs.js";
import type { SystemName } from "../sandbox/contracts.js";

const PASS_SYSTEMS_ORDER: readonly SystemName[] = ["portal", "salesforce"];
import { passBanking } from "./banking-pass.js";
import { passInvoices, replayQuarantinedInvoices } from "./invoice-pass.js";
import { passEntitySide, type WindowSettings } from "./entity-pass.js";
import { finishIntents } from "./finish-intents.js";
import { IdMap } from "./id-map.js";
import { bulkRouting } from "./bulk-routing.js";
import { PlanLines, type PassContext } from "./pass-context.js";
import { replayQuarantine } from "./quarantine-replay.js";
import { startEntityPass } from "./related-cache.js";
import { holdLease, type HeldLease } from "./run-lease.js";
import { summarize, type RunSummary } from "./run-summary.js";
import { mirrorFor } from "./run-mirror-setup.js";
import type { SystemAccess } from "./system-access.js";
import { WriteLog } from "./written-keys.js";

export interface SyncRunOptions {
  store: Store;
  access: SystemAccess;
  specs: readonly EntitySpec[];
  /** SupplierBanking (buildBankingSpec): with it, Coupa banking is synced right after partners (PAY-3). */
  bankingSpec?: EntitySpec;
  log: Logger;
  rules: RulesConfig;
  entities?: readonly string[];
  dryRun?: boolean;
  full?: boolean;
  /** Evaluation instant of the rules (--now); default the run's start. */
  now?: Date;
  clock?: () => Date;
  lookbackSeconds: number;
  safetyLagSeconds: number;
  batchSize: number;
  /** `sync.pageSize`: records handled and checkpointed together; default batchSize. */
  pageSize?: number;
  /** `sync.bulkThreshold`: Salesforce records of one object in the run above which Bulk API 2.0 is used; absent = never. */
  bulkThreshold?: number;
  leaseTtlMs: number;
  replayQuarantine: boolean;
  /** `sync.mirror`: answer lookups from a run-local copy of each object (src/store/run-mirror.ts); default auto. */
  mirror?: "auto" | "always" | "never";
  onProgress?: PassContext["onProgress"];
  sfOwnerIdOnCreate?: string;
  /**
   * Checks run before any record is read (the mappings against the live describes): problems refuse
   * the run (status failed, `refused` in the summary); a budget stop here is an aborted run like any other.
   */
  preflight?: () => Promise<string[]>;
  /**
   * Dry run: each planned write's line as it is planned (the CLI prints it at once). Without it the lines
   * are kept to the end, in the summary's `plan`.
   */
  onPlanLine?: (line: string) => void;
  /** Told the run's id once it exists (Bulk API jobs are stored with it). */
  onRunId?: (runId: string) => void;
  /** `quarantine replay`: only these open entries (empty = all open ones), no entity pass. */
  replayOnly?: readonly number[];
  /** `store.outcomesRetentionDays`: outcomes of runs started longer ago are deleted after the pass; 0 or absent keeps them. */
  outcomesRetentionDays?: number;
}

/** Outcomes deleted per transaction: another process waiting for the store's write lock waits for one batch at most. */
export const OUTCOMES_PRUNE_BATCH = 10_000;

/**
 * Deletes the per-record outcomes of runs started before `runStart − days` (`store.outcomesRetentionDays`),
 * a batch per transaction. Maintenance, not the pass: a failure is logged and the run's status stands.
 */
export function pruneOutcomes(store: SyncRunOptions["store"], runId: string, runStart: Date, days: number, log: Logger): number {
  const before = new Date(runStart.getTime() - days * 86_400_000).toISOString();
  let pruned = 0;
  try {
    for (;;) {
      const n = store.transaction(() => store.outcomes.pruneRunsBefore(before, runId, OUTCOMES_PRUNE_BATCH));
      pruned += n;
      if (n < OUTCOMES_PRUNE_BATCH) break;
    }
    if (pruned > 0) log.info({ pruned, before, retentionDays: days }, "deleted the outcomes of older runs (store.outcomesRetentionDays)");
  } catch (e) {
    log.warn({ err: e, pruned, before }, "could not delete the outcomes of older runs; the next run tries again");
  }
  return pruned;
}

export async function runSync(o: SyncRunOptions): Promise<RunSummary> {
  const unknownEntities = (o.entities ?? []).filter((e) => !o.specs.some((s) => s.entity === e) && !(e === "SupplierBanking" && o.bankingSpec));
  if (unknownEntities.length) throw new RangeError(`unknown entity ${unknownEntities.join(", ")} (known: ${o.specs.map((s) => s.entity).join(", ")})`);
  const runStart = (o.clock ?? (() => new Date()))();
  const runId = `sync-${runStart.toISOString().replace(/[-:.]/g, "").slice(0, 15)}-${randomUUID().slice(0, 8)}`;
  const log = o.log.child({ runId });
  o.onRunId?.(runId);
  const dryRun = o.dryRun === true;
  // A dry run writes nothing anywhere, the store included: no lease, no runs row, no checkpoint.
  const lease: HeldLease | undefined = dryRun ? undefined : holdLease(o.store, "sync", o.leaseTtlMs);
  const window: WindowSettings = { runStart, lookbackSeconds: o.lookbackSeconds, safetyLagSeconds: o.safetyLagSeconds, full: o.full === true };
  const mirror = o.replayOnly ? undefined : mirrorFor(o.mirror ?? "auto", o.store, o.access, [...o.specs, ...(o.bankingSpec ? [o.bankingSpec] : [])], window);
  const ctx: PassContext = {
    store: o.store, lease, runId, dryRun, access: { ...o.access, ...(mirror ? { mirror } : {}), writes: new WriteLog() }, idMap: new IdMap(o.store),
    specs: new Map([...o.specs, ...(o.bankingSpec ? [o.bankingSpec] : [])].map((s) => [s.entity, s])), now: o.now ?? runStart, rules: o.rules, batchSize: o.batchSize, ...(o.pageSize ? { pageSize: o.pageSize } : {}),
    ...(o.bulkThreshold !== undefined ? { bulk: bulkRouting(o.bulkThreshold) } : {}),
    ...(lease ? { signal: lease.signal } : {}), log, stats: new Map(), planLines: new PlanLines(o.onPlanLine), findings: new RunFindings(),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.sfOwnerIdOnCreate ? { sfOwnerIdOnCreate: o.sfOwnerIdOnCreate } : {}),
  };
  if (!dryRun) o.store.runs.start({ id: runId, kind: o.replayOnly ? "replay" : "sync", dryRun, evalAt: ctx.now.toISOString() });
  let status: Exclude<RunStatus, "running"> = "succeeded";
  let error: string | null = null;
  let refused: string[] = [];
  try {
    refused = (await o.preflight?.()) ?? [];
    if (refused.length > 0) throw new RefusedError(refused);
    if (!dryRun) await resumeBulkJobs(ctx);
    // Pages an earlier run was cut off in are finished from their stored plan before anything else is
    // read (write-intent.ts). A dry run only says they are there.
    if (!dryRun) {
      const finished = await finishIntents(ctx);
      if (finished.pages + finished.kept > 0) log.warn(finished, "finished the pages earlier runs were cut off in");
    } else noteIntents(ctx);
    // Ids only: the entries are read one at a time by the replay (a large quarantine's payloads at once
    // would not fit the launch line's heap).
    const open = o.store.quarantine.openIds();
    if (o.replayOnly) {
      const ids = o.replayOnly.length ? o.replayOnly : open;
      await replayQuarantine(ctx, ids);
      // Coupa invoices have no entity of their own: the invoice pass reads them again by id.
      await replayQuarantinedInvoices(ctx, ids);
    }
    else if (o.replayQuarantine && !dryRun) await replayQuarantine(ctx, open);
    // Banking right after partners (their Accounts exist by then), before anything PAY-3 judges.
    let bankingDue = o.bankingSpec !== undefined && !o.replayOnly && (!o.entities?.length || o.entities.includes("SupplierBanking"));
    let invoicesDue = !o.replayOnly && (!o.entities?.length || o.entities.includes("RebateAccrual"));
    // PAY-3: a partner's banking changed in Coupa → its accruals decided again (when this run passes accruals).
    const accrualSpec = invoicesDue ? o.specs.find((s) => s.entity === "RebateAccrual") : undefined;
    const banking = async () => {
      if (bankingDue && o.bankingSpec) await passBanking(ctx, o.bankingSpec, window, accrualSpec);
      bankingDue = false;
      // Coupa invoices next, before any accrual is decided: PAY-4 PAID from the billing system.
      if (invoicesDue) await passInvoices(ctx, window);
      invoicesDue = false;
    };
    for (const spec of o.replayOnly ? [] : o.specs) {
      if (spec.entity !== "Partner") await banking();
      if (o.entities?.length && !o.entities.includes(spec.entity)) continue;
      // The portal first: what partners create there reaches Salesforce in the same run.
      for (const system of PASS_SYSTEMS_ORDER) {
        const side = spec.sides[system];
        if (side) await passEntitySide(ctx, spec, side, window);
      }
    }
    await banking();
    if (!dryRun && o.outcomesRetentionDays) pruneOutcomes(o.store, runId, runStart, o.outcomesRetentionDays, log);
  } catch (e) {
    const budget = e instanceof ConnectorError && e.kind === "budget";
    status = budget ? "aborted" : "failed";
    // A run-scoped PartnerSyncError keeps its code in front (the CLI prints the line, the daemon reads the code).
    error = budget ? `stopped by the Salesforce API budget: ${e.message}; finished pages are checkpointed and the next run resumes`
      : e instanceof PartnerSyncError ? `${e.code}: ${e.message}` : (e as Error).message;
    if (!(e instanceof RefusedError)) log.error({ err: e }, budget ? "run stopped by the API budget" : "run failed");
  } finally {
    lease?.release();
    // The pass's caches go before the summary reads the run's findings back (at size 100,000 the
    // two together were the run's largest heap).
    ctx.idMap.forget();
    startEntityPass(ctx);
    delete ctx.banking;
    if (mirror) {
      log.info({ mirror: mirror.stats }, "run mirror");
      mirror.close();
    }
  }
  let summary: RunSummary;
  try {
    summary = summarize(ctx, status, error);
  } finally {
    ctx.findings?.close();
  }
  summary.refused = refused;
  if (status === "succeeded" && summary.quarantined > 0) summary.status = "quarantined";
  if (!dryRun) o.store.runs.finish(runId, summary.status === "running" ? "failed" : summary.status, summary.counts, error);
  return summary;
}

class RefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`refused to start: the mappings have ${problems.length} problem${problems.length === 1 ? "" : "s"} against the live systems`);
  }
}

function noteIntents(ctx: PassContext): void {
  for (const row of ctx.store.writeIntents.list()) {
    ctx.planLines.push(`finish ${row.entity} page cut off in run ${row.runId} (${row.createdAt}): its planned writes are sent, where not yet in place, by the next sync that is not a dry run`);
  }
}

/** Jobs a killed run left in flight: polled to their end (never uploaded again); their records are re-read in the lookback. */
async function resumeBulkJobs(ctx: PassContext): Promise<void> {
  const sf = ctx.access.salesforce;
  if (!sf) return;
  for (const job of ctx.store.bulkJobs.unfinished()) {
    ctx.log.info({ jobId: job.id, object: job.object }, "resuming a Bulk API job left by an earlier run");
    const outcome = await sf.resumeBulkJob(job.id);
    ctx.store.bulkJobs.finish(job.id, outcome.job.state);
  }
}
