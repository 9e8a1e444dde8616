// The comparison half of `partner-sync reconcile` (pure): from every record of every system, joined
// by key, and the plan spec of each entity, say per record what is matched, missing, different or in
// conflict — in the terms of the same planner that `--apply` executes, so the report never promises a
// repair the apply would not make. No I/O, no clock: the instant and the read times come in.
import type { QuarantineEntry } from "../store/quarantine.repo.js";
import type { SystemName } from "../sandbox/contracts.js";
import {
  REPORT_SYSTEMS, type Conflict, type EntityReport, type FieldDifference, type MissingRecord, type PolicySection,
  type QuarantinedRecord, type ReconcileReport, type ReportTotals, type SystemFreshness,
} from "../reports/reconcile-report.js";
import type { PolicyFinding } from "./decide/decisions.js";
import { canonicalEqual } from "./canonical-equal.js";
import { planEntity, type Derived, type EntityPlanSpec, type JoinedEntity, type Owner, type PlannedWrite } from "./plan.js";
import { comparePolicyItems, naturalCompare } from "./reconcile-order.js";

export interface DerivedFor extends Derived {
  entity: string;
  key: string;
}

export interface CompareInput {
  runId: string;
  evaluatedAt: Date;
  mode: "report" | "apply";
  specs: readonly EntityPlanSpec[];
  joined: readonly JoinedEntity[];
  /** What decide derived (its `writes`), fed to the planner for fields partner-sync owns. */
  derived?: readonly DerivedFor[];
  /** The runner's own plan, when it made one (the report then describes exactly those writes). */
  writes?: readonly PlannedWrite[];
  /** decide's findings; undefined = the rules were not run (the policy section says so). */
  findings?: readonly PolicyFinding[];
  /** Open quarantine entries (the store's `quarantine.list("open")`). */
  quarantine?: readonly QuarantineEntry[];
  /** When each system was read; record counts are computed here. */
  readAt?: Partial<Record<SystemName, string | null>>;
  newestChangeAt?: Partial<Record<SystemName, string | null>>;
  /** Only these entities (`--entity`); default every entity of `specs`. */
  entities?: readonly string[];
}

const SEP = "\u0000";

export function compareSystems(input: CompareInput): ReconcileReport {
  const wanted = input.entities === undefined ? undefined : new Set(input.entities);
  const specs = input.specs.filter((s) => wanted === undefined || wanted.has(s.entity)).sort((a, b) => naturalCompare(a.entity, b.entity));
  const derived = new Map((input.derived ?? []).map((d) => [d.entity + SEP + d.key, d]));
  const records = new Map<SystemName, number>(REPORT_SYSTEMS.map((s) => [s, 0]));

  const entities = specs.map((spec) => {
    const joined = input.joined.filter((j) => j.entity === spec.entity);
    for (const j of joined) for (const s of REPORT_SYSTEMS) if (j.views[s] !== undefined) records.set(s, (records.get(s) ?? 0) + 1);
    const writes = input.writes?.filter((w) => w.entity === spec.entity)
      ?? joined.flatMap((j) => planEntity(j, spec, derived.get(spec.entity + SEP + j.key)));
    const quarantine = (input.quarantine ?? []).filter((q) => q.entity === spec.entity && q.status === "open");
    return compareEntity(spec, joined, writes, quarantine);
  });
  // Records held in quarantine under a name no mapping compares (Coupa invoices: a partner's paid
  // invoice that matches no accrual, or a second one for an accrual) get a section of their own —
  // quarantined only — in a report of every entity (`--entity` names mapped entities only).
  const known = new Set(input.specs.map((s) => s.entity));
  const heldAlone = new Map<string, QuarantineEntry[]>();
  for (const q of input.quarantine ?? []) {
    if (q.status !== "open" || known.has(q.entity) || (wanted !== undefined && !wanted.has(q.entity))) continue;
    (heldAlone.get(q.entity) ?? heldAlone.set(q.entity, []).get(q.entity)!).push(q);
  }
  for (const [entity, held] of heldAlone) entities.push(compareEntity({ entity, createIn: [], fields: [] }, [], [], held));
  entities.sort((a, b) => naturalCompare(a.entity, b.entity));

  const systems: SystemFreshness[] = REPORT_SYSTEMS.map((system) => {
    const f: SystemFreshness = { system, readAt: input.readAt?.[system] ?? null, records: records.get(system) ?? 0 };
    const newest = input.newestChangeAt?.[system];
    if (newest !== undefined) f.newestChangeAt = newest;
    return f;
  });
  const policy = policySection(input.findings, wanted);
  return {
    header: { runId: input.runId, evaluatedAt: input.evaluatedAt.toISOString(), mode: input.mode, entities: entities.map((e) => e.entity), systems },
    totals: totalsOf(entities, policy),
    entities,
    policy,
  };
}

function compareEntity(spec: EntityPlanSpec, joinedIn: readonly JoinedEntity[], writes: readonly PlannedWrite[], quarantine: readonly QuarantineEntry[]): EntityReport {
  const expected = REPORT_SYSTEMS.filter((s) => spec.fields.some((f) => f.owner === s || f.targets.includes(s)));
  const quarantinedKeys = new Set(quarantine.map((q) => q.key));
  const writesByKey = new Map<string, PlannedWrite[]>();
  for (const w of writes) writesByKey.set(w.key, [...(writesByKey.get(w.key) ?? []), w]);
  // Two records of one key would be a join defect; the first one wins and the order is by key anyway.
  const byKey = new Map<string, JoinedEntity>();
  for (const j of joinedIn) if (!byKey.has(j.key)) byKey.set(j.key, j);
  const joined = [...byKey.values()].sort((a, b) => naturalCompare(a.key, b.key));

  const matched: string[] = [];
  const missing: MissingRecord[] = [];
  const drift: FieldDifference[] = [];
  const conflicts: Conflict[] = [];
  for (const j of joined) {
    const own = writesByKey.get(j.key) ?? [];
    const presentIn = REPORT_SYSTEMS.filter((s) => j.views[s] !== undefined);
    const missingIn = expected.filter((s) => j.views[s] === undefined);
    if (missingIn.length > 0) {
      const created = new Set(own.filter((w) => w.create).map((w) => w.system));
      missing.push({ key: j.key, presentIn, missingIn, createdOnApply: missingIn.filter((s) => created.has(s)) });
    }
    const diffs = differencesOf(j, spec, own);
    for (const d of diffs) {
      // Both sides edited the same record since we last synced: someone's edit is about to be lost.
      if (!d.byRules && d.owner !== "partner-sync" && j.views[d.owner]?.changedSinceSync === true && d.editedIn.length > 0) conflicts.push({ ...d, resolution: "owner-wins" });
      else drift.push(d);
    }
    if (missingIn.length === 0 && diffs.length === 0 && !quarantinedKeys.has(j.key)) matched.push(j.key);
  }

  const quarantined: QuarantinedRecord[] = quarantine
    .map((q) => ({ key: q.key, system: q.system, stage: q.stage, errorCode: q.errorCode, errorMessage: q.errorMessage, attempts: q.attempts, firstSeenAt: q.firstSeenAt, lastSeenAt: q.lastSeenAt }))
    .sort((a, b) => naturalCompare(a.key, b.key) || naturalCompare(a.system, b.system));
  const keys = new Set([...byKey.keys(), ...quarantinedKeys]);
  return {
    entity: spec.entity,
    counts: {
      records: keys.size,
      matched: matched.length,
      missing: missing.length,
      drift: drift.length,
      driftRecords: new Set(drift.map((d) => d.key)).size,
      conflicts: conflicts.length,
      quarantined: quarantined.length,
      plannedWrites: writes.length,
    },
    matched, missing, drift, conflicts, quarantined,
  };
}

/** The planned updates of existing records, regrouped per field with every system's value beside the owner's. */
function differencesOf(j: JoinedEntity, spec: EntityPlanSpec, writes: readonly PlannedWrite[]): FieldDifference[] {
  const byField = new Map<string, { owner: Owner; to: unknown; writeTo: SystemName[] }>();
  for (const w of writes) {
    if (w.create || j.views[w.system] === undefined) continue;
    for (const c of w.changes) {
      const entry = byField.get(c.field) ?? { owner: c.owner, to: c.to, writeTo: [] };
      entry.writeTo.push(w.system);
      byField.set(c.field, entry);
    }
  }
  const out: FieldDifference[] = [];
  for (const [field, e] of byField) {
    const rule = spec.fields.find((f) => f.field === field);
    const ownerView = e.owner === "partner-sync" ? undefined : j.views[e.owner];
    // Not the owner's value being spread: the rules decided it (the planner lets them override the owner).
    const byRules = ownerView === undefined || e.writeTo.includes(e.owner as SystemName) || !canonicalEqual(ownerView.values[field] ?? null, e.to);
    const values: Partial<Record<Owner, unknown>> = {};
    for (const s of REPORT_SYSTEMS) {
      const view = j.views[s];
      const involved = s === e.owner || e.writeTo.includes(s) || rule?.targets.includes(s) === true;
      if (view !== undefined && involved) values[s] = view.values[field] ?? null;
    }
    if (byRules) values["partner-sync"] = e.to;
    const writeTo = REPORT_SYSTEMS.filter((s) => e.writeTo.includes(s));
    out.push({ key: j.key, field, owner: e.owner, values, expected: e.to, byRules, writeTo, editedIn: writeTo.filter((s) => j.views[s]?.changedSinceSync === true) });
  }
  return out.sort((a, b) => naturalCompare(a.field, b.field));
}

function policySection(findings: readonly PolicyFinding[] | undefined, wanted: ReadonlySet<string> | undefined): PolicySection {
  if (findings === undefined) return { evaluated: false, counts: [], items: [] };
  const items = findings
    .filter((f) => wanted === undefined || f.entity === "World" || wanted.has(f.entity))
    .map((f) => ({ rule: f.rule, code: f.code, severity: f.severity, message: f.message, entity: f.entity, key: f.key, related: [...(f.related ?? [])] }))
    .sort(comparePolicyItems);
  const counts = new Map<string, PolicySection["counts"][number]>();
  for (const i of items) {
    const c = counts.get(i.rule) ?? { rule: i.rule, violation: 0, action: 0, "not-checkable": 0, info: 0 };
    c[i.severity] += 1;
    counts.set(i.rule, c);
  }
  return { evaluated: true, counts: [...counts.values()].sort((a, b) => naturalCompare(a.rule, b.rule)), items };
}

function totalsOf(entities: readonly EntityReport[], policy: PolicySection): ReportTotals {
  const t: ReportTotals = { records: 0, matched: 0, missing: 0, drift: 0, driftRecords: 0, conflicts: 0, quarantined: 0, plannedWrites: 0, violations: 0, actions: 0 };
  for (const e of entities) for (const k of Object.keys(e.counts) as (keyof typeof e.counts)[]) t[k] += e.counts[k];
  for (const c of policy.counts) {
    t.violations += c.violation;
    t.actions += c.action;
  }
  return t;
}
