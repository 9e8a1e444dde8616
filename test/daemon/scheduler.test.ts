import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import type { FlowResult, FlowRunner } from "../../src/daemon/flow-result.js";
import { scheduleSchema } from "../../src/daemon/schedule.schema.js";
import { startScheduler, type Scheduler } from "../../src/daemon/scheduler.js";
import { PartnerSyncError } from "../../src/errors.js";
import { openStore, type Store } from "../../src/store/store.js";
import { capturedLog, deferred } from "./daemon-harness.js";

const ok = (runId: string): FlowResult => ({ runId, status: "succeeded", error: null, errorCode: null, records: [] });
const sched = (cron: string, enabled = true) => scheduleSchema.parse({ cron, flow: "sync", enabled });

let store: Store;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop({ graceMs: 0, abortWaitMs: 0 });
  store?.close();
});

function start(runFlow: FlowRunner, schedules = { sync: sched("0 0 1 1 *", false) }) {
  store = openStore(":memory:");
  const captured = capturedLog();
  scheduler = startScheduler({ schedules, runFlow, store, log: captured.log, leaseNameOf: () => "sync" });
  return { scheduler, ...captured };
}

describe("scheduler", () => {
  it("runs an enabled schedule on its cron expression and records the run", async () => {
    let n = 0;
    const { scheduler: s } = start(async (_name, _s, hooks) => { hooks.onRunId(`run-${++n}`); return ok(`run-${n}`); }, { sync: sched("* * * * * *") });
    const ended = await new Promise<string>((resolve) => s.onRunEnd((flow, run) => resolve(`${flow} ${run.runId} ${run.trigger} ${run.status}`)));
    expect(ended).toBe("sync run-1 schedule succeeded");
    expect(s.flows()[0]).toMatchObject({ name: "sync", lastRun: { runId: "run-1", status: "succeeded" } });
    expect(s.flows()[0]?.nextRunAt).not.toBeNull();
  });

  it("a trigger starts a run and answers its id; a second trigger while it runs is refused; unknown names are unknown", async () => {
    const release = deferred();
    const { scheduler: s } = start(async (_n, _s, hooks) => { hooks.onRunId("run-a"); await release.promise; return ok("run-a"); });
    expect(await s.trigger("nope")).toEqual({ kind: "unknown" });
    expect(await s.trigger("sync")).toEqual({ kind: "started", runId: "run-a" });
    expect(await s.trigger("sync")).toEqual({ kind: "running", runId: "run-a", holder: "this daemon" });
    expect(s.flows()[0]?.running).toMatchObject({ runId: "run-a", trigger: "trigger" });
    const ended = new Promise((resolve) => s.onRunEnd(resolve));
    release.resolve();
    await ended;
    expect(s.flows()[0]?.running).toBeNull();
  });

  it("a trigger is refused while another process holds the flow's lease", async () => {
    const { scheduler: s } = start(async () => ok("never"));
    store.leases.acquire("sync", "elsewhere:1:abc", 60_000);
    expect(await s.trigger("sync")).toEqual({ kind: "running", runId: null, holder: "elsewhere:1:abc" });
  });

  it("a failed run is logged with its run id and error code, and the next run still happens", async () => {
    let calls = 0;
    const { scheduler: s, lines } = start(async (_n, _s, hooks) => {
      hooks.onRunId(`run-${++calls}`);
      if (calls === 1) throw new PartnerSyncError("PS_E_STORE_OPEN", "disk gone");
      return ok(`run-${calls}`);
    });
    const first = new Promise((resolve) => { const off = s.onRunEnd((_f, r) => { off(); resolve(r); }); });
    await s.trigger("sync");
    expect(await first).toMatchObject({ runId: "run-1", status: "failed", errorCode: "PS_E_STORE_OPEN", error: "disk gone" });
    expect(lines.find((l) => l.msg === "flow failed")).toMatchObject({ level: 50, flow: "sync", runId: "run-1", errorCode: "PS_E_STORE_OPEN" });
    const second = new Promise((resolve) => { const off = s.onRunEnd((_f, r) => { off(); resolve(r); }); });
    expect(await s.trigger("sync")).toEqual({ kind: "started", runId: "run-2" });
    expect(await second).toMatchObject({ runId: "run-2", status: "succeeded" });
  });

  it("a run skipped for a lease held elsewhere is logged at info, and is not the flow's last run", async () => {
    const { scheduler: s, lines } = start(async () => ({ runId: null, status: "skipped", error: "held", errorCode: "PS_E_LEASE_HELD", records: [] }));
    const ended = new Promise((resolve) => s.onRunEnd(resolve));
    await s.trigger("sync");
    await ended;
    expect(lines.find((l) => l.msg.startsWith("flow skipped"))).toMatchObject({ level: 30, flow: "sync" });
    expect(lines.some((l) => l.level >= 50)).toBe(false);
    expect(s.flows()[0]).toMatchObject({ lastRun: null });
    expect(s.flows()[0]?.lastSkippedAt).not.toBeNull();
  });

  it("stopping waits for a running flow that finishes within the grace period, and refuses new triggers", async () => {
    const release = deferred();
    const { scheduler: s, waitFor } = start(async (_n, _s, hooks) => { hooks.onRunId("run-s"); await release.promise; return ok("run-s"); });
    await s.trigger("sync");
    const stopped = s.stop({ graceMs: 60_000, abortWaitMs: 0 });
    await waitFor((l) => l.msg === "waiting for the running flow to finish");
    expect(await s.trigger("sync")).toEqual({ kind: "stopping" });
    release.resolve();
    expect(await stopped).toEqual({ ended: true });
    expect(s.flows()[0]?.lastRun).toMatchObject({ runId: "run-s", status: "succeeded" });
  });

  it("after the grace period the flow's lease is taken back from the run; a run that still does not end is marked aborted", async () => {
    const owner = `${hostname()}:${process.pid}:test1234`;
    const never = deferred<FlowResult>();
    const { scheduler: s, lines } = start(async (_n, _s, hooks) => {
      store.leases.acquire("sync", owner, 60_000);
      store.runs.start({ id: "run-x", kind: "sync" });
      hooks.onRunId("run-x");
      return never.promise;
    });
    await s.trigger("sync");
    expect(await s.stop({ graceMs: 0, abortWaitMs: 0 })).toEqual({ ended: false });
    expect(store.leases.get("sync")).toBeUndefined();
    expect(store.runs.get("run-x")).toMatchObject({ status: "aborted" });
    expect(lines.find((l) => l.msg.startsWith("grace period over"))).toMatchObject({ runId: "run-x", lease: "sync" });
  });

  it("after the grace period the run's stop signal is aborted: a flow that ends on it ends the stop", async () => {
    let signal: AbortSignal | undefined;
    const { scheduler: s } = start(async (_n, _s, hooks) => {
      hooks.onRunId("run-c");
      signal = hooks.stop;
      await new Promise((resolve) => hooks.stop.addEventListener("abort", resolve, { once: true }));
      return { runId: "run-c", status: "aborted", error: "stopped", errorCode: "DAEMON_STOPPED", records: [] };
    });
    await s.trigger("sync");
    expect(signal?.aborted).toBe(false);
    expect(await s.stop({ graceMs: 0, abortWaitMs: 60_000 })).toEqual({ ended: true });
    expect(signal?.aborted).toBe(true);
    expect(s.flows()[0]?.lastRun).toMatchObject({ runId: "run-c", status: "aborted", errorCode: "DAEMON_STOPPED" });
  });
});
