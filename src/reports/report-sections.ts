// The reconcile report as titled sections of display rows, shared by the table and Markdown
// renderers so both say the same thing in the same order; each renderer only lays them out.
import type { SystemName } from "../sandbox/contracts.js";
import type { Owner } from "../sync/plan.js";
import { maskEmails } from "./mask-personal.js";
import { REPORT_SYSTEMS, type EntityReport, type FieldDifference, type PolicySection, type ReconcileReport } from "./reconcile-report.js";
import { displayValue, EMPTY } from "./report-value.js";

export interface Section {
  title: string;
  /** What the section means for whoever reads it; one line. */
  hint?: string;
  headers: string[];
  rows: string[][];
}

const list = (items: readonly string[]): string => (items.length === 0 ? EMPTY : items.join(", "));

export function headerLines(r: ReconcileReport): string[] {
  const h = r.header;
  const mode = h.mode === "apply" ? "apply (repairs written)" : "report only (nothing written)";
  return [
    `run ${h.runId} · evaluated at ${h.evaluatedAt} · ${mode}`,
    `entities: ${list(h.entities)}`,
  ];
}

export function systemsSection(r: ReconcileReport): Section {
  return {
    title: "Systems",
    headers: ["system", "read at", "records", "newest change"],
    rows: r.header.systems.map((s) => [s.system, s.readAt ?? "not read", String(s.records), s.newestChangeAt ?? EMPTY]),
  };
}

export function summarySection(r: ReconcileReport): Section {
  const row = (name: string, c: EntityReport["counts"]): string[] =>
    [name, c.records, c.matched, c.missing, c.drift, c.conflicts, c.quarantined, c.plannedWrites].map(String);
  return {
    title: "Summary",
    headers: ["entity", "records", "matched", "missing", "drift", "conflicts", "quarantined", "writes planned"],
    rows: [...r.entities.map((e) => row(e.entity, e.counts)), row("total", r.totals)],
  };
}

export function policyCountsSection(p: PolicySection): Section {
  return {
    title: "Policy",
    hint: p.evaluated ? undefined : "the program rules were not evaluated in this run",
    headers: ["rule", "violations", "actions", "not checkable", "info"],
    rows: p.counts.map((c) => [c.rule, c.violation, c.action, c["not-checkable"], c.info].map(String)),
  };
}

export function policyItemsSection(p: PolicySection): Section {
  return {
    title: "Policy findings",
    hint: "violations need a person; actions are what partner-sync changes (or changed with --apply), with the rule's reason",
    headers: ["severity", "rule", "code", "record", "related", "reason"],
    rows: p.items.map((i) => [
      i.severity, i.rule, i.code, `${i.entity} ${i.key}`,
      list(i.related.map((x) => `${x.entity} ${x.key}`)), maskEmails(i.message),
    ]),
  };
}

/** Value columns only for the systems that hold a value in some row, owner-first reading order. */
function valueColumns(rows: readonly FieldDifference[]): Owner[] {
  const all: Owner[] = [...REPORT_SYSTEMS, "partner-sync"];
  return all.filter((o) => rows.some((d) => Object.hasOwn(d.values, o)));
}

function differenceSection(title: string, hint: string, rows: readonly FieldDifference[]): Section {
  const columns = valueColumns(rows);
  return {
    title,
    hint,
    headers: ["key", "field", "owner", ...columns.map((c) => (c === "partner-sync" ? "rules (partner-sync)" : c)), "writes to", "edited in"],
    rows: rows.map((d) => [
      d.key, d.field, d.owner,
      ...columns.map((c) => (Object.hasOwn(d.values, c) ? displayValue(d.values[c], d.field) : "(no record)")),
      list(d.writeTo), list(d.editedIn),
    ]),
  };
}

const systems = (s: readonly SystemName[]): string => list(s);

export function entitySections(e: EntityReport): Section[] {
  return [
    {
      title: "Missing",
      hint: "records some systems lack; 'created on --apply' is where apply creates them, anything else needs a person",
      headers: ["key", "present in", "missing in", "created on --apply"],
      rows: e.missing.map((m) => [m.key, systems(m.presentIn), systems(m.missingIn), systems(m.createdOnApply)]),
    },
    differenceSection("Drift", "fields that differ from the owner's value (or the rules' decision); --apply writes that value to 'writes to'", e.drift),
    differenceSection("Conflicts", "owner and receiver both changed since the last sync; --apply keeps the owner's value and overwrites the receiver's edit", e.conflicts),
    {
      title: "Quarantined",
      hint: "records partner-sync could not read or write; see `partner-sync status` and fix the record or the mapping",
      headers: ["key", "system", "stage", "attempts", "since", "error"],
      rows: e.quarantined.map((q) => [q.key, q.system, q.stage, String(q.attempts), q.firstSeenAt, `${q.errorCode}: ${maskEmails(q.errorMessage)}`]),
    },
  ];
}

export function matchedLine(e: EntityReport, maxItems: number): string {
  if (e.matched.length === 0) return `Matched: none of ${e.counts.records}`;
  const shown = e.matched.slice(0, maxItems);
  const more = e.matched.length - shown.length;
  return `Matched (${e.matched.length}): ${shown.join(", ")}${more > 0 ? ` …and ${more} more` : ""}`;
}

export const MORE_HINT = "(use --format json or --out)";

export function appliedLine(r: ReconcileReport): string | undefined {
  const a = r.applied;
  if (a === undefined) return undefined;
  return `Applied: ${a.succeeded} of ${a.attempted} record writes succeeded, ${a.failed} failed (quarantined)`;
}
