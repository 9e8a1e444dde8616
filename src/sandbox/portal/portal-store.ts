// The portal's records, one table per object, with the bookkeeping the portal does on every write
// (Updated, RecordVersion) and the caches that keep paging fast: a sync reads a large object page by
// page with the same filter and order, so the sorted order and the match list are computed once per
// data version instead of once per page.
import type { Clock, JsonRecord, PortalObjectDef } from "../contracts.js";
import { indexKey, type KeyEqualities, type Predicate, type StoredRecord } from "./filter-evaluator.js";
import { buildObjectSchema, type ObjectSchema } from "./object-schema.js";
import { coerceValue, truncateToSecond } from "./portal-values.js";
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
  order: OrderTerm[];
  skip: number;
  take: number;
}

export type WriteResult = { ok: true; record: StoredRecord } | { ok: false; status: 400 | 404; message: string };

const MATCH_CACHE_SIZE = 8;

export class ObjectTable {
  readonly byId = new Map<number, StoredRecord>();
  private nextId = 1;
  private version = 0;
  private readonly sorted = new Map<string, StoredRecord[]>();
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
    const cacheKey = `${orderKey}\u0000${spec.filterKey}`;
    let hits = this.matches.get(cacheKey);
    if (!hits) {
      const ordered = this.sortedBy(orderKey, spec.order);
      hits = spec.predicate ? ordered.filter(spec.predicate) : ordered;
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
    this.sortRecords(hits, spec.order);
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
    this.touch();
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
    this.touch();
    return { ok: true, record: rec };
  }

  /** Every field present, null when unset: the portal sends nulls rather than omitting keys. */
  private complete(rec: StoredRecord): StoredRecord {
    const out: StoredRecord = {};
    for (const f of this.schema.fields) out[f.name] = rec[f.name] ?? null;
    return out;
  }

  private touch(): void {
    this.version++;
    this.sorted.clear();
    this.matches.clear();
  }

  private sortedBy(orderKey: string, order: OrderTerm[]): StoredRecord[] {
    const cached = this.sorted.get(orderKey);
    if (cached) return cached;
    const all = [...this.byId.values()];
    this.sortRecords(all, order);
    this.sorted.set(orderKey, all);
    return all;
  }

  private sortRecords(records: StoredRecord[], order: OrderTerm[]): void {
    const keys = order.map((o) => ({ ...o, text: this.isText(o.field) }));
    records.sort((a, b) => {
      for (const k of keys) {
        const c = compareValues(a[k.field], b[k.field], k.text);
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }

  private isText(field: string): boolean {
    const v = this.schema.field(field)?.dataType;
    return !["Integer", "Decimal", "Reference", "Boolean", "DateTime"].includes(v ?? "");
  }
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
