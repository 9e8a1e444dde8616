// The portal's records, one table per object, with the bookkeeping the portal does on every write
// (Updated, RecordVersion) and what keeps paging fast, as the real portal's indexes do: each order a
// list asks for is kept sorted across writes (a write adds the new version and leaves the old one as a
// stale entry, instead of sorting the table again), a filter bounding the order's leading field (a
// keyset page: `Updated > a or (Updated = a and Id > n)`, within a window) is answered from a binary
// search instead of testing every record, and the match list of any other filter is cached until the next write.
import type { Clock, JsonRecord, PortalObjectDef } from "../contracts.js";
import { indexKey, type FieldRange, type KeyEqualities, type Predicate, type StoredRecord } from "./filter-evaluator.js";
import { buildObjectSchema, type ObjectSchema } from "./object-schema.js";
import { coerceValue, truncateToSecond } from "./portal-values.js";
import { StaleRows } from "./stale-rows.js";
import { validateWrite } from "./write-validation.js";

export interface OrderTerm {
  field: string; // canonical field name
  desc: boolean;
}

export interface ListSpec {
  predicate?: Predicate;
  /** The filter is equalities of one field (a key lookup): candidates come from that field's index. */
  equalities?: KeyEqualities;
  /** Identifies the predicate for the match cache (the normalised filter text). */
  filterKey: string;
  /** What the filter confines the order's leading field to (asc, numeric or date-time), if anything. */
  range?: FieldRange;
  /**
   * Every record whose leading field lies strictly inside `range` matches (holdsBetween): the records
   * past the page there are counted, not tested.
   */
  allBetween?: boolean;
  order: OrderTerm[];
  skip: number;
  take: number;
}

export type WriteResult = { ok: true; record: StoredRecord } | { ok: false; status: 400 | 404; message: string };

const MATCH_CACHE_SIZE = 8;

/**
 * The table in one order. `rows` is sorted and may hold stale entries (versions a write replaced:
 * `byId` no longer points at them), skipped when read and flagged by position in `staleAt`; written
 * versions wait in `pending` until the next read sorts and appends (or merges) them. Compacted once
 * stale entries outnumber the records.
 */
interface SortedView {
  compare: (a: StoredRecord, b: StoredRecord) => number;
  rows: StoredRecord[];
  staleAt: StaleRows;
  pending: StoredRecord[];
  stale: number;
}

export class ObjectTable {
  readonly byId = new Map<number, StoredRecord>();
  private nextId = 1;
  private readonly sorted = new Map<string, SortedView>();
  private readonly matches = new Map<string, StoredRecord[]>();
  /**
   * Per field looked up by equalities, index key → ids; built on the first such lookup and kept up to
   * date by every write. Without it a key lookup after a write sorted and scanned the whole table
   * (100k registrations: the sandbox, not the worker, set the pace of a size-100000 sync).
   */
  private readonly indexes = new Map<string, Map<unknown, Set<number>>>();

  constructor(
    readonly schema: ObjectSchema,
    private readonly clock: Clock,
  ) {}

  seed(records: JsonRecord[]): void {
    const now = truncateToSecond(this.clock().getTime());
    const pending: StoredRecord[] = [];
    for (const raw of records) {
      const rec: StoredRecord = {};
      for (const [key, value] of Object.entries(raw)) {
        const field = this.schema.field(key);
        if (!field) throw new Error(`portal seed: ${this.schema.name} has no field '${key}'`);
        const coerced = coerceValue(field, value, true);
        if (!coerced.ok) throw new Error(`portal seed: ${this.schema.name}: ${coerced.message}`);
        rec[field.name] = coerced.value;
      }
      pending.push(rec);
    }
    for (const rec of pending) {
      if (typeof rec.Id === "number") this.nextId = Math.max(this.nextId, rec.Id + 1);
    }
    for (const rec of pending) {
      if (typeof rec.Id !== "number") rec.Id = this.nextId++;
      if (this.byId.has(rec.Id as number)) throw new Error(`portal seed: ${this.schema.name} Id ${String(rec.Id)} twice`);
      rec.Created ??= now;
      rec.Updated ??= rec.Created;
      rec.RecordVersion ??= 1;
      this.byId.set(rec.Id as number, this.complete(rec));
    }
    this.touch();
  }

  list(spec: ListSpec): { count: number; page: StoredRecord[] } {
    if (spec.equalities) return this.listByIndex(spec, spec.equalities);
    const orderKey = spec.order.map((o) => `${o.field} ${o.desc ? "desc" : "asc"}`).join(",");
    // A keyset page (a range on the leading field) names a new anchor each time: its matches are
    // counted and only its page kept — no list of every match built, none cached.
    if (spec.range) return this.scan(this.sortedBy(orderKey, spec.order), spec, spec.skip, spec.take);
    const cacheKey = `${orderKey}\u0000${spec.filterKey}`;
    let hits = this.matches.get(cacheKey);
    if (!hits) {
      hits = this.scan(this.sortedBy(orderKey, spec.order), spec, 0, Infinity).page;
      if (this.matches.size >= MATCH_CACHE_SIZE) this.matches.delete(this.matches.keys().next().value as string);
      this.matches.set(cacheKey, hits);
    }
    return { count: hits.length, page: hits.slice(spec.skip, spec.skip + spec.take) };
  }

  private listByIndex(spec: ListSpec, eq: KeyEqualities): { count: number; page: StoredRecord[] } {
    const index = this.indexOf(eq.field);
    const ids = new Set<number>();
    for (const k of eq.keys) for (const id of index.get(k) ?? []) ids.add(id);
    const hits = [...ids].map((id) => this.byId.get(id)!).filter((r) => spec.predicate?.(r) ?? true);
    hits.sort(this.comparator(spec.order));
    return { count: hits.length, page: hits.slice(spec.skip, spec.skip + spec.take) };
  }

  private indexOf(field: string): Map<unknown, Set<number>> {
    let index = this.indexes.get(field);
    if (index) return index;
    this.indexes.set(field, (index = new Map()));
    for (const rec of this.byId.values()) this.addToIndex(index, rec[field], rec.Id as number);
    return index;
  }

  private addToIndex(index: Map<unknown, Set<number>>, value: unknown, id: number): void {
    if (value == null) return;
    const k = indexKey(value);
    (index.get(k) ?? index.set(k, new Set()).get(k)!).add(id);
  }

  /** A record written: every built index follows (the old values out, the new in). */
  private reindex(before: StoredRecord | undefined, after: StoredRecord): void {
    const id = after.Id as number;
    for (const [field, index] of this.indexes) {
      if (before && before[field] === after[field]) continue;
      if (before && before[field] != null) index.get(indexKey(before[field]))?.delete(id);
      this.addToIndex(index, after[field], id);
    }
  }

  create(body: unknown): WriteResult {
    const check = validateWrite(this.schema, body, "create");
    if (!check.ok) return { ok: false, status: 400, message: check.message };
    const now = truncateToSecond(this.clock().getTime());
    const rec = this.complete({ ...check.values, Id: this.nextId++, Created: now, Updated: now, RecordVersion: 1 });
    this.byId.set(rec.Id as number, rec);
    this.reindex(undefined, rec);
    this.wrote(undefined, rec);
    return { ok: true, record: rec };
  }

  update(id: number, body: unknown): WriteResult {
    const current = this.byId.get(id);
    if (!current) return { ok: false, status: 404, message: `${this.schema.name} ${id} not found` };
    const check = validateWrite(this.schema, body, "update");
    if (!check.ok) return { ok: false, status: 400, message: check.message };
    // Updated must move on every write, even two writes within one second of the clock.
    const updated = Math.max(truncateToSecond(this.clock().getTime()), (current.Updated as number) + 1000);
    // A new object per version: rendered forms are cached by identity.
    const rec = { ...current, ...check.values, Updated: updated, RecordVersion: (current.RecordVersion as number) + 1 };
    this.byId.set(id, rec);
    this.reindex(current, rec);
    this.wrote(current, rec);
    return { ok: true, record: rec };
  }

  /** Every field present, null when unset: the portal sends nulls rather than omitting keys. */
  private complete(rec: StoredRecord): StoredRecord {
    const out: StoredRecord = {};
    for (const f of this.schema.fields) out[f.name] = rec[f.name] ?? null;
    return out;
  }

  /** Seeding replaces the data wholesale: every cache goes. */
  private touch(): void {
    this.sorted.clear();
    this.matches.clear();
  }

  /** One record written (`before` the version it replaced): the sorted views follow, the match lists go. */
  private wrote(before: StoredRecord | undefined, after: StoredRecord): void {
    this.matches.clear();
    for (const view of this.sorted.values()) {
      view.pending.push(after);
      if (!before) continue;
      view.stale++;
      // Flagged where it sits in `rows`; a version still pending is flagged when it is appended.
      const at = positionOf(view, before);
      if (at >= 0) view.staleAt.mark(at);
    }
  }

  private sortedBy(orderKey: string, order: OrderTerm[]): SortedView {
    let view = this.sorted.get(orderKey);
    if (!view) {
      const compare = this.comparator(order);
      const rows = [...this.byId.values()].sort(compare);
      view = { compare, rows, staleAt: this.staleFlags(rows), pending: [], stale: 0 };
      this.sorted.set(orderKey, view);
      return view;
    }
    const compare = view.compare;
    if (view.pending.length > 0) {
      const tail = view.pending.sort(compare);
      view.pending = [];
      const last = view.rows[view.rows.length - 1];
      // Writes stamp Updated "now", which sorts last in the usual order: appended, not merged.
      if (last === undefined || compare(last, tail[0] as StoredRecord) <= 0) {
        for (const r of tail) {
          view.rows.push(r);
          view.staleAt.push(this.byId.get(r.Id as number) !== r);
        }
      } else {
        view.rows = merge(view.rows, tail, compare);
        view.staleAt = this.staleFlags(view.rows);
      }
    }
    if (view.stale > this.byId.size) {
      view.rows = view.rows.filter((r) => this.byId.get(r.Id as number) === r);
      view.staleAt = this.staleFlags(view.rows);
      view.stale = 0;
    }
    return view;
  }

  private staleFlags(rows: readonly StoredRecord[]): StaleRows {
    const flags = new StaleRows();
    for (const r of rows) flags.push(this.byId.get(r.Id as number) !== r);
    return flags;
  }

  /**
   * The live records of the view that match, in order — the `take` of them after `skip`, and how many
   * match in all: from the binary-searched range only, when the filter bounds the leading field. When
   * every record strictly inside the range matches (`allBetween`: a keyset page within its window),
   * the records of that stretch past the page are counted from the stale flags, not tested one by one.
   */
  private scan(view: SortedView, spec: ListSpec, skip: number, take: number): { count: number; page: StoredRecord[] } {
    const rows = view.rows;
    let from = 0;
    let to = rows.length;
    // [inFrom, inTo): the rows whose leading field is strictly inside the range (empty unless allBetween).
    let inFrom = to;
    let inTo = to;
    const lead = spec.order[0];
    const range = spec.range;
    if (range && lead && !lead.desc) {
      // Nulls sort first: below any bound, admitted only by an unbounded start.
      const key = (r: StoredRecord): number => (r[lead.field] == null ? -Infinity : (r[lead.field] as number));
      from = firstIndex(rows, (r) => { const k = key(r); return k > range.lo || (k === range.lo && !range.loOpen); });
      to = firstIndex(rows, (r) => { const k = key(r); return k > range.hi || (k === range.hi && range.hiOpen); });
      if (spec.allBetween) {
        inFrom = firstIndex(rows, (r) => key(r) > range.lo);
        inTo = firstIndex(rows, (r) => key(r) >= range.hi);
      }
    }
    const page: StoredRecord[] = [];
    const end = skip + take;
    const predicate = spec.predicate;
    const checkStale = view.stale > 0;
    let count = 0;
    for (let i = from; i < to; i++) {
      if (count >= end && i >= inFrom && i < inTo) {
        count += inTo - i - view.staleAt.between(i, inTo);
        i = inTo - 1;
        continue;
      }
      const r = rows[i] as StoredRecord;
      if (checkStale && this.byId.get(r.Id as number) !== r) continue;
      if (predicate !== undefined && !predicate(r)) continue;
      if (count >= skip && count < end) page.push(r);
      count++;
    }
    return { count, page };
  }

  private comparator(order: OrderTerm[]): (a: StoredRecord, b: StoredRecord) => number {
    const keys = order.map((o) => ({ ...o, text: this.isText(o.field) }));
    return (a, b) => {
      for (const k of keys) {
        const c = compareValues(a[k.field], b[k.field], k.text);
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    };
  }

  private isText(field: string): boolean {
    const v = this.schema.field(field)?.dataType;
    return !["Integer", "Decimal", "Reference", "Boolean", "DateTime"].includes(v ?? "");
  }
}

/** Where `rec` sits in the view's sorted rows, or -1 when it is not there (still pending). */
function positionOf(view: SortedView, rec: StoredRecord): number {
  const rows = view.rows;
  // Rows equal in the view's order are versions of one record (every order ends with Id).
  for (let i = firstIndex(rows, (r) => view.compare(r, rec) >= 0); i < rows.length && view.compare(rows[i] as StoredRecord, rec) === 0; i++) {
    if (rows[i] === rec) return i;
  }
  return -1;
}

/** The first index whose row passes `atOrAfter` (false then true along the sorted rows), or rows.length. */
function firstIndex(rows: readonly StoredRecord[], atOrAfter: (r: StoredRecord) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(rows[mid] as StoredRecord)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function merge(a: readonly StoredRecord[], b: readonly StoredRecord[], compare: (x: StoredRecord, y: StoredRecord) => number): StoredRecord[] {
  const out: StoredRecord[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i] as StoredRecord, b[j] as StoredRecord) <= 0 ? (a[i++] as StoredRecord) : (b[j++] as StoredRecord);
  while (i < a.length) out[k++] = a[i++] as StoredRecord;
  while (j < b.length) out[k++] = b[j++] as StoredRecord;
  return out;
}

/** SQL Server order *(choice)*: nulls first ascending, text case-insensitive. */
function compareValues(a: unknown, b: unknown, text: boolean): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  if (text) {
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
}

export function buildTables(objects: PortalObjectDef[], records: Record<string, JsonRecord[]>, clock: Clock) {
  const tables = new Map<string, ObjectTable>();
  for (const def of objects) {
    const table = new ObjectTable(buildObjectSchema(def), clock);
    table.seed(records[def.name] ?? []);
    tables.set(def.name.toLowerCase(), table);
  }
  for (const name of Object.keys(records)) {
    if (!tables.has(name.toLowerCase())) throw new Error(`portal seed: records for undefined object '${name}'`);
  }
  return tables;
}

export type { ObjectSchema };
