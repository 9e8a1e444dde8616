// `partner-sync sandbox`: serves the three emulators on loopback until SIGINT/SIGTERM, and prints how
// to connect (with --json: exactly one line, the `systems` config section, for scripts).
import { Command, InvalidArgumentError, Option } from "commander";
import { createLogger } from "../log/logger.js";
import { PartnerSyncError } from "../errors.js";
import type { EmulatorFactories } from "../sandbox/emulator-factories.js";
import { loadFaultsFile } from "../sandbox/faults-file.js";
import type { AdapterLogger } from "../sandbox/http-adapter.js";
import { describeSandboxConfig } from "../sandbox/sandbox-config.js";
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE, describeSource, loadSandboxData, type SandboxDataSource } from "../sandbox/sandbox-data.js";
import { startSandbox } from "../sandbox/start-sandbox.js";
import { globalOptions } from "./global-options.js";

export interface SandboxCommandOptions {
  port?: number;
  data?: string;
  demoSize?: number;
  seed?: number;
  faults?: string;
  stateDir?: string;
  json?: boolean;
}

export interface SandboxCommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves with the signal's name when the sandbox should stop. */
  stopped: Promise<string>;
  /** Called once the sandbox answers (tests wait on it). */
  ready?(info: { urls: Record<string, string>; stateDir: string }): void;
  logger?: AdapterLogger;
  emulators?: EmulatorFactories;
}

function integer(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${what} must be an integer from ${min} to ${max}.`);
    return n;
  };
}

function dataSource(options: SandboxCommandOptions): SandboxDataSource {
  if (options.data !== undefined) {
    if (options.demoSize !== undefined || options.seed !== undefined) {
      throw new PartnerSyncError("PS_E_CONFIG_INVALID", "--data cannot be combined with --demo-size or --seed: choose a data folder or a demo data set");
    }
    return { kind: "folder", dir: options.data };
  }
  return { kind: "demo", size: options.demoSize ?? DEFAULT_DEMO_SIZE, seed: options.seed ?? DEFAULT_DEMO_SEED };
}

/** The command's work, without process globals: tests drive it in-process. */
export async function runSandbox(options: SandboxCommandOptions, io: SandboxCommandIo): Promise<void> {
  const source = dataSource(options);
  const faults = options.faults === undefined ? undefined : await loadFaultsFile(options.faults);
  const data = await loadSandboxData(source);
  const sandbox = await startSandbox({
    data,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(faults ? { faults, faultsFile: options.faults } : {}),
    ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    ...(io.logger ? { logger: io.logger } : {}),
    ...(io.emulators ? { emulators: io.emulators } : {}),
  });
  try {
    if (options.json) {
      io.out(JSON.stringify(sandbox.config));
    } else {
      io.out(`partner-sync sandbox: serving the ${describeSource(source)}${options.faults ? ` with faults from ${options.faults}` : ""}`);
      for (const line of describeSandboxConfig(sandbox.config, sandbox.stateDir)) io.out(line);
      io.out("Stop with Ctrl-C (SIGINT) or SIGTERM.");
    }
    io.ready?.({ urls: sandbox.urls, stateDir: sandbox.stateDir });
    const signal = await io.stopped;
    io.err(`partner-sync sandbox: ${signal} received, stopping`);
  } finally {
    await sandbox.close();
  }
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export function sandboxCommand(): Command {
  return new Command("sandbox")
    .description("serve emulators of Salesforce, the partner portal and Coupa on loopback, seeded from a data folder or a demo data set")
    .option("--port <n>", "Salesforce on N, the portal on N+1, Coupa on N+2 (default: three free ports)", integer(0, 65533, "--port"))
    .addOption(new Option("--data <dir>", "a data folder (see docs/sandbox.md)").conflicts(["demoSize", "seed"]))
    .option("--demo-size <n>", `generate a demo data set of this size, ≈ deal registrations (default ${DEFAULT_DEMO_SIZE}; 0 = schemas only)`, integer(0, 1_000_000, "--demo-size"))
    .option("--seed <s>", `seed of the demo data set (default ${DEFAULT_DEMO_SEED})`, integer(0, 2 ** 31 - 1, "--seed"))
    .option("--faults <file>", "a faults file (YAML or JSON; see docs/sandbox.md)")
    .option("--state-dir <dir>", "where the secret files go (default: a temporary folder removed on exit)")
    .option("--json", "print the connection settings as one JSON line (the config's systems section)")
    .action(async (options: SandboxCommandOptions, cmd: Command) => {
      const global = globalOptions(cmd);
      const log = createLogger({
        level: (global.logLevel ?? "info") as Parameters<typeof createLogger>[0]["level"],
        pretty: global.pretty ?? process.stderr.isTTY === true,
      });
      await runSandbox(options, {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => log.info(line),
        stopped: untilSignal(),
        logger: log,
      });
    });
}
