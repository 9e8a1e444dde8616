import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { executeReconcile, reconcileCommand, writeInPieces, type ReconcileCliOptions } from "../../src/cli/reconcile.command.js";
import { openStore, type Store } from "../../src/store/store.js";
import { runCli } from "./run-cli.js";
import type { EntityPlanSpec, JoinedEntity, PlannedWrite } from "../../src/sync/plan.js";
import type { FullRead, ReconcileSession, RulesOutcome } from "../../src/sync/reconcile-run.js";

const spec: EntityPlanSpec = {
  entity: "Partner",
  createIn: ["salesforce"],
  fields: [
    { field: "name", owner: "portal", targets: ["salesforce"] },
    { field: "track", owner: "salesforce", targets: ["portal"] },
  ],
};
const regSpec: EntityPlanSpec = { entity: "DealRegistration", createIn: ["salesforce"], fields: [{ field: "customerName", owner: "portal", targets: ["salesforce"] }] };

const joined: JoinedEntity[] = [
  { entity: "Partner", key: "P-1", views: { portal: { id: "1", values: { name: "Acme", track: "Select" }, changedSinceSync: false }, salesforce: { id: "001", values: { name: "Acme", track: "Select" }, changedSinceSync: false } } },
  { entity: "Partner", key: "P-2", views: { portal: { id: "2", values: { name: "Beta GmbH", track: "Open" }, changedSinceSync: false }, salesforce: { id: "002", values: { name: "Beta", track: "Open" }, changedSinceSync: false } } },
  { entity: "Partner", key: "P-3", views: { portal: { id: "3", values: { name: "Gamma", track: "Open" }, changedSinceSync: false } } },
  { entity: "DealRegistration", key: "R-1", views: { portal: { id: "9", values: { customerName: "Initech" }, changedSinceSync: false } } },
];

class FakeSession implements ReconcileSession {
  readonly applied: PlannedWrite[][] = [];
  readonly asked: (readonly string[] | undefined)[] = [];
  constructor(private readonly failing = 0, private readonly rules?: RulesOutcome) {}
  async readAll(entities: readonly string[] | undefined): Promise<FullRead> {
    this.asked.push(entities);
    return { specs: [spec, regSpec], joined, readAt: { portal: "2026-05-07T11:59:00.000Z", salesforce: "2026-05-07T11:59:30.000Z" } };
  }
  decide(): RulesOutcome | undefined {
    return this.rules;
  }
  async apply(writes: readonly PlannedWrite[]) {
    this.applied.push([...writes]);
    return { attempted: writes.length, succeeded: writes.length - this.failing, failed: this.failing };
  }
}

const NOW = "2026-05-07T12:00:00Z";
const options = (o: Partial<ReconcileCliOptions> = {}): ReconcileCliOptions => ({ format: "table", now: NOW, ...o });

function run(store: Store, session: ReconcileSession, opts: ReconcileCliOptions, files = new Map<string, string>()) {
  return executeReconcile(opts, { store, session, runId: "run-1", clock: () => new Date("2030-01-01T00:00:00Z"), writeFile: (p, t) => void files.set(p, [...t].join("")) });
}

describe("partner-sync reconcile", () => {
  it("reports differences without writing anything but its runs row, and exits 0", async () => {
    const store = openStore(":memory:");
    const session = new FakeSession();
    const r = await run(store, session, options());
    expect(r.code).toBe(0);
    expect(session.applied).toEqual([]);
    expect(r.stdout).toMatch(/^partner-sync reconcile — differences found/);
    expect(r.stderr).toBe("reconcile run-1: differences found — 4 records · 1 matched · 2 missing · 1 drift · 0 conflicts · 0 quarantined · 0 violations · 0 actions\n");
    const runRow = store.runs.get("run-1")!;
    expect(runRow).toMatchObject({ kind: "reconcile", dryRun: true, status: "succeeded", evalAt: "2026-05-07T12:00:00.000Z" });
    expect(runRow.counts).toMatchObject({ matched: 1, missing: 2, drift: 1, plannedWrites: 3 });
    expect(store.watermarks.all()).toEqual([]);
    expect(store.recordState.count()).toBe(0);
    expect(store.quarantine.list()).toEqual([]);
  });

  it("hands --apply exactly the writes the report planned, and records the outcome", async () => {
    const store = openStore(":memory:");
    const session = new FakeSession();
    const r = await run(store, session, options({ apply: true, format: "json" }));
    expect(r.code).toBe(0);
    expect(session.applied).toHaveLength(1);
    expect(session.applied[0]!.map((w) => `${w.entity} ${w.key} ${w.system} ${w.create ? "create" : "update"}`)).toEqual([
      "Partner P-2 salesforce update", "Partner P-3 salesforce create", "DealRegistration R-1 salesforce create",
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ header: { mode: "apply" }, applied: { attempted: 3, succeeded: 3, failed: 0 } });
    expect(store.runs.get("run-1")).toMatchObject({ dryRun: false, status: "succeeded", counts: { written: 3, failed: 0 } });
  });

  it("exits 3 when --apply could not make some repairs", async () => {
    const store = openStore(":memory:");
    const r = await run(store, new FakeSession(1), options({ apply: true }));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("applied 2/3 writes, 1 failed");
    expect(store.runs.get("run-1")!.status).toBe("quarantined");
  });

  it("writes the complete report to --out and one summary line to stdout", async () => {
    const files = new Map<string, string>();
    const r = await run(openStore(":memory:"), new FakeSession(), options({ out: "report.md", format: "md" }), files);
    expect(r.stdout).toMatch(/^reconcile run-1: differences found — .* · report in report\.md\n$/);
    expect(r.stdout.split("\n")).toHaveLength(2);
    expect(files.get("report.md")).toMatch(/^# Reconcile report — differences found/);
    expect(files.get("report.md")).toContain("### Missing (1)");
  });

  it("--format summary writes the run id and totals alone, the same figures as the summary line", async () => {
    const files = new Map<string, string>();
    const r = await run(openStore(":memory:"), new FakeSession(), options({ out: "summary.json", format: "summary" }), files);
    expect(r.stdout).toMatch(/^reconcile run-1: differences found — .* · report in summary\.json\n$/);
    const doc = JSON.parse(files.get("summary.json")!) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["format", "header", "totals"]);
    expect(doc).toMatchObject({ format: "partner-sync.reconcile-summary/1", header: { runId: "run-1" }, totals: r.report!.totals });
  });

  it("keeps to the entities asked for", async () => {
    const session = new FakeSession();
    const r = await run(openStore(":memory:"), session, options({ entity: ["DealRegistration"], format: "json" }));
    expect(session.asked).toEqual([["DealRegistration"]]);
    const doc = JSON.parse(r.stdout) as { entities: { entity: string }[]; totals: { records: number } };
    expect(doc.entities.map((e) => e.entity)).toEqual(["DealRegistration"]);
    expect(doc.totals.records).toBe(1);
  });

  it("puts the rules' violations and actions in the policy section", async () => {
    const rules: RulesOutcome = { derived: [], findings: [{ rule: "PAY-3", code: "NO_BANKING", message: "no banking", severity: "violation", entity: "Partner", key: "P-1" }] };
    const r = await run(openStore(":memory:"), new FakeSession(0, rules), options());
    expect(r.stdout).toMatch(/violation\s+PAY-3\s+NO_BANKING\s+Partner P-1/);
    expect(r.stderr).toContain("1 violations");
  });

  it("refuses an unknown entity or an instant without an offset with exit 2, reading nothing", async () => {
    const session = new FakeSession();
    const store = openStore(":memory:");
    const a = await run(store, session, options({ entity: ["Partners"] }));
    expect(a).toMatchObject({ code: 2, stdout: "" });
    expect(a.stderr).toContain('unknown entity "Partners" (did you mean "Partner"?)');
    const b = await run(store, session, options({ now: "2026-05-07T12:00:00" }));
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--now");
    expect(session.asked).toEqual([]);
    expect(store.runs.recent()).toEqual([]);
  });

  it("evaluates at the clock when --now is not given", async () => {
    const r = await run(openStore(":memory:"), new FakeSession(), options({ now: undefined, format: "json" }));
    expect(JSON.parse(r.stdout).header.evaluatedAt).toBe("2030-01-01T00:00:00.000Z");
  });

  it("marks the run failed when the read fails, and lets the error through", async () => {
    const store = openStore(":memory:");
    const session = new FakeSession();
    session.readAll = () => Promise.reject(new Error("portal: 503"));
    await expect(run(store, session, options())).rejects.toThrow("portal: 503");
    expect(store.runs.get("run-1")).toMatchObject({ status: "failed", error: "portal: 503" });
  });

  it("is a command named reconcile with its options", () => {
    const cmd = reconcileCommand();
    expect(cmd.name()).toBe("reconcile");
    expect(cmd.options.map((o) => o.long)).toEqual(["--entity", "--apply", "--format", "--out", "--now", "--mappings", "--run-id"]);
    // --run-id is how the daemon names the reconcile it starts as a child: not in the help.
    expect(cmd.helpInformation()).not.toContain("--run-id");
  });

  it("refuses a --run-id that is not reconcile-<letters, digits, -> with exit 2, before reading the config", () => {
    const r = runCli(["--config", "/nonexistent.yaml", "reconcile", "--run-id", "sync-1; rm -rf"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--run-id "sync-1; rm -rf" is not reconcile-');
  });
});


describe("writeInPieces", () => {
  it("writes the pieces in order under the path, through a temporary name; a failure leaves the previous file", () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-report-"));
    const path = join(dir, "report.json");
    const big = "x".repeat(700_000);
    writeInPieces(path, ["{", big, "é", big, "}\n"]);
    expect(readFileSync(path, "utf8")).toBe(`{${big}é${big}}\n`);
    function* failing(): Generator<string> {
      yield "partial";
      throw new Error("render failed");
    }
    expect(() => writeInPieces(path, failing())).toThrow("render failed");
    expect(readFileSync(path, "utf8")).toBe(`{${big}é${big}}\n`);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });
});
