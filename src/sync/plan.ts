// The *plan* step (pure): from one entity as every system holds it, joined by key, and the values
// the rules derived, decide which fields each system must receive. Field ownership decides: the
// owner's value is the truth; every other system that receives the field and holds something else
// gets a write. When that system changed since our last sync, the difference is drift (someone
// edited a field they do not own): reported, and overwritten like any other difference.
import type { Reason } from "../rules/decision.js";
import type { SystemName } from "../sandbox/contracts.js";
import { canonicalEqual } from "./canonical-equal.js";

export type Owner = SystemName | "partner-sync";
export type Values = Readonly<Record<string, unknown>>;

export interface SystemView {
  /** The system's own id of the record, when it has one. */
  id?: string;
  values: Values;
  /** The record changed in that system since partner-sync last wrote or saw it. */
  changedSinceSync: boolean;
}

export interface JoinedEntity {
  entity: string;
  key: string;
  views: Partial<Record<SystemName, SystemView>>;
}

export interface FieldRule {
  field: string;
  owner: Owner;
  /** Systems that receive this field (not the owner). */
  targets: readonly SystemName[];
  /**
   * Systems that receive a value the rules derived for this field (a registration Expired per DR-4
   * goes to Salesforce, the owner of status, as well); default `targets`.
   */
  derivedTargets?: readonly SystemName[];
}

export interface EntityPlanSpec {
  entity: string;
  fields: readonly FieldRule[];
  /** Systems where a record missing for this key is created (others are only updated). */
  createIn: readonly SystemName[];
}

/** What the decide step derived for one record: values of fields partner-sync owns, with why. */
export interface Derived {
  fields: Values;
  reasons: readonly Reason[];
  /** The rules proposed the reason codes themselves (an accrual's): a change of codes alone is written. */
  reasonCodesAlone?: boolean;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  owner: Owner;
  drift: boolean;
}

export interface PlannedWrite {
  entity: string;
  key: string;
  system: SystemName;
  create: boolean;
  systemId?: string;
  changes: FieldChange[];
  reasons: Reason[];
}

export function planEntity(joined: JoinedEntity, spec: EntityPlanSpec, derived?: Derived): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  const bySystem = new Map<SystemName, PlannedWrite>();
  const writeFor = (system: SystemName): PlannedWrite => {
    let w = bySystem.get(system);
    if (!w) {
      const view = joined.views[system];
      w = { entity: joined.entity, key: joined.key, system, create: view === undefined, changes: [], reasons: [] };
      if (view?.id !== undefined) w.systemId = view.id;
      bySystem.set(system, w);
      writes.push(w);
    }
    return w;
  };

  for (const rule of spec.fields) {
    const truth = truthOf(joined, rule, derived);
    if (!truth.known) continue;
    const targets = truth.derived ? (rule.derivedTargets ?? rule.targets) : rule.targets;
    for (const target of targets) {
      const view = joined.views[target];
      if (!view && !spec.createIn.includes(target)) continue;
      const current = view?.values[rule.field];
      if (view && canonicalEqual(current, truth.value)) continue;
      if (!view && (truth.value === null || truth.value === undefined)) continue;
      const w = writeFor(target);
      w.changes.push({ field: rule.field, from: current ?? null, to: truth.value ?? null, owner: rule.owner, drift: view !== undefined && view.changedSinceSync && current !== null && current !== undefined });
      if (truth.derived && derived) for (const r of derived.reasons) if (!w.reasons.includes(r)) w.reasons.push(r);
    }
  }
  return writes.filter((w) => w.changes.length > 0);
}

function truthOf(joined: JoinedEntity, rule: FieldRule, derived: Derived | undefined): { known: boolean; value?: unknown; derived?: boolean } {
  // What the rules decide wins over the owner's value (architecture.md: partner-sync owns what the rules derive).
  if (derived && Object.hasOwn(derived.fields, rule.field)) return { known: true, value: derived.fields[rule.field], derived: true };
  if (rule.owner === "partner-sync") return { known: false };
  const ownerView = joined.views[rule.owner];
  // Without the owner's record there is no truth to spread: nothing is written for this field.
  return ownerView ? { known: true, value: ownerView.values[rule.field] } : { known: false };
}
