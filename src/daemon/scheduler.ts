// Runs each enabled schedule's flow on its cron expression (node-cron, noOverlap), and on demand
// (POST /trigger). One run per schedule at a time in this process; across processes the store's
// lease decides, and a run that finds it held is `skipped` (logged at info: someone else is doing
// the work). A run that fails is logged with its run id and error code and the daemon goes on.
//
// Stopping: no new runs; a running flow may finish within the grace period; after it, the flow's
// lease is taken back from the run, which then stops before its next checkpoint (PS_E_LEASE_LOST,
// the engine's own guard against two writers); after a last bounded wait the run is marked aborted.
import { hostname } from "node:os";
import { createTask, type ScheduledTask } from "node-cron";
import type { Logger } from "../log/logger.js";
import type { Store } from "../store/store.js";
import type { DaemonMetrics } from "./daemon-metrics.js";
import { failed, type FlowResult, type FlowRunner } from "./flow-result.js";
import type { Schedule, Schedules } from "./schedule.schema.js";

export type RunTrigger = "schedule" | "trigger";

export interface LastRun {
  runId: string | null;
  status: FlowResult["status"];
  trigger: RunTrigger;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  error: string | null;
  errorCode: string | null;
}

export interface FlowView {
  name: string;
  schedule: Schedule;
  nextRunAt: string | null;
  running: { runId: string | null; since: string; trigger: RunTrigger } | null;
  lastRun: LastRun | null;
  lastSuccessAt: string | null;
  lastSkippedAt: string | null;
}

export type TriggerAnswer =
  | { kind: "started"; runId: string | null }
  | { kind: "running"; runId: string | null; holder: string }
  | { kind: "unknown" }
  | { kind: "stopping" };

export interface Scheduler {
  flows(): FlowView[];
  running(): string[];
  trigger(name: string): Promise<TriggerAnswer>;
  /** Called after every run (tests and the CLI wait on it instead of on time). */
  onRunEnd(listener: (flow: string, run: LastRun) => void): () => void;
  /** Resolves when no flow runs any more; `ended` false when a flow had to be left behind. */
  stop(options: { graceMs: number; abortWaitMs: number }): Promise<{ ended: boolean }>;
}

export interface SchedulerDeps {
  schedules: Schedules;
  runFlow: FlowRunner;
  store: Store;
  log: Logger;
  metrics?: DaemonMetrics;
  leaseNameOf: (schedule: Schedule) => string;
  clock?: () => Date;
}

interface FlowSlot {
  name: string;
  schedule: Schedule;
  task: ScheduledTask | undefined;
  current: { runId: string | null; since: Date; trigger: RunTrigger; done: Promise<void>; stop: AbortController } | null;
  lastRun: LastRun | null;
  lastSuccessAt: string | null;
  lastSkippedAt: string | null;
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const clock = deps.clock ?? (() => new Date());
  const listeners = new Set<(flow: string, run: LastRun) => void>();
  let stopping = false;
  const slots = new Map<string, FlowSlot>();

  const run = (slot: FlowSlot, trigger: RunTrigger): { runId: Promise<string | null>; done: Promise<void> } => {
    const since = clock();
    let announce!: (id: string | null) => void;
    const runId = new Promise<string | null>((resolve) => (announce = resolve));
    const current: NonNullable<FlowSlot["current"]> = { runId: null, since, trigger, done: Promise.resolve(), stop: new AbortController() };
    slot.current = current;
    const log = deps.log.child({ flow: slot.name });
    log.info({ trigger, flowKind: slot.schedule.flow }, "flow starting");
    current.done = (async () => {
      let result: FlowResult;
      try {
        result = await deps.runFlow(slot.name, slot.schedule, { onRunId: (id) => { current.runId = id; announce(id); }, stop: current.stop.signal });
      } catch (e) {
        result = failed(current.runId, e);
      }
      announce(result.runId);
      const end = clock();
      const seconds = (end.getTime() - since.getTime()) / 1000;
      slot.current = null;
      deps.metrics?.recordRun(slot.name, result, seconds, end);
      const last: LastRun = {
        runId: result.runId, status: result.status, trigger, startedAt: since.toISOString(), finishedAt: end.toISOString(),
        durationSeconds: seconds, error: result.error, errorCode: result.errorCode,
      };
      if (result.status === "skipped") {
        slot.lastSkippedAt = last.finishedAt;
        log.info({ reason: result.error }, "flow skipped: another process holds its lease");
      } else {
        slot.lastRun = last;
        const fields = { runId: result.runId, status: result.status, durationSeconds: seconds, errorCode: result.errorCode, error: result.error };
        if (result.status === "failed" || result.status === "aborted") log.error(fields, "flow failed");
        else {
          slot.lastSuccessAt = last.finishedAt;
          log.info(fields, "flow finished");
        }
      }
      for (const l of listeners) l(slot.name, last);
    })();
    return { runId, done: current.done };
  };

  for (const [name, schedule] of Object.entries(deps.schedules)) {
    const slot: FlowSlot = { name, schedule, task: undefined, current: null, lastRun: null, lastSuccessAt: null, lastSkippedAt: null };
    slots.set(name, slot);
    if (!schedule.enabled) continue;
    const log = deps.log.child({ flow: name });
    slot.task = createTask(schedule.cron, async () => {
      if (stopping) return;
      // A triggered run of this schedule still going: node-cron's noOverlap only knows its own ticks.
      if (slot.current) {
        log.info({ runId: slot.current.runId }, "tick skipped: the flow is still running");
        return;
      }
      await run(slot, "schedule").done;
    }, {
      name, timezone: schedule.timezone, noOverlap: true,
      logger: { info: (m) => log.debug(m), warn: (m) => log.info(m), error: (m, e) => log.error({ err: e ?? m }, "scheduler error"), debug: (m) => log.debug({ m }, "scheduler") },
    });
    void slot.task.start();
    log.info({ cron: schedule.cron, timezone: schedule.timezone, flowKind: schedule.flow, nextRunAt: slot.task.getNextRun()?.toISOString() ?? null }, "flow scheduled");
  }

  const heldElsewhere = (slot: FlowSlot): string | undefined => {
    const lease = deps.store.leases.get(deps.leaseNameOf(slot.schedule));
    return lease && lease.expiresAt > clock().getTime() ? lease.owner : undefined;
  };

  return {
    flows: () => [...slots.values()].map((s) => ({
      name: s.name, schedule: s.schedule,
      nextRunAt: s.task && !stopping ? (s.task.getNextRun()?.toISOString() ?? null) : null,
      running: s.current ? { runId: s.current.runId, since: s.current.since.toISOString(), trigger: s.current.trigger } : null,
      lastRun: s.lastRun, lastSuccessAt: s.lastSuccessAt, lastSkippedAt: s.lastSkippedAt,
    })),
    running: () => [...slots.values()].filter((s) => s.current).map((s) => s.name),
    async trigger(name) {
      const slot = slots.get(name);
      if (!slot) return { kind: "unknown" };
      if (stopping) return { kind: "stopping" };
      if (slot.current) return { kind: "running", runId: slot.current.runId, holder: "this daemon" };
      const holder = heldElsewhere(slot);
      if (holder) return { kind: "running", runId: null, holder };
      return { kind: "started", runId: await run(slot, "trigger").runId };
    },
    onRunEnd(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop({ graceMs, abortWaitMs }) {
      stopping = true;
      for (const s of slots.values()) await s.task?.destroy();
      const busy = () => [...slots.values()].filter((s) => s.current);
      if (busy().length === 0) return { ended: true };
      const all = () => Promise.all(busy().map((s) => s.current?.done)).then(() => true);
      deps.log.info({ flows: busy().map((s) => ({ flow: s.name, runId: s.current?.runId })), graceSeconds: graceMs / 1000 }, "waiting for the running flow to finish");
      if (await within(all(), graceMs)) return { ended: true };
      for (const s of busy()) {
        takeBackLease(deps, s, deps.log);
        s.current?.stop.abort();
      }
      if (await within(all(), abortWaitMs)) return { ended: true };
      for (const s of busy()) {
        deps.log.warn({ flow: s.name, runId: s.current?.runId }, "the flow did not stop in time: its run is marked aborted and left behind");
        if (s.current?.runId && deps.store.runs.get(s.current.runId)?.status === "running") deps.store.runs.finish(s.current.runId, "aborted", {}, "the daemon stopped before the run ended");
      }
      return { ended: false };
    },
  };
}

/** True when `p` settled within `ms`. */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Releases the flow's lease if this process holds it (the engine names owners host:pid:random). The
 * run's next checkpoint then finds the lease gone and stops without writing: the engine's guard
 * against two writers doubles as a clean stop, since nothing after the last checkpoint is lost.
 */
function takeBackLease(deps: SchedulerDeps, slot: FlowSlot, log: Logger): void {
  const name = deps.leaseNameOf(slot.schedule);
  const lease = deps.store.leases.get(name);
  if (!lease || !lease.owner.startsWith(`${hostname()}:${process.pid}:`)) return;
  deps.store.leases.release(name, lease.owner);
  log.warn({ flow: slot.name, runId: slot.current?.runId, lease: name }, "grace period over: the flow stops at its next checkpoint");
}
