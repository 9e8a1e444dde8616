// What decide returns, and the collector every decider writes into. The collector owns the two
// properties the engine relies on: a write only for a value that differs from the world's current one
// (so a second pass over the applied result writes nothing), and one deterministic order of writes
// and findings (entity, key, rule…) so the same world and instant give the same bytes.
import type { EntityName } from "../../mapping/canonical-fields.js";
import type { Reason } from "../../rules/decision.js";
import { sameFieldValue, type FieldValue } from "./field-value.js";
import { ReasonCodeTexts } from "./reason-code-texts.js";
import { fieldsInOrder, insertSorted, REASON_CODES, sortedFieldNames } from "./write-fields.js";
import { compareIds, type World } from "./world.js";

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
  /**
   * A decider proposed `derived.reasonCodes` itself (the codes are the record's state, an accrual's
   * why-BLOCKED): the planner writes a change of codes even when no other value changes.
   */
  reasonCodesAlone?: true;
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

/** A value partner-sync keeps on the record, not an action the partner feels: written, not reported. */
export const NO_REPORT = { report: false } as const satisfies ProposeOptions;

const compareRefs = (a: EntityRef, b: EntityRef): number => compareIds(a.entity, b.entity) || compareIds(a.key, b.key);
const compareFindings = (a: PolicyFinding, b: PolicyFinding): number =>
  compareIds(a.rule, b.rule) || compareIds(a.code, b.code) || compareIds(a.message, b.message) || compareIds(a.severity, b.severity);

/**
 * The list in order: a list already in order (most: deciders build them in id order) is kept as given,
 * not copied — 100k findings per pass, often sharing one list — so callers never change a list once
 * reported; another gets a sorted copy.
 */
function sortedRefs(related: readonly EntityRef[]): EntityRef[] {
  for (let i = 1; i < related.length; i++) {
    if (compareRefs(related[i - 1] as EntityRef, related[i] as EntityRef) > 0) return [...related].sort(compareRefs);
  }
  return related as EntityRef[];
}

/** Reasons, or a function building them: messages cost a `toISOString()` or two, so build them only for a write. */
export type ReasonsOrThunk = readonly Reason[] | (() => readonly Reason[]);

/** What the sink holds for one record: its write and its findings, found with one lookup. */
interface RecordDecisions {
  key: string;
  write: DerivedWrite | null;
  findings: PolicyFinding[] | null;
}

/**
 * The records of one entity in key order. Most deciders walk records in id order, so keys usually
 * arrive as a few sorted runs (one per decider): a merge sort on the records finds the runs and merges
 * them with a comparison per record. Keys in no order (registrations arrive by opportunity) are sorted
 * natively instead, then looked up: fewer JS comparator calls than a comparison sort.
 */
function recordsByKey(map: ReadonlyMap<string, RecordDecisions>): RecordDecisions[] {
  let previous = "";
  let descents = 0;
  for (const key of map.keys()) {
    if (previous > key) descents++;
    previous = key;
  }
  if (descents === 0) return [...map.values()];
  if (descents <= 16) return [...map.values()].sort(compareRecordKeys);
  const keys = [...map.keys()].sort();
  const values: RecordDecisions[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = map.get(keys[i] as string) as RecordDecisions;
  return values;
}

const compareRecordKeys = (a: RecordDecisions, b: RecordDecisions): number => compareIds(a.key, b.key);

/**
 * A new write's fields: the changed ones and `derived.reasonCodes` (its value set by `finish`), laid
 * out in code-unit order, so `finish` fills the object in place instead of building it a second time.
 */
function newFields(record: object | null, derived: Readonly<Record<string, FieldValue>> | undefined, desired: Record<string, FieldValue>): Record<string, FieldValue> {
  const names: string[] = [];
  for (const field in desired) if (record === null || !sameFieldValue(currentValue(record, derived, field), desired[field])) insertSorted(names, field);
  insertSorted(names, REASON_CODES);
  const fields: Record<string, FieldValue> = {};
  for (const name of names) fields[name] = name === REASON_CODES ? null : (desired[name] as FieldValue);
  return fields;
}

/** The world's value of a field: `derived.*` from what the systems hold, others from the record. */
function currentValue(record: object, derived: Readonly<Record<string, FieldValue>> | undefined, field: string): FieldValue {
  if (field.startsWith("derived.")) return derived?.[field] ?? null;
  return (record as Record<string, FieldValue | undefined>)[field] ?? null;
}

/**
 * The same text as one flat string. A template literal leaves a tree of cons strings (about five heap
 * objects a message), and every message kept (200k+ a 100k pass) is copied by each young-generation GC
 * until promoted: flattened, it is one object (scavenges ≈ 25 % shorter, measured). `trim` makes V8
 * flatten the text; its result is used only when it is the whole text, so nothing ever changes.
 */
function flat(text: string): string {
  const trimmed = text.trim();
  return trimmed.length === text.length ? trimmed : text;
}

/** Stable, in place, for a record's few findings: Array#sort allocates a work copy per call (tens of thousands per pass). */
function insertionSort<T>(items: T[], compare: (a: T, b: T) => number): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i;
    while (j > 0 && compare(items[j - 1] as T, item) > 0) {
      items[j] = items[j - 1] as T;
      j--;
    }
    items[j] = item;
  }
}

/** Whether any desired value differs from the world's (no closure: this runs for every record, every pass). */
function anyChanged(record: object | null, derived: Readonly<Record<string, FieldValue>> | undefined, desired: Record<string, FieldValue>): boolean {
  for (const field in desired) if (record === null || !sameFieldValue(currentValue(record, derived, field), desired[field])) return true;
  return false;
}

export class DecisionSink {
  // Grouped by entity, then key, as they arrive: `finish` then sorts distinct keys natively instead of
  // comparing 100k+ objects field by field (the order is the same: entity, key, then the rest). A
  // record's write and findings share one entry: one lookup per propose or report, one sort per entity.
  private readonly records = new Map<string, Map<string, RecordDecisions>>();
  private readonly withheld: WithheldValue[] = [];

  constructor(private readonly world: World) {}

  // The record asked for last: deciders write and report one record in a burst (a status, its expiry,
  // its findings), so most repeat lookups are answered by a comparison.
  private lastEntity = "";
  private lastKey = "";
  private lastRecord: RecordDecisions | null = null;

  private recordOf(entity: string, key: string): RecordDecisions {
    if (this.lastRecord !== null && key === this.lastKey && entity === this.lastEntity) return this.lastRecord;
    this.lastEntity = entity;
    this.lastKey = key;
    return (this.lastRecord = this.lookUpRecord(entity, key));
  }

  private lookUpRecord(entity: string, key: string): RecordDecisions {
    let ofEntity = this.records.get(entity);
    if (ofEntity === undefined) this.records.set(entity, (ofEntity = new Map()));
    let record = ofEntity.get(key);
    if (record === undefined) ofEntity.set(key, (record = { key, write: null, findings: null }));
    return record;
  }

  /**
   * Proposes the values the rules want for one record; only the fields whose value differs from the
   * world's are written. `record` null = the record does not exist yet: every field is written.
   * `reasons` may be a function, called only when something is written. Returns whether anything is written.
   */
  propose(entity: EntityName, key: string, record: object | null, desired: Record<string, FieldValue>, reasons: ReasonsOrThunk, options: ProposeOptions = {}): boolean {
    // Hot path (every record, every pass): nothing allocated when unchanged. The fields are compared
    // again when something changed rather than collected into an intermediate object.
    const derived = record === null ? undefined : this.world.derived.get(entity)?.get(key);
    if (!anyChanged(record, derived, desired)) return false;
    const decisions = this.recordOf(entity, key);
    const why = typeof reasons === "function" ? reasons() : reasons;
    for (const r of why) r.message = flat(r.message);
    // Kept lists are copied at their size (`[]` grown by push keeps room for 17; 100k writes a pass).
    const write = decisions.write;
    if (write === null) {
      decisions.write = { entity, key, fields: newFields(record, derived, desired), reasons: why.slice() };
    } else {
      // A second propose for the record: its fields are appended (`finish` sorts them if out of order).
      write.reasons = write.reasons.concat(why);
      const fields = write.fields;
      for (const field in desired) {
        const value = desired[field] as FieldValue;
        if (record !== null && sameFieldValue(currentValue(record, derived, field), value)) continue;
        if (field !== REASON_CODES && Object.hasOwn(fields, field) && !sameFieldValue(fields[field], value)) {
          throw new Error(`decide: two deciders disagree on ${entity} ${key} ${field}`);
        }
        fields[field] = value;
      }
    }
    if (Object.hasOwn(desired, REASON_CODES)) (decisions.write as DerivedWrite).reasonCodesAlone = true;
    if (options.report !== false) {
      for (const r of why) this.add(decisions, "action", entity, key, r, options.related);
    }
    return true;
  }

  report(severity: FindingSeverity, entity: string, key: string, r: Reason, related?: EntityRef[]): void {
    this.add(this.recordOf(entity, key), severity, entity, key, r, related);
  }

  reportAll(severity: FindingSeverity, entity: string, key: string, reasons: readonly Reason[], related?: EntityRef[]): void {
    if (reasons.length === 0) return;
    const decisions = this.recordOf(entity, key);
    for (const r of reasons) this.add(decisions, severity, entity, key, r, related);
  }

  private add(decisions: RecordDecisions, severity: FindingSeverity, entity: string, key: string, r: Reason, related: EntityRef[] | undefined): void {
    // One literal or the other, not a property added later: that would put `related` in a separate
    // property store, one more object for each of 70k+ findings.
    const finding: PolicyFinding = related === undefined || related.length === 0
      ? { rule: r.rule, code: r.code, message: flat(r.message), severity, entity, key }
      : { rule: r.rule, code: r.code, message: flat(r.message), severity, entity, key, related: sortedRefs(related) };
    const findings = decisions.findings;
    if (findings === null) decisions.findings = [finding];
    else if (findings.length === 1) decisions.findings = [findings[0] as PolicyFinding, finding];
    else findings.push(finding);
  }

  withhold(entity: EntityName, key: string, field: string, value: FieldValue, reasons: readonly Reason[]): void {
    this.withheld.push({ entity, key, field, value, reasons: [...reasons] });
  }

  finish(): Decisions {
    const writes: DerivedWrite[] = [];
    const findings: PolicyFinding[] = [];
    const codes = new ReasonCodeTexts();
    // Writes and findings are each in (entity, key) order: the one walk over the sorted records gives both.
    // The default sort is code-unit order (compareIds'), native: no JS comparator call per comparison.
    for (const entity of [...this.records.keys()].sort()) {
      for (const { write: w, findings: ofKey } of recordsByKey(this.records.get(entity) as Map<string, RecordDecisions>)) {
        if (w !== null) {
          if (fieldsInOrder(w.fields)) {
            w.fields[REASON_CODES] = codes.list(w.reasons);
          } else {
            // Fields that arrived out of order (or from several proposes): a sorted copy.
            const fields: Record<string, FieldValue> = {};
            for (const name of sortedFieldNames(w.fields)) fields[name] = name === REASON_CODES ? codes.list(w.reasons) : (w.fields[name] ?? null);
            w.fields = fields;
          }
          // The sink is done with `w`: reuse it rather than copy 100k objects.
          writes.push(w);
        }
        if (ofKey !== null) {
          // Stable: findings equal in every compared field keep the order they were reported in, as before.
          if (ofKey.length > 1) insertionSort(ofKey, compareFindings);
          for (const f of ofKey) findings.push(f);
        }
      }
    }
    const withheld = [...this.withheld].sort((a, b) => compareRefs(a, b) || compareIds(a.field, b.field));
    return { writes, findings, withheld };
  }
}
