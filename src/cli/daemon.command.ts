// `partner-sync daemon`: the long-running process of the Docker image. Runs the flows of
// daemon.schedules on their cron expressions, serves /healthz, /metrics and POST /trigger/<schedule>
// (docs/daemon.md). SIGTERM/SIGINT: no new runs, a running flow finishes (or stops at its next
// checkpoint after daemon.shutdownGraceSeconds), the store closes, exit 0.
import { Command } from "commander";
import { startDaemon } from "../daemon/start-daemon.js";
import { loadFor, loggerFor, storeFor } from "./global-options.js";
import { SHIPPED_MAPPINGS } from "./sync.command.js";

export function daemonCommand(): Command {
  return new Command("daemon")
    .description("run as a service: scheduled sync/reconcile runs, /healthz, /metrics and POST /trigger/<schedule>")
    .option("--mappings <dir>", "folder of mapping files", SHIPPED_MAPPINGS)
    .action(async (opts: { mappings: string }, cmd: Command) => {
      const loaded = loadFor(cmd);
      const log = loggerFor(cmd, loaded);
      const store = storeFor(loaded);
      let daemon;
      try {
        daemon = await startDaemon({ loaded, store, log, mappingsDir: opts.mappings });
      } catch (e) {
        store.close();
        throw e;
      }
      const enabled = Object.entries(loaded.config.daemon.schedules).filter(([, s]) => s.enabled).map(([name]) => name);
      log.info({ url: daemon.url, store: store.path, schemaVersion: store.schemaVersion, schedules: enabled }, "daemon started");
      if (enabled.length === 0) log.warn("no enabled schedules: flows run only when triggered (POST /trigger/<schedule>)");
      const signal = await new Promise<string>((resolve) => {
        process.once("SIGTERM", () => resolve("SIGTERM"));
        process.once("SIGINT", () => resolve("SIGINT"));
      });
      log.info({ signal }, "daemon stopping");
      const { ended } = await daemon.stop();
      store.close();
      log.info({ flowsEnded: ended }, "daemon stopped");
      // A run that did not stop in time still holds sockets and timers: leave it, exit as promised.
      if (!ended) process.exit(0);
    });
}
