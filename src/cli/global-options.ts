// Options every command accepts, and the things they lead to: the loaded config, a logger, the store.
import type { Command } from "commander";
import { loadConfig, type LoadedConfig } from "../config/load-config.js";
import { createLogger, type Logger } from "../log/logger.js";
import { openStore, type Store } from "../store/store.js";

export interface GlobalOptions {
  config?: string;
  pretty?: boolean;
  logLevel?: string;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function loadFor(cmd: Command): LoadedConfig {
  return loadConfig({ file: globalOptions(cmd).config });
}

export function loggerFor(cmd: Command, loaded: LoadedConfig): Logger {
  const o = globalOptions(cmd);
  return createLogger({
    level: (o.logLevel ?? loaded.config.log.level) as Parameters<typeof createLogger>[0]["level"],
    pretty: o.pretty ?? process.stderr.isTTY === true,
  });
}

export function storeFor(loaded: LoadedConfig): Store {
  return openStore(loaded.config.store.path, { busyTimeoutMs: loaded.config.store.busyTimeoutMs });
}
