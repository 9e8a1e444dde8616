// What the run wrote to one object while a read of it was under way, so the read can drop the
// versions it fetched before those writes. A windowed read meets a record the run wrote only in a
// version older than the write: the written version is stamped after the window's end
// (`SystemModstamp`/`Updated` = now), so a read issued after the write does not return it at all.
// A Salesforce query cursor is a snapshot of its window taken when the query ran, and a portal page
// read ahead may have been fetched before the write: either can still hand over the old version.
// Passing that version again would re-decide the record from values the run has just replaced (at
// best a redundant write). Dropping it is what a read issued after the write does.
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";

/** The keys written to one object, by the field they were written by (an external id, or Id). */
export class WrittenKeys {
  private readonly byField = new Map<string, Set<string>>();

  constructor(
    readonly system: SystemName,
    readonly object: string,
  ) {}

  add(field: string, keys: readonly string[]): void {
    if (keys.length === 0) return;
    const set = this.byField.get(field) ?? this.byField.set(field, new Set()).get(field)!;
    for (const k of keys) set.add(k);
  }

  /** Whether `raw` (a record of the object as read) is one of them. */
  has(raw: JsonRecord): boolean {
    for (const [field, keys] of this.byField) {
      const v = raw[field];
      if (v !== null && v !== undefined && keys.has(String(v))) return true;
    }
    return false;
  }

  get size(): number {
    let n = 0;
    for (const keys of this.byField.values()) n += keys.size;
    return n;
  }
}

/** The run's writes, told to whoever watches the object written (system-access.ts calls `wrote`). */
export class WriteLog {
  private readonly watching = new Set<WrittenKeys>();

  /** Collects the writes to (system, object) from now until `unwatch`. */
  watch(system: SystemName, object: string): WrittenKeys {
    const w = new WrittenKeys(system, object);
    this.watching.add(w);
    return w;
  }

  unwatch(w: WrittenKeys): void {
    this.watching.delete(w);
  }

  wrote(system: SystemName, object: string, field: string, keys: readonly string[]): void {
    for (const w of this.watching) if (w.system === system && w.object === object) w.add(field, keys);
  }
}
