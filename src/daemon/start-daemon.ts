// The daemon put together: the schedules checked against the mapping files, the scheduler running
// the engine's flows, the metrics and the HTTP server. `stop()` is the SIGTERM path without the
// signal (tests drive it in-process): scheduling ends, a running flow finishes or is stopped at its
// next checkpoint, the server closes. The store stays the caller's to close.
import type { LoadedConfig } from "../config/load-config.js";
import type { Logger } from "../log/logger.js";
import type { Store } from "../store/store.js";
import { createDaemonMetrics, type DaemonMetrics } from "./daemon-metrics.js";
import { checkSchedules, engineFlows, leaseNameOf } from "./engine-flows.js";
import type { FlowRunner } from "./flow-result.js";
import { startHealthServer } from "./health-server.js";
import { startScheduler, type Scheduler } from "./scheduler.js";

/** After the grace period and the lease taken back, how long a run may take to reach its next checkpoint. */
const ABORT_WAIT_MS = 10_000;

export interface Daemon {
  readonly url: string;
  readonly scheduler: Scheduler;
  readonly metrics: DaemonMetrics;
  /** Resolves once nothing runs any more; `ended` false when a run had to be left behind. */
  stop(): Promise<{ ended: boolean }>;
}

export interface StartDaemonOptions {
  loaded: LoadedConfig;
  store: Store;
  log: Logger;
  mappingsDir: string;
  /** Tests replace the engine's flows. */
  runFlow?: FlowRunner;
  /** The CLI the reconcile flow starts as a child (default this build's `dist/cli.js`). */
  cliPath?: string;
  abortWaitMs?: number;
}

export async function startDaemon(o: StartDaemonOptions): Promise<Daemon> {
  const { daemon } = o.loaded.config;
  const schedules = daemon.schedules;
  if (!o.runFlow) checkSchedules(o.loaded, schedules, o.mappingsDir);
  const startedAt = Date.now();
  let scheduler: Scheduler | undefined;
  const metrics = createDaemonMetrics(o.store, { running: () => scheduler?.running() ?? [], flows: Object.keys(schedules) });
  scheduler = startScheduler({
    schedules, store: o.store, log: o.log, metrics, leaseNameOf,
    runFlow: o.runFlow ?? engineFlows({ loaded: o.loaded, store: o.store, log: o.log, mappingsDir: o.mappingsDir, ...(o.cliPath ? { cliPath: o.cliPath } : {}) }),
  });
  const s = scheduler;
  let server;
  try {
    server = await startHealthServer(o.store, metrics.registry, s, { host: daemon.host, port: daemon.port, startedAt, allowRemoteTrigger: daemon.allowRemoteTrigger });
  } catch (e) {
    await s.stop({ graceMs: 0, abortWaitMs: 0 });
    throw e;
  }
  const http = server;
  let stopping: Promise<{ ended: boolean }> | undefined;
  return {
    url: http.url,
    scheduler: s,
    metrics,
    stop: () =>
      (stopping ??= (async () => {
        const r = await s.stop({ graceMs: daemon.shutdownGraceSeconds * 1000, abortWaitMs: o.abortWaitMs ?? ABORT_WAIT_MS });
        await http.close();
        return r;
      })()),
  };
}
