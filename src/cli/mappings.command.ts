// `partner-sync mappings check [--dir mappings] [--against default-org|live]`: loads every
// mappings/*.yaml, validates it, and checks it against the systems' schemas. Exit 0 when clean,
// 2 with every problem listed otherwise (the same check refuses to start a run).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { checkAgainstDescribe } from "../mapping/check-against-describe.js";
import { loadMappings, type MappingSource } from "../mapping/load-mappings.js";
import { formatMappingProblem } from "../mapping/mapping-problem.js";
import { coupaResources } from "../sandbox/default-org/coupa-resources.js";
import { defaultOrg } from "../sandbox/default-org/default-org.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import type { LoadedConfig } from "../config/load-config.js";
import { createLogger } from "../log/logger.js";
import { checkMappingsLive } from "../sync/live-describe-check.js";
import { openSystems } from "../sync/open-systems.js";
import { loadFor } from "./global-options.js";

export interface CheckOptions {
  dir: string;
  against: "default-org" | "live";
}

export interface CheckOutcome {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

function readSources(dir: string): MappingSource[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
}

export function runMappingsCheck(opts: CheckOptions): CheckOutcome {
  if (opts.against === "live") {
    return { code: EXIT.USAGE, stdout: "", stderr: "mappings check --against live needs the configured systems: use runMappingsCheckLive\n" };
  }
  let sources: MappingSource[];
  try {
    sources = readSources(opts.dir);
  } catch (e) {
    return { code: EXIT.USAGE, stdout: "", stderr: `cannot read mappings folder ${opts.dir}: ${(e as Error).message}\n` };
  }
  if (sources.length === 0) return { code: EXIT.USAGE, stdout: "", stderr: `no *.yaml files in ${opts.dir}\n` };
  const loaded = loadMappings(sources);
  const problems = loaded.ok
    ? checkAgainstDescribe(loaded.mappings, { salesforce: defaultOrg.salesforce.describes, portal: defaultOrg.portal.objects, coupa: coupaResources })
    : loaded.problems;
  if (problems.length > 0) {
    const stage = loaded.ok ? "against the default org" : "in the files";
    return {
      code: EXIT.USAGE,
      stdout: problems.map((p) => `${formatMappingProblem(p)}\n`).join(""),
      stderr: `mappings: ${problems.length} problem${problems.length === 1 ? "" : "s"} ${stage}\n`,
    };
  }
  const n = loaded.ok ? loaded.mappings.entities.length : 0;
  const fields = loaded.ok ? loaded.mappings.entities.reduce((s, e) => s + e.fields.length, 0) : 0;
  return { code: EXIT.OK, stdout: "", stderr: `mappings ok: ${sources.length} files, ${n} entity mappings, ${fields} fields checked against the default org\n` };
}

/** `--against live`: the Salesforce describes and the portal's _describe of the configured systems. */
export async function runMappingsCheckLive(dir: string, loaded: LoadedConfig): Promise<CheckOutcome> {
  if (!loaded.config.systems.salesforce && !loaded.config.systems.portal) {
    return { code: EXIT.USAGE, stdout: "", stderr: "mappings check --against live: no system is configured (systems.salesforce, systems.portal)\n" };
  }
  let sources: MappingSource[];
  try {
    sources = readSources(dir);
  } catch (e) {
    return { code: EXIT.USAGE, stdout: "", stderr: `cannot read mappings folder ${dir}: ${(e as Error).message}\n` };
  }
  const loadedMappings = loadMappings(sources);
  if (!loadedMappings.ok) {
    return { code: EXIT.USAGE, stdout: loadedMappings.problems.map((p) => `${formatMappingProblem(p)}\n`).join(""), stderr: `mappings: ${loadedMappings.problems.length} problem(s) in the files\n` };
  }
  const systems = openSystems(loaded, undefined, createLogger({ level: "silent", pretty: false }));
  try {
    const problems = await checkMappingsLive(loadedMappings.mappings, systems.access);
    if (problems.length > 0) {
      return { code: EXIT.USAGE, stdout: problems.map((p) => `${formatMappingProblem(p)}\n`).join(""), stderr: `mappings: ${problems.length} problem${problems.length === 1 ? "" : "s"} against the live systems\n` };
    }
    const fields = loadedMappings.mappings.entities.reduce((n, e) => n + e.fields.length, 0);
    return { code: EXIT.OK, stdout: "", stderr: `mappings ok: ${sources.length} files, ${loadedMappings.mappings.entities.length} entity mappings, ${fields} fields checked against the live systems\n` };
  } finally {
    systems.close();
  }
}

export function mappingsCommand(): Command {
  const mappings = new Command("mappings").description("inspect the field mappings (mappings/*.yaml)");
  mappings
    .command("check")
    .description("validate the mapping files and check them against the systems' schemas; exit 2 listing every problem")
    .option("--dir <folder>", "folder of mapping files", "mappings")
    .addOption(new Option("--against <schemas>", "schemas to check against").choices(["default-org", "live"]).default("default-org"))
    .action(async (opts: CheckOptions, cmd: Command) => {
      const r = opts.against === "live" ? await runMappingsCheckLive(opts.dir, loadFor(cmd)) : runMappingsCheck(opts);
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      if (r.code !== EXIT.OK) process.exitCode = r.code;
    });
  return mappings;
}
