// One `partner-sync reconcile` run: full read of every system → decide → plan → compare → (only with
// `--apply`) apply with checkpoints. The reading and writing are the sync runner's (passed in as a
// `ReconcileSession`), so reconcile can never repair differently from what sync would do.
//
// Without --apply the only store write is the run's own `runs` row (kind `reconcile`, dry_run 1) so
// `partner-sync status` shows when the last reconcile ran and what it found. No watermark, no
// record_state, no outcome, audit or quarantine row: a report-only reconcile leaves the next sync
// exactly where it was.
import { assertHeapRoom } from "./heap-guard.js";
import type { ApplyOutcome, ReconcileReport } from "../reports/reconcile-report.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { QuarantineEntry } from "../store/quarantine.repo.js";
import type { Store } from "../store/store.js";
import type { PolicyFinding } from "./decide/decisions.js";
import { planEntity, type EntityPlanSpec, type JoinedEntity, type PlannedWrite } from "./plan.js";
import { compareSystems, type DerivedFor } from "./reconcile-compare.js";

export interface FullRead {
  /** The planner's spec of every entity read (the runner's entity specs). */
  specs: readonly EntityPlanSpec[];
  /** Every record of those entities in every system, normalized, ids translated, joined by key. */
  joined: readonly JoinedEntity[];
  /** When each system's read finished (ISO). */
  readAt: Partial<Record<SystemName, string | null>>;
  newestChangeAt?: Partial<Record<SystemName, string | null>>;
  /** Records this read could not normalize: reported beside the store's quarantine, never stored by a report. */
  failures?: readonly { entity: string; key: string; system: SystemName; code: string; message: string }[];
}

export interface RulesOutcome {
  derived: readonly DerivedFor[];
  findings: readonly PolicyFinding[];
}

/** The runner's side of one reconcile: stateful, so apply writes exactly the records it read. */
export interface ReconcileSession {
  /** Reads everything of `entities` (undefined = every entity the mappings sync). Writes nothing. */
  readAll(entities: readonly string[] | undefined): Promise<FullRead>;
  /** The program rules over what readAll returned, as of `now`; undefined when the rules are not available. */
  decide?(now: Date): RulesOutcome | undefined;
  /**
   * The runner's planner for one record (ownership, DR-8 withheld values, missing external ids), so
   * the report shows exactly what sync would write; default `planEntity` over the joined record.
   */
  plan?(joined: JoinedEntity, spec: EntityPlanSpec, derived: DerivedFor | undefined): PlannedWrite[];
  /** Executes the writes through the runner's apply and checkpoint; only called with --apply. */
  apply(writes: readonly PlannedWrite[]): Promise<ApplyOutcome>;
  /** Releases what the session holds (connectors, the lease --apply took). */
  close?(): void | Promise<void>;
}

export interface ReconcileOptions {
  runId: string;
  now: Date;
  apply: boolean;
  entities?: readonly string[];
}

export interface ReconcileResult {
  report: ReconcileReport;
  writes: PlannedWrite[];
}

export async function runReconcile(store: Store, session: ReconcileSession, options: ReconcileOptions): Promise<ReconcileResult> {
  store.runs.start({ id: options.runId, kind: "reconcile", dryRun: !options.apply, evalAt: options.now.toISOString() });
  try {
    const read = await session.readAll(options.entities);
    const rules = session.decide?.(options.now);
    assertHeapRoom("reconcile: after deciding");
    const wanted = options.entities === undefined ? undefined : new Set(options.entities);
    const specs = read.specs.filter((s) => wanted === undefined || wanted.has(s.entity));
    const derived = new Map((rules?.derived ?? []).map((d) => [`${d.entity}\u0000${d.key}`, d]));
    const specOf = new Map(specs.map((s) => [s.entity, s]));
    // What the rules create that no system holds yet (a new rebate accrual) is a record too.
    const seen = new Set(read.joined.map((j) => `${j.entity}\u0000${j.key}`));
    const created: JoinedEntity[] = [...derived.entries()].filter(([id, d]) => !seen.has(id) && specOf.has(d.entity)).map(([, d]) => ({ entity: d.entity, key: d.key, views: {} }));
    const joined = [...read.joined, ...created];
    // Planned once, here: the report describes exactly the writes apply is handed.
    const writes = joined.flatMap((j) => {
      const spec = specOf.get(j.entity);
      if (spec === undefined) return [];
      const d = derived.get(`${j.entity}\u0000${j.key}`);
      return session.plan ? session.plan(j, spec, d) : planEntity(j, spec, d);
    });
    assertHeapRoom("reconcile: after planning");
    const report = compareSystems({
      runId: options.runId, evaluatedAt: options.now, mode: options.apply ? "apply" : "report",
      specs, joined, writes, quarantine: quarantineOf(store, read, options), readAt: read.readAt,
      ...(rules ? { derived: rules.derived, findings: rules.findings } : {}),
      ...(read.newestChangeAt ? { newestChangeAt: read.newestChangeAt } : {}),
      ...(options.entities ? { entities: options.entities } : {}),
    });
    if (options.apply && writes.length > 0) report.applied = await session.apply(writes);
    else if (options.apply) report.applied = { attempted: 0, succeeded: 0, failed: 0 };
    const failed = report.applied?.failed ?? 0;
    store.runs.finish(options.runId, failed > 0 ? "quarantined" : "succeeded", runCounts(report));
    return { report, writes };
  } catch (e) {
    store.runs.finish(options.runId, "failed", {}, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

/** Open quarantine plus this run's normalization failures (a record already quarantined shows once, from the store). */
function quarantineOf(store: Store, read: FullRead, o: ReconcileOptions): QuarantineEntry[] {
  const stored = store.quarantine.list("open");
  const known = new Set(stored.map((q) => `${q.entity}\u0000${q.key}\u0000${q.system}`));
  const at = o.now.toISOString();
  const fresh = (read.failures ?? []).filter((f) => !known.has(`${f.entity}\u0000${f.key}\u0000${f.system}`));
  return [...stored, ...fresh.map((f, i): QuarantineEntry => ({
    id: -1 - i, entity: f.entity, key: f.key, system: f.system, stage: "normalize", errorCode: f.code, errorMessage: f.message, payload: null,
    status: "open", attempts: 0, firstRunId: o.runId, lastRunId: o.runId, firstSeenAt: at, lastSeenAt: at, resolvedAt: null,
  }))];
}

function runCounts(r: ReconcileReport): Record<string, number> {
  const t = r.totals;
  const counts: Record<string, number> = {
    records: t.records, matched: t.matched, missing: t.missing, drift: t.drift, conflicts: t.conflicts,
    quarantined: t.quarantined, violations: t.violations, actions: t.actions, plannedWrites: t.plannedWrites,
  };
  if (r.applied) Object.assign(counts, { written: r.applied.succeeded, failed: r.applied.failed });
  return counts;
}
