// The indexes SOQL uses for selective predicates, one set per sObject: hash indexes on Id,
// external-id, unique and reference (lookup) fields, and a sorted index on SystemModstamp. They
// cover every row, deleted ones included (queryAll sees them), and are keyed by `readValue`, so a
// key is exactly what `=` compares. The upsert indexes in the store are not reused: they hold live
// rows only and match keys the way upserts do (a number external id given as text matches).
// Rows are addressed by insertion position, which is the scan's order: candidates sorted by
// position come out in the order a full scan would have produced them.
import type { JsonRecord, SfFieldDescribe } from "../contracts.js";
import type { SObjectTable } from "./sobject-table.js";
import { readValue, type Value } from "./soql-values.js";
import { StampIndex } from "./stamp-index.js";

export class HashIndex {
  /** key → position, or the positions when several rows share the key */
  private readonly buckets = new Map<Value, number | Set<number>>();

  constructor(private readonly read: (v: unknown) => Value) {}

  add(value: unknown, position: number): void {
    const key = this.read(value);
    if (key === null) return;
    const b = this.buckets.get(key);
    if (b === undefined) this.buckets.set(key, position);
    else if (typeof b === "number") this.buckets.set(key, new Set([b, position]));
    else b.add(position);
  }

  move(before: unknown, after: unknown, position: number): void {
    const from = this.read(before);
    const to = this.read(after);
    if (from === to) return;
    if (from !== null) {
      const b = this.buckets.get(from);
      if (typeof b === "number") this.buckets.delete(from);
      else if (b) {
        b.delete(position);
        if (b.size === 0) this.buckets.delete(from);
      }
    }
    this.add(after, position);
  }

  /** Rows holding one of `keys` (distinct, not null). */
  count(keys: readonly Value[]): number {
    let n = 0;
    for (const k of keys) {
      const b = this.buckets.get(k);
      n += b === undefined ? 0 : typeof b === "number" ? 1 : b.size;
    }
    return n;
  }

  collect(keys: readonly Value[], out: number[]): void {
    for (const k of keys) {
      const b = this.buckets.get(k);
      if (b === undefined) continue;
      if (typeof b === "number") out.push(b);
      else for (const p of b) out.push(p);
    }
  }
}

export class TableQueryIndex {
  readonly stamps: StampIndex;
  private readonly rowAt: JsonRecord[] = [];
  private readonly positionOf = new Map<string, number>();
  private readonly hashes = new Map<string, HashIndex>();

  constructor(table: SObjectTable) {
    for (const f of table.describe.fields) if (hashIndexed(f)) this.hashes.set(f.name, new HashIndex(readValue(f)));
    this.stamps = new StampIndex((p) => this.rowAt[p]!.SystemModstamp);
  }

  get size(): number {
    return this.rowAt.length;
  }

  row(position: number): JsonRecord {
    return this.rowAt[position]!;
  }

  hash(field: string): HashIndex | undefined {
    return this.hashes.get(field);
  }

  add(record: JsonRecord): void {
    const p = this.rowAt.length;
    this.rowAt.push(record);
    this.positionOf.set(record.Id as string, p);
    for (const [name, h] of this.hashes) h.add(record[name], p);
    this.stamps.add(record.SystemModstamp, p);
  }

  /** `record` (same Id) replaces `old`: an update or a soft delete. */
  replace(old: JsonRecord, record: JsonRecord): void {
    const p = this.positionOf.get(old.Id as string);
    if (p === undefined) throw new Error(`Row ${String(old.Id)} was never indexed`);
    this.rowAt[p] = record;
    for (const [name, h] of this.hashes) h.move(old[name], record[name], p);
    this.stamps.move(old.SystemModstamp, record.SystemModstamp, p);
  }
}

function hashIndexed(f: SfFieldDescribe): boolean {
  return f.type === "id" || f.type === "reference" || f.externalId || f.unique;
}
