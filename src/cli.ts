#!/usr/bin/env node
// The CLI entry: the only place that turns errors into exit codes and calls process.exit.
import { type Command, CommanderError } from "commander";
import { buildProgram } from "./cli/program.js";
import { EXIT, type ExitCode } from "./cli/exit-codes.js";
import { ConfigError, isPartnerSyncError } from "./errors.js";

async function main(argv: string[]): Promise<ExitCode> {
  const program = buildProgram();
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync(argv);
    return (process.exitCode as ExitCode | undefined) ?? EXIT.OK;
  } catch (e) {
    return exitCodeFor(e);
  }
}

function exitCodeFor(e: unknown): ExitCode {
  if (e instanceof CommanderError) {
    // help and version are not errors; commander already printed everything else
    return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (e instanceof ConfigError) {
    process.stderr.write(`partner-sync: ${e.code}: ${e.message}\n`);
    return EXIT.USAGE;
  }
  if (isPartnerSyncError(e)) {
    process.stderr.write(`partner-sync: ${e.code}: ${e.message}\n`);
    return e.scope === "config" ? EXIT.USAGE : EXIT.RUN_FAILED;
  }
  process.stderr.write(`partner-sync: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT.RUN_FAILED;
}

process.exitCode = await main(process.argv);
