// One sync pass given the loaded config, a store and a logger: what `partner-sync sync` runs, callable
// without the command line (the daemon's schedules run it in-process). Preparing (mapping files,
// entity names) is separate so a usage error is found before a store is opened or a lease taken.
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../log/logger.js";
import { compileMappings } from "../mapping/compile.js";
import type { LoadedMappings } from "../mapping/load-mappings.js";
import { formatMappingProblem } from "../mapping/mapping-problem.js";
import { defaultRulesConfig } from "../rules/rules-config.schema.js";
import type { Store } from "../store/store.js";
import { buildBankingSpec, type EntitySpec } from "../sync/entity-specs.js";
import { checkMappingsLive } from "../sync/live-describe-check.js";
import { openSystems } from "../sync/open-systems.js";
import type { RunSummary } from "../sync/run-summary.js";
import { runSync, type SyncRunOptions } from "../sync/sync-run.js";
import { readMappings, specsFor } from "./sync.command.js";

export interface PreparedSync {
  mappings: LoadedMappings;
  specs: readonly EntitySpec[];
  entities?: readonly string[];
}

/** The mapping files and the entities asked for; a message for the user when either is wrong. */
export function prepareSyncPass(loaded: LoadedConfig, mappingsDir: string, entities?: readonly string[]): { ok: true; prepared: PreparedSync } | { ok: false; problem: "mappings" | "entity"; message: string } {
  const mappings = readMappings(mappingsDir);
  if (!mappings.ok) return { ok: false, problem: "mappings", message: mappings.message };
  const specs = specsFor(loaded, mappings.mappings);
  // SupplierBanking has its own pass (Coupa banking, PAY-3) but is named like any entity.
  const known = [...specs.map((s) => s.entity), "SupplierBanking"];
  const unknown = (entities ?? []).filter((e) => !known.includes(e));
  if (unknown.length > 0) return { ok: false, problem: "entity", message: `unknown entity ${unknown.join(", ")} (known: ${known.join(", ")})` };
  return { ok: true, prepared: { mappings: mappings.mappings, specs, ...(entities ? { entities } : {}) } };
}

export interface SyncPassOptions {
  dryRun?: boolean;
  full?: boolean;
  now?: Date;
  onProgress?: SyncRunOptions["onProgress"];
  onRunId?: (runId: string) => void;
  /** Dry run: each planned write's line as planned (not kept in the summary's `plan`). */
  onPlanLine?: (line: string) => void;
}

/** Opens the configured systems, runs the pass (lease, live mappings check, entities, checkpoints), closes them. */
export async function runSyncPass(loaded: LoadedConfig, prepared: PreparedSync, store: Store, log: Logger, o: SyncPassOptions = {}): Promise<RunSummary> {
  let runId: string | null = null;
  const systems = openSystems(loaded, store, log, () => runId);
  const bankingSpec = buildBankingSpec(prepared.mappings, compileMappings(prepared.mappings));
  try {
    return await runSync({
      store, access: systems.access, specs: prepared.specs, ...(bankingSpec ? { bankingSpec } : {}), log,
      rules: loaded.config.sync.rules ?? defaultRulesConfig,
      ...(prepared.entities ? { entities: prepared.entities } : {}),
      dryRun: o.dryRun === true, full: o.full === true, ...(o.now ? { now: o.now } : {}),
      lookbackSeconds: loaded.config.sync.lookbackSeconds, safetyLagSeconds: loaded.config.sync.safetyLagSeconds,
      batchSize: loaded.config.sync.batchSize, bulkThreshold: loaded.config.sync.bulkThreshold, leaseTtlMs: loaded.config.leases.ttlSeconds * 1000,
      replayQuarantine: loaded.config.sync.replayQuarantineOnStart,
      mirror: loaded.config.sync.mirror,
      pageSize: loaded.config.sync.pageSize,
      outcomesRetentionDays: loaded.config.store.outcomesRetentionDays,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.onPlanLine ? { onPlanLine: o.onPlanLine } : {}),
      onRunId: (id) => {
        runId = id;
        o.onRunId?.(id);
      },
      preflight: async () => (await checkMappingsLive(prepared.mappings, systems.access)).map(formatMappingProblem),
      ...(loaded.config.sync.salesforce.ownerIdOnCreate ? { sfOwnerIdOnCreate: loaded.config.sync.salesforce.ownerIdOnCreate } : {}),
    });
  } finally {
    systems.close();
  }
}
