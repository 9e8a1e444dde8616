// What decide returns, and the collector every decider writes into. The collector owns the two
// properties the engine relies on: a write only for a value that differs from the world's current one
// (so a second pass over the applied result writes nothing), and one deterministic order of writes
// and findings (entity, key, rule…) so the same world and instant give the same bytes.
import type { EntityName } from "../../mapping/canonical-fields.js";
import type { Reason } from "../../rules/decision.js";
import { sameFieldValue, type FieldValue } from "./field-value.js";
import { compareIds, currentDerived, type World } from "./world.js";

export type FindingSeverity = "violation" | "action" | "not-checkable" | "info";

export interface EntityRef {
  entity: string;
  key: string;
}

export interface PolicyFinding {
  rule: string;
  code: string;
  message: string;
  severity: FindingSeverity;
  /** An entity name of canonical-fields, or "World" for a finding about the whole data set. */
  entity: string;
  key: string;
  related?: EntityRef[];
}

/** Values of fields partner-sync owns for one record, with why (the planner's `Derived`). */
export interface DerivedWrite {
  entity: EntityName;
  key: string;
  fields: Record<string, FieldValue>;
  reasons: Reason[];
}

/** A value a source system holds that the planner must NOT spread to the others (DR-8). */
export interface WithheldValue {
  entity: EntityName;
  key: string;
  field: string;
  value: FieldValue;
  reasons: Reason[];
}

export interface Decisions {
  writes: DerivedWrite[];
  findings: PolicyFinding[];
  withheld: WithheldValue[];
}

export interface ProposeOptions {
  /** Also report each reason as an "action" finding (status changes the partner feels), default true. */
  report?: boolean;
  related?: EntityRef[];
}

const compareRefs = (a: EntityRef, b: EntityRef): number => compareIds(a.entity, b.entity) || compareIds(a.key, b.key);

export class DecisionSink {
  private readonly writes = new Map<string, DerivedWrite>();
  private readonly findings: PolicyFinding[] = [];
  private readonly withheld: WithheldValue[] = [];

  constructor(private readonly world: World) {}

  /**
   * Proposes the values the rules want for one record; only the fields whose value differs from the
   * world's are written. `record` null = the record does not exist yet: every field is written.
   * Returns whether anything is written.
   */
  propose(entity: EntityName, key: string, record: object | null, desired: Record<string, FieldValue>, reasons: readonly Reason[], options: ProposeOptions = {}): boolean {
    // Hot path (every record, every pass): no intermediate arrays, nothing allocated when unchanged.
    let changed: Record<string, FieldValue> | null = null;
    for (const field in desired) {
      const value = desired[field] as FieldValue;
      if (record !== null) {
        const current = field.startsWith("derived.")
          ? currentDerived(this.world, entity, key, field)
          : ((record as Record<string, FieldValue | undefined>)[field] ?? null);
        if (sameFieldValue(current, value)) continue;
      }
      (changed ??= {})[field] = value;
    }
    if (changed === null) return false;
    const id = `${entity}\u0000${key}`;
    let write = this.writes.get(id);
    if (write === undefined) this.writes.set(id, (write = { entity, key, fields: {}, reasons: [] }));
    for (const field in changed) {
      const value = changed[field] as FieldValue;
      if (Object.hasOwn(write.fields, field) && !sameFieldValue(write.fields[field], value)) {
        throw new Error(`decide: two deciders disagree on ${entity} ${key} ${field}`);
      }
      write.fields[field] = value;
    }
    for (const r of reasons) write.reasons.push(r);
    if (options.report !== false) this.reportAll("action", entity, key, reasons, options.related);
    return true;
  }

  report(severity: FindingSeverity, entity: string, key: string, r: Reason, related?: EntityRef[]): void {
    const finding: PolicyFinding = { rule: r.rule, code: r.code, message: r.message, severity, entity, key };
    if (related !== undefined && related.length > 0) finding.related = [...related].sort(compareRefs);
    this.findings.push(finding);
  }

  reportAll(severity: FindingSeverity, entity: string, key: string, reasons: readonly Reason[], related?: EntityRef[]): void {
    for (const r of reasons) this.report(severity, entity, key, r, related);
  }

  withhold(entity: EntityName, key: string, field: string, value: FieldValue, reasons: readonly Reason[]): void {
    this.withheld.push({ entity, key, field, value, reasons: [...reasons] });
  }

  finish(): Decisions {
    const writes = [...this.writes.values()].sort(compareRefs).map((w) => {
      const fields: Record<string, FieldValue> = {};
      // Every write carries the codes of its reasons, so a system shows why without our audit.
      const codes = [...new Set(w.reasons.map((r) => `${r.rule}:${r.code}`))];
      const all: Record<string, FieldValue> = { ...w.fields, "derived.reasonCodes": codes };
      for (const field of Object.keys(all).sort(compareIds)) fields[field] = all[field] ?? null;
      return { ...w, fields };
    });
    const findings = [...this.findings].sort((a, b) =>
      compareRefs(a, b) || compareIds(a.rule, b.rule) || compareIds(a.code, b.code) || compareIds(a.message, b.message) || compareIds(a.severity, b.severity));
    const withheld = [...this.withheld].sort((a, b) => compareRefs(a, b) || compareIds(a.field, b.field));
    return { writes, findings, withheld };
  }
}
