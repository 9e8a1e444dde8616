// `partner-sync sync [--entity E…] [--dry-run] [--full] [--now T]`: one pass over every entity.
// Refuses to start (exit 2) on a mapping problem against the live describes, listing all of them.
// Exit 0 ok · 1 run failed or stopped (budget) · 3 finished with records quarantined.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import type { LoadedConfig } from "../config/load-config.js";
import { compileMappings } from "../mapping/compile.js";
import { loadMappings, type LoadedMappings } from "../mapping/load-mappings.js";
import { formatMappingProblem } from "../mapping/mapping-problem.js";
import type { SystemName } from "../sandbox/contracts.js";
import { buildEntitySpecs, DEFAULT_CREATE_IN, ENTITY_ORDER } from "../sync/entity-specs.js";
import { formatSummary } from "../sync/run-summary.js";
import { EXIT } from "./exit-codes.js";
import { loadFor, loggerFor, storeFor } from "./global-options.js";
import { progressReporter } from "./progress.js";
import { prepareSyncPass, runSyncPass } from "./sync-pass.js";

export const SHIPPED_MAPPINGS = fileURLToPath(new URL("../../mappings", import.meta.url));

export function readMappings(dir: string): { ok: true; mappings: LoadedMappings } | { ok: false; message: string } {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch (e) {
    return { ok: false, message: `cannot read mappings folder ${dir}: ${(e as Error).message}` };
  }
  const loaded = loadMappings(files.map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), "utf8") })));
  return loaded.ok ? loaded : { ok: false, message: `mappings: ${loaded.problems.length} problem(s) in the files:\n${loaded.problems.map(formatMappingProblem).join("\n")}` };
}

interface SyncOptions {
  entity?: string[];
  dryRun?: boolean;
  full?: boolean;
  now?: string;
  mappings: string;
}

export function specsFor(loaded: LoadedConfig, mappings: LoadedMappings) {
  const createIn = (loaded.config.sync.createIn ?? DEFAULT_CREATE_IN) as Record<string, SystemName[]>;
  return buildEntitySpecs(mappings, compileMappings(mappings), createIn);
}

export function syncCommand(): Command {
  return new Command("sync")
    .description("one pass: read changes, normalize, join, apply the program rules, plan, write, checkpoint")
    .option("--entity <name...>", `only these entities (${["Partner", "SupplierBanking", ...ENTITY_ORDER.filter((e) => e !== "Partner")].join(", ")})`)
    .option("--dry-run", "print what would be written, with reasons; change nothing anywhere")
    .option("--full", "read everything instead of the changes since the watermarks")
    .option("--now <instant>", "the instant the rules are evaluated at (ISO-8601; default the clock)")
    .option("--mappings <dir>", "folder of mapping files", SHIPPED_MAPPINGS)
    .action(async (opts: SyncOptions, cmd: Command) => {
      const loaded = loadFor(cmd);
      const now = opts.now === undefined ? undefined : new Date(opts.now);
      if (now !== undefined && Number.isNaN(now.getTime())) {
        process.stderr.write(`partner-sync sync: --now ${opts.now} is not an instant (use ISO-8601, e.g. 2026-11-15T12:00:00Z)\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const prep = prepareSyncPass(loaded, opts.mappings, opts.entity);
      if (!prep.ok) {
        process.stderr.write(prep.problem === "entity" ? `partner-sync sync: ${prep.message}\n` : `${prep.message}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const log = loggerFor(cmd, loaded);
      const store = storeFor(loaded);
      try {
        const progress = progressReporter(process.stderr);
        const summary = await runSyncPass(loaded, prep.prepared, store, log, {
          dryRun: opts.dryRun === true, full: opts.full === true, ...(now ? { now } : {}), onProgress: progress.update,
          // A dry run's lines are printed as planned, not kept to the end: a first dry run of a large org
          // plans 100k+ writes, more than the launch line's heap holds (README "Memory bounds").
          onPlanLine: (line) => {
            progress.clear();
            process.stdout.write(`  ${line}\n`);
          },
        });
        progress.done();
        if (summary.refused.length > 0) {
          process.stdout.write(summary.refused.map((p) => `${p}\n`).join(""));
          process.stderr.write(`partner-sync sync: refusing to start, the mappings have ${summary.refused.length} problem${summary.refused.length === 1 ? "" : "s"} against the live systems\n`);
          process.exitCode = EXIT.USAGE;
          return;
        }
        process.stdout.write(formatSummary(summary));
        if (summary.status === "failed" || summary.status === "aborted") {
          process.stderr.write(`partner-sync sync: ${summary.status}: ${summary.error ?? "see the log"}\n`);
          process.exitCode = EXIT.RUN_FAILED;
        } else if (summary.quarantined > 0) process.exitCode = EXIT.QUARANTINED;
      } finally {
        store.close();
      }
    });
}
