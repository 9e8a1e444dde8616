// The daemon's Prometheus metrics, all prefixed partner_sync_: the process (prom-client defaults), the
// store (open quarantine, watermark age: read at scrape time) and the runs of each scheduled flow
// (counted as they end). docs/daemon.md lists them with what to alert on.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../store/store.js";
import type { FlowResult } from "./flow-result.js";

export interface DaemonMetrics {
  readonly registry: Registry;
  /** A run of `flow` ended (or was skipped) after `seconds`; `at` is when it ended. */
  recordRun(flow: string, result: FlowResult, seconds: number, at: Date): void;
}

export function createDaemonMetrics(store: Store, options: { clock?: () => number; running: () => readonly string[]; flows: readonly string[] }): DaemonMetrics {
  const clock = options.clock ?? Date.now;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "partner_sync_" });
  const registers = [registry];

  new Gauge({
    name: "partner_sync_quarantine_open",
    help: "Records waiting in quarantine, by entity",
    labelNames: ["entity"],
    registers,
    collect() {
      this.reset();
      for (const c of store.quarantine.counts()) if (c.status === "open") this.set({ entity: c.entity }, c.n);
    },
  });
  new Gauge({
    name: "partner_sync_watermark_age_seconds",
    help: "How far behind now each watermark is",
    labelNames: ["system", "object"],
    registers,
    collect() {
      this.reset();
      for (const w of store.watermarks.all()) {
        const t = Date.parse(w.value);
        if (Number.isFinite(t)) this.set({ system: w.system, object: w.object }, (clock() - t) / 1000);
      }
    },
  });
  new Gauge({
    name: "partner_sync_flow_running",
    help: "1 while a run of the flow is in progress in this daemon",
    labelNames: ["flow"],
    registers,
    collect() {
      const running = new Set(options.running());
      for (const flow of options.flows) this.set({ flow }, running.has(flow) ? 1 : 0);
    },
  });

  const runs = new Counter({ name: "partner_sync_runs_total", help: "Runs of each flow by how they ended (skipped: another process held the lease)", labelNames: ["flow", "status"], registers });
  const duration = new Histogram({
    name: "partner_sync_run_duration_seconds",
    help: "How long runs took, by flow and status",
    labelNames: ["flow", "status"],
    // An incremental pass takes seconds; a full reconcile of a large org, tens of minutes.
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600],
    registers,
  });
  const lastSuccess = new Gauge({ name: "partner_sync_last_success_timestamp_seconds", help: "When the last successful (or quarantined) run of the flow ended, Unix seconds", labelNames: ["flow"], registers });
  const read = new Counter({ name: "partner_sync_records_read_total", help: "Records read by sync runs, by flow and entity", labelNames: ["flow", "entity"], registers });
  const written = new Counter({ name: "partner_sync_records_written_total", help: "Records written by sync runs, by flow, entity and the system written to", labelNames: ["flow", "entity", "system"], registers });
  const quarantined = new Counter({ name: "partner_sync_records_quarantined_total", help: "Records quarantined by sync runs, by flow and entity", labelNames: ["flow", "entity"], registers });
  const reconcile = new Gauge({ name: "partner_sync_reconcile_records", help: "The last reconcile report's totals (records, matched, missing, drift, conflicts, quarantined, violations…)", labelNames: ["flow", "measure"], registers });

  for (const flow of options.flows) for (const status of ["succeeded", "quarantined", "failed", "aborted", "skipped"]) runs.inc({ flow, status }, 0);

  return {
    registry,
    recordRun(flow, result, seconds, at) {
      runs.inc({ flow, status: result.status });
      if (result.status === "skipped") return;
      duration.observe({ flow, status: result.status }, seconds);
      if (result.status === "succeeded" || result.status === "quarantined") lastSuccess.set({ flow }, at.getTime() / 1000);
      for (const r of result.records) {
        if (r.read) read.inc({ flow, entity: r.entity }, r.read);
        if (r.quarantined) quarantined.inc({ flow, entity: r.entity }, r.quarantined);
        for (const [system, n] of Object.entries(r.written)) if (n) written.inc({ flow, entity: r.entity, system }, n);
      }
      for (const [measure, n] of Object.entries(result.totals ?? {})) reconcile.set({ flow, measure }, n);
    },
  };
}
