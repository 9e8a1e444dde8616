// The command tree. Each command lives in its own `*.command.ts` and is only wired here.
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { configCommand } from "./config.command.js";
import { daemonCommand } from "./daemon.command.js";
import { mappingsCommand } from "./mappings.command.js";
import { sandboxCommand } from "./sandbox.command.js";
import { statusCommand } from "./status.command.js";
import { syncCommand } from "./sync.command.js";
import { reconcileCommand } from "./reconcile.command.js";
import { quarantineCommand } from "./quarantine.command.js";
import { rulesCommand } from "./rules.command.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export interface ProgramOptions {
  /**
   * The process runs this command line (src/cli.ts): a command may start it again in a process of its
   * own (a reconcile, with the heap `reconcile.heapMb`). Tests building the program in-process never do.
   */
  entry?: boolean;
}

export function buildProgram(options: ProgramOptions = {}): Command {
  const program = new Command("partner-sync")
    .description("Keeps the partner portal, Salesforce and Coupa in agreement and applies the partner program's rules.")
    .version(version(), "-V, --version")
    .option("-c, --config <file>", "a config file layered on config/default.yaml (also PARTNER_SYNC_CONFIG)")
    .option("--pretty", "human-readable log lines (default when stderr is a terminal)")
    .addOption(new Option("--log-level <level>", "log level").choices(["fatal", "error", "warn", "info", "debug", "trace", "silent"]))
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok · 1 run failed · 2 usage or configuration error · 3 finished with records quarantined",
    );
  program.addCommand(configCommand());
  program.addCommand(statusCommand());
  program.addCommand(daemonCommand());
  program.addCommand(sandboxCommand());
  program.addCommand(mappingsCommand());
  program.addCommand(syncCommand());
  program.addCommand(quarantineCommand());
  program.addCommand(reconcileCommand(undefined, { rerunWithOwnHeap: options.entry === true }));
  program.addCommand(rulesCommand());
  return program;
}
