// A run-scoped local copy of whole objects, so a run that reads everything (the first run, --full)
// answers its by-key lookups (counterparts, siblings, partners, people, accruals…) from one streamed
// read per object instead of one query per page and lookup: at demo size 10,000 that was ≈ 850
// Salesforce queries and ≈ 1,100 portal list reads, one after the other (docs/bench.md).
//
// Where: a private temporary SQLite database (`new Database("")`): its pages live in a bounded cache
// and spill to an anonymous file SQLite deletes on close — and that the OS reclaims if the process is
// killed — so memory stays bounded at any size and nothing is left behind, not even by a dry run.
//
// Consistency: an object is copied the first time the run looks one of its records up, after the run
// started, so what it holds is at least as new as the run's window (a change made after the copy has a
// modification stamp after the run's start and is read by the next run). Records the run itself
// writes are marked stale and read again from the system — in one batch — before the next lookup of
// that object, so the rules of a later page see what the systems hold after our own writes, exactly
// as direct lookups do.
//
// Matching follows the systems: text compares case-insensitively (SOQL `IN`, the portal's `=`).
import type Database from "better-sqlite3";
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";
import { openScratchDatabase } from "./scratch-database.js";

export interface MirrorSource {
  /** Every record of the object with these fields (the connector's readAll). */
  readAll(object: string, fields: readonly string[]): AsyncIterable<{ records: JsonRecord[] }>;
  /** Records whose `field` holds one of `values` (the connector's readByKeys). */
  readByKeys(object: string, field: string, values: readonly string[], fields: readonly string[]): Promise<JsonRecord[]>;
}

interface MirroredObject {
  id: number;
  system: SystemName;
  object: string;
  fields: ReadonlySet<string>;
  /** Resolves once the copy is complete; rejects if reading it failed. */
  filled: Promise<void> | undefined;
  indexed: Set<string>;
  /** Written by the run since the copy, by the field they were written by: read again before the next lookup. */
  stale: Map<string, Set<string>>;
  /** A re-read in flight: every lookup of the object waits for it (none may answer from rows it is replacing). */
  refreshing: Promise<void> | undefined;
}

export interface MirrorStats {
  objectsCopied: number;
  recordsCopied: number;
  lookups: number;
  refreshed: number;
}

/** A field's JSON path for SQLite, quoted (field names are identifiers, but nothing here relies on it). */
function jsonPath(field: string): string {
  return `$."${field.replace(/"/g, '\\"')}"`;
}

export class RunMirror {
  private readonly db: Database.Database;
  private readonly objects = new Map<string, MirroredObject>();
  readonly stats: MirrorStats = { objectsCopied: 0, recordsCopied: 0, lookups: 0, refreshed: 0 };
  private readonly insertRow: Database.Statement;
  private readonly insertKey: Database.Statement;
  private readonly insertTextKey: Database.Statement;
  private readonly deleteKeys: Database.Statement;
  private readonly seqOf: Database.Statement;
  private readonly lookupRows: Database.Statement;
  private readonly indexAll: Database.Statement;

  /**
   * @param fieldsOf the fields to copy of an object (every field any entity maps on it); a lookup that
   *   needs a field not in it, or of an object it does not name, goes to the system.
   */
  constructor(
    private readonly source: Partial<Record<SystemName, MirrorSource>>,
    private readonly fieldsOf: (system: SystemName, object: string) => readonly string[] | undefined,
    cacheMb = 8,
  ) {
    this.db = openScratchDatabase(cacheMb);
    // Each lookup of a value is two B-tree seeks: the key's (a WITHOUT ROWID table whose primary key
    // carries the row's seq) and the row's (by its integer primary key). Rows keep their copy order in
    // `seq`: a re-read record is deleted and inserted again, last, as INSERT OR REPLACE does.
    this.db.exec(`
      CREATE TABLE row (seq INTEGER PRIMARY KEY, obj INTEGER NOT NULL, ident TEXT NOT NULL, json TEXT NOT NULL);
      CREATE UNIQUE INDEX row_by_ident ON row (obj, ident);
      CREATE TABLE key (obj INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (obj, field, value, seq)) WITHOUT ROWID;
      CREATE INDEX key_by_seq ON key (obj, seq);
    `);
    this.insertRow = this.db.prepare("INSERT OR REPLACE INTO row (obj, ident, json) VALUES (?, ?, ?)");
    this.seqOf = this.db.prepare("SELECT seq FROM row WHERE obj = ? AND ident = ?").pluck();
    // Keys are folded by SQLite's lower() on every path (copy, re-read, index, lookup), so they agree.
    const keyOf = "SELECT lower(v) FROM (SELECT json_extract(@json, @path) AS v) WHERE typeof(v) IN ('text', 'integer', 'real')";
    this.insertKey = this.db.prepare(`INSERT INTO key (obj, field, value, seq) SELECT @obj, @field, (${keyOf}), @seq WHERE (${keyOf}) IS NOT NULL`);
    // A text value, bound as it is: the same key `keyOf` gives (json_extract returns a JSON string as its
    // text), without parsing the record's JSON twice per indexed field. Numbers and the rest go through
    // `keyOf`: a JS number binds as REAL, whose text ("3.0") is not the JSON integer's ("3").
    this.insertTextKey = this.db.prepare("INSERT INTO key (obj, field, value, seq) VALUES (?, ?, lower(?), ?)");
    this.indexAll = this.db.prepare(
      "INSERT INTO key (obj, field, value, seq) SELECT obj, @field, lower(v), seq FROM (SELECT obj, seq, json_extract(json, @path) AS v FROM row WHERE obj = @obj) WHERE typeof(v) IN ('text', 'integer', 'real')",
    );
    this.deleteKeys = this.db.prepare("DELETE FROM key WHERE obj = ? AND seq = ?");
    this.lookupRows = this.db.prepare(
      "SELECT row.json FROM key JOIN row ON row.seq = key.seq WHERE key.obj = ? AND key.field = ? AND key.value IN (SELECT lower(value) FROM json_each(?)) ORDER BY row.seq",
    ).pluck();
  }

  /**
   * The records of `object` whose `field` holds one of `values`, or undefined when the mirror cannot
   * answer (no source, the object's fields are not all copied) and the caller must ask the system.
   */
  async lookup(system: SystemName, object: string, field: string, values: readonly string[], fields: readonly string[]): Promise<JsonRecord[] | undefined> {
    const m = this.objectOf(system, object);
    if (!m || !m.fields.has(field) || fields.some((f) => !m.fields.has(f))) return undefined;
    if (m.filled === undefined) m.filled = this.fill(m);
    await m.filled;
    await this.refresh(m);
    this.stats.lookups++;
    this.ensureIndex(m, field);
    const wanted = [...new Set(values)];
    if (wanted.length === 0) return [];
    return (this.lookupRows.all(m.id, field, JSON.stringify(wanted)) as string[]).map((json) => JSON.parse(json) as JsonRecord);
  }

  /** The run wrote these records of `object`, identified by `field` (their external id, or Id): read again before the next lookup. */
  wrote(system: SystemName, object: string, field: string, values: Iterable<string>): void {
    const m = this.objects.get(`${system}\u0000${object}`);
    if (!m || m.filled === undefined) return;
    const set = m.stale.get(field) ?? m.stale.set(field, new Set()).get(field)!;
    for (const v of values) set.add(v);
  }

  close(): void {
    this.db.close();
  }

  private objectOf(system: SystemName, object: string): MirroredObject | undefined {
    const name = `${system}\u0000${object}`;
    const known = this.objects.get(name);
    if (known) return known;
    const fields = this.fieldsOf(system, object);
    if (!this.source[system] || !fields) return undefined;
    const m: MirroredObject = { id: this.objects.size + 1, system, object, fields: new Set(fields), filled: undefined, indexed: new Set(), stale: new Map(), refreshing: undefined };
    this.objects.set(name, m);
    return m;
  }

  private async fill(m: MirroredObject): Promise<void> {
    const src = this.source[m.system]!;
    for await (const page of src.readAll(m.object, [...m.fields])) {
      // Nothing is indexed yet (indexes are built on the first lookup, after the copy): rows only.
      this.db.transaction(() => {
        for (const r of page.records) this.insertRow.run(m.id, String(r.Id), JSON.stringify(r));
      })();
      this.stats.recordsCopied += page.records.length;
    }
    this.stats.objectsCopied++;
  }

  private async refresh(m: MirroredObject): Promise<void> {
    // Lookups of one object may run together (a page's independent reads): the first re-reads what is
    // stale, the others wait for it, and whatever was written meanwhile is re-read in the next round.
    while (m.refreshing !== undefined || m.stale.size > 0) {
      if (m.refreshing === undefined) m.refreshing = this.refreshOnce(m).finally(() => (m.refreshing = undefined));
      await m.refreshing;
    }
  }

  private async refreshOnce(m: MirroredObject): Promise<void> {
    const batch = [...m.stale.entries()];
    m.stale.clear();
    try {
      for (const [field, values] of batch) {
        const fresh = await this.source[m.system]!.readByKeys(m.object, field, [...values], [...m.fields]);
        this.db.transaction(() => {
          for (const r of fresh) this.put(m, r);
        })();
        this.stats.refreshed += fresh.length;
      }
    } catch (e) {
      // Still stale: a later lookup (if the run goes on) reads them again.
      for (const [field, values] of batch) {
        const set = m.stale.get(field) ?? m.stale.set(field, new Set()).get(field)!;
        for (const v of values) set.add(v);
      }
      throw e;
    }
  }

  private put(m: MirroredObject, r: JsonRecord): void {
    const ident = String(r.Id);
    const old = this.seqOf.get(m.id, ident) as number | undefined;
    if (old !== undefined) this.deleteKeys.run(m.id, old);
    const json = JSON.stringify(r);
    const seq = this.insertRow.run(m.id, ident, json).lastInsertRowid;
    for (const f of m.indexed) {
      const v = r[f];
      if (typeof v === "string") this.insertTextKey.run(m.id, f, v, seq);
      else if (v !== null && v !== undefined) this.insertKey.run({ obj: m.id, field: f, path: jsonPath(f), json, seq });
    }
  }

  private ensureIndex(m: MirroredObject, field: string): void {
    if (m.indexed.has(field)) return;
    m.indexed.add(field);
    this.indexAll.run({ obj: m.id, field, path: jsonPath(field) });
  }
}
