// `partner-sync rules explain <entity> <id> [--now T] [--json]`: why the program rules decide what
// they decide about one record ("why was my lead recalled?", "why is this registration Expired?").
// Reads that record and the records its rules look at from the live systems (the sync runner's
// loading), builds the rules' World, and prints every rule evaluated with its inputs, outcome and
// reasons, then what a pass would write and report. Writes nothing anywhere. With --now the output is
// byte-for-byte reproducible for the same data.
import { Command } from "commander";
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../log/logger.js";
import type { EntityName } from "../mapping/canonical-fields.js";
import { compileMappings } from "../mapping/compile.js";
import { didYouMean } from "../mapping/did-you-mean.js";
import { defaultRulesConfig } from "../rules/rules-config.schema.js";
import type { Store } from "../store/store.js";
import { EXPLAINABLE, explain } from "../sync/decide/explain.js";
import { renderExplanation } from "../sync/decide/explain-render.js";
import { buildWorld } from "../sync/decide/world.js";
import { buildBankingSpec } from "../sync/entity-specs.js";
import { loadExplainWorld } from "../sync/explain-world.js";
import { IdMap } from "../sync/id-map.js";
import { openSystems } from "../sync/open-systems.js";
import { PlanLines, type PassContext } from "../sync/pass-context.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { loadFor, loggerFor, storeFor } from "./global-options.js";
import { checkOptions } from "./reconcile.command.js";
import { readMappings, SHIPPED_MAPPINGS, specsFor } from "./sync.command.js";

export interface ExplainCliOptions {
  now?: string;
  json?: boolean;
  /** Folder of mapping files (default the shipped ones). */
  mappings?: string;
}

export interface ExplainIo {
  loaded: LoadedConfig;
  store: Store;
  log: Logger;
  clock: () => Date;
}

export interface ExplainOutcome {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

const usage = (message: string): ExplainOutcome => ({ code: EXIT.USAGE, stdout: "", stderr: `rules explain: ${message}\n` });

/** The whole command minus process plumbing, so tests drive it against a sandbox. */
export async function executeExplain(entity: string, id: string, opts: ExplainCliOptions, io: ExplainIo): Promise<ExplainOutcome> {
  const checked = checkOptions({ format: "json", ...(opts.now !== undefined ? { now: opts.now } : {}) }, io.clock);
  if (!checked.ok) return usage(checked.message);
  const mappings = readMappings(opts.mappings ?? SHIPPED_MAPPINGS);
  if (!mappings.ok) return usage(mappings.message);
  // Banking too (PAY-3): a page of registrations sees its partners' banking (banking-world.ts).
  const bankingSpec = buildBankingSpec(mappings.mappings, compileMappings(mappings.mappings));
  const specs = new Map([...specsFor(io.loaded, mappings.mappings), ...(bankingSpec ? [bankingSpec] : [])].map((s) => [s.entity, s]));
  // Explainable and read by the mappings: an entity the rules judge but no mapping reads (a mappings
  // folder without it) cannot be explained from the systems.
  const known = EXPLAINABLE.filter((e) => specs.has(e as EntityName));
  if (!(known as readonly string[]).includes(entity)) {
    const why = (EXPLAINABLE as readonly string[]).includes(entity) ? ` is not read from any system (no mapping)` : `${didYouMean(entity, known)}`;
    return usage(`unknown entity "${entity}"${why}; one of ${known.join(", ")}`);
  }
  const spec = specs.get(entity as EntityName)!;
  const rules = io.loaded.config.sync.rules ?? defaultRulesConfig;
  const systems = openSystems(io.loaded, io.store, io.log);
  try {
    const ctx: PassContext = {
      store: io.store, lease: undefined, runId: "rules-explain", dryRun: true, access: systems.access, idMap: new IdMap(io.store), specs,
      now: checked.now, rules, batchSize: io.loaded.config.sync.batchSize, log: io.log, stats: new Map(), planLines: new PlanLines(),
    };
    const loaded = await loadExplainWorld(ctx, spec.entity, id);
    if (loaded.kind === "missing") {
      const where = Object.values(spec.sides).flatMap((s) => (s ? [`${s.system} ${s.object}`] : [])).join(", ");
      return usage(`no ${entity} with id "${id}" in ${where} (the id is the ${spec.canonical} id of the record)`);
    }
    if (loaded.kind === "unreadable") {
      const lines = loaded.failures.map((f) => `  ${f.code}: ${f.message}`).join("\n");
      return { code: EXIT.RUN_FAILED, stdout: "", stderr: `rules explain: ${entity} ${id} cannot be read as the rules need it (a sync would quarantine it):\n${lines}\n` };
    }
    const world = buildWorld(loaded.input);
    const expl = explain(world, { now: checked.now, rules, newlyApprovedIds: loaded.newlyApprovedIds, leadRecallOwnerId: rules.leadRecallOwnerId ?? null }, entity, id);
    const written = io.store.audit.forRecord(spec.entity, id);
    return { code: EXIT.OK, stdout: renderExplanation(expl, opts.json === true ? "json" : "text", written), stderr: "" };
  } finally {
    systems.close();
  }
}

export function rulesCommand(): Command {
  const rules = new Command("rules").description("the partner program's rules as partner-sync applies them");
  rules.command("explain <entity> <id>")
    .description("every rule evaluated for one record — its inputs, outcome and reasons — and what a sync would write and report (reads only)")
    .option("--now <instant>", "evaluation instant of the rules (ISO-8601 with offset; default now)")
    .option("--json", "one JSON document (stable, for scripts)")
    .option("--mappings <dir>", "folder of mapping files", SHIPPED_MAPPINGS)
    .addHelpText("after", `\nEntities: ${EXPLAINABLE.join(", ")} (the id is the record's canonical key).\nExit codes: 0 explained · 1 the record or a system could not be read · 2 usage, unknown entity or no such record`)
    .action(async (entity: string, id: string, opts: ExplainCliOptions, cmd: Command) => {
      const loaded = loadFor(cmd);
      const log = loggerFor(cmd, loaded);
      const store = storeFor(loaded);
      try {
        const r = await executeExplain(entity, id, opts, { loaded, store, log, clock: () => new Date() });
        process.stdout.write(r.stdout);
        process.stderr.write(r.stderr);
        if (r.code !== EXIT.OK) process.exitCode = r.code;
      } finally {
        store.close();
      }
    });
  return rules;
}
