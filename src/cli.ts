#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072 node --max-old-space-size=150 --max-semi-space-size=4
// The CLI entry: the only place that turns errors into exit codes and calls process.exit.
//
// The line above is how `partner-sync` (the package's bin, the image's entrypoint) starts: with memory
// bounds. The pass streams, so what it holds alive is bounded (≈ 120 MB of heap at size 100,000 at most,
// docs/bench.md); V8's defaults on a large machine let garbage pile up to 600 MB+ before collecting,
// and glibc gives each helper thread its own malloc arena. Fixed malloc thresholds (glibc's initial
// 128 KB) keep glibc from raising them as large blocks come and go, after which it would keep up to
// 64 MB of freed memory at the top of its heap instead of returning it (≈ 10 MB less peak RSS on
// average, docs/bench.md round 17). `node dist/cli.js` runs without them (the tests do): same
// results, more memory. An operator who wants other bounds runs `node --max-old-space-size=…
// dist/cli.js` (flags on node's command line win over these).
import { type Command, CommanderError } from "commander";
import { buildProgram } from "./cli/program.js";
import { EXIT, type ExitCode } from "./cli/exit-codes.js";
import { ConfigError, isPartnerSyncError } from "./errors.js";

async function main(argv: string[]): Promise<ExitCode> {
  const program = buildProgram({ entry: true });
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
