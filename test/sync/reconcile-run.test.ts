import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import type { EntityPlanSpec, PlannedWrite } from "../../src/sync/plan.js";
import { runReconcile, type ReconcileSession } from "../../src/sync/reconcile-run.js";

const accrualSpec: EntityPlanSpec = { entity: "RebateAccrual", createIn: ["salesforce"], fields: [{ field: "status", owner: "partner-sync", targets: ["salesforce"] }] };

function session(over: Partial<ReconcileSession> = {}): ReconcileSession & { applied: PlannedWrite[][] } {
  const applied: PlannedWrite[][] = [];
  return {
    applied,
    readAll: async () => ({ specs: [accrualSpec], joined: [{ entity: "RebateAccrual", key: "A-1", views: { salesforce: { values: { status: "Accrued" }, changedSinceSync: false } } }], readAt: {} }),
    decide: () => ({
      derived: [{ entity: "RebateAccrual", key: "A-2", fields: { status: "Accrued" }, reasons: [{ rule: "REB-1", code: "EARNED", message: "closed won" }] }],
      findings: [{ rule: "REB-1", code: "EARNED", message: "closed won", severity: "action", entity: "RebateAccrual", key: "A-2" }],
    }),
    apply: async (w) => {
      applied.push([...w]);
      return { attempted: w.length, succeeded: w.length, failed: 0 };
    },
    ...over,
  };
}

const options = { runId: "r", now: new Date("2026-05-07T12:00:00Z"), apply: false };

describe("runReconcile", () => {
  it("plans the records the rules create that no system holds yet, and reports them missing everywhere", async () => {
    const { report, writes } = await runReconcile(openStore(":memory:"), session(), options);
    expect(writes.map((w) => `${w.key} ${w.system} ${w.create}`)).toEqual(["A-2 salesforce true"]);
    expect(report.entities[0]!.missing).toEqual([{ key: "A-2", presentIn: [], missingIn: ["salesforce"], createdOnApply: ["salesforce"] }]);
    expect(report.entities[0]!.matched).toEqual(["A-1"]);
    expect(report.policy.counts).toEqual([{ rule: "REB-1", violation: 0, action: 1, "not-checkable": 0, info: 0 }]);
  });

  it("plans through the runner's planner when it has one", async () => {
    const s = session({ plan: (j) => (j.key === "A-1" ? [{ entity: "RebateAccrual", key: "A-1", system: "salesforce", create: false, changes: [{ field: "status", from: "Accrued", to: "Paid", owner: "partner-sync", drift: false }], reasons: [] }] : []) });
    const { report, writes } = await runReconcile(openStore(":memory:"), s, { ...options, apply: true });
    expect(writes.map((w) => w.key)).toEqual(["A-1"]);
    expect(s.applied).toEqual([writes]);
    expect(report.entities[0]!.drift.map((d) => `${d.key} ${d.field} ${String(d.expected)}`)).toEqual(["A-1 status Paid"]);
    expect(report.applied).toEqual({ attempted: 1, succeeded: 1, failed: 0 });
  });

  it("does not call apply when --apply finds nothing to repair", async () => {
    const s = session({ decide: () => ({ derived: [], findings: [] }) });
    const { report } = await runReconcile(openStore(":memory:"), s, { ...options, apply: true });
    expect(s.applied).toEqual([]);
    expect(report.applied).toEqual({ attempted: 0, succeeded: 0, failed: 0 });
  });
});
