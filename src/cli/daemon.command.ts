// `partner-sync daemon`: the long-running process of the Docker image. Today it serves health and
// metrics over the checkpoint store; scheduled sync and reconcile runs attach to it when the sync
// engine lands (issue #4) — until then it schedules nothing, and says so at start.
import { Command } from "commander";
import { startHealthServer } from "../daemon/health-server.js";
import { loadFor, loggerFor, storeFor } from "./global-options.js";

export function daemonCommand(): Command {
  return new Command("daemon").description("run as a service: health (/healthz) and metrics (/metrics) endpoints").action(async (_opts: unknown, cmd: Command) => {
    const loaded = loadFor(cmd);
    const log = loggerFor(cmd, loaded);
    const store = storeFor(loaded);
    const server = await startHealthServer(store, { ...loaded.config.daemon, startedAt: Date.now() });
    log.info({ url: server.url, store: store.path, schemaVersion: store.schemaVersion }, "daemon started");
    log.warn("no schedules yet: scheduled sync/reconcile runs arrive with the sync engine");
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info({ signal }, "daemon stopping");
        resolve();
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
    await server.close();
    store.close();
    log.info("daemon stopped");
  });
}
