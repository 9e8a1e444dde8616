// In-memory sObjects keyed by Id, with external-id/unique indexes and the audit fields Salesforce
// maintains on every write. Writes replace a record object instead of mutating it, so an open query
// cursor keeps the rows as they were when the query ran (Salesforce cursors are snapshots too).
import type { Clock, JsonRecord, SandboxData, SfSObjectDescribe } from "../contracts.js";
import { TableQueryIndex } from "./query-index.js";
import { canonicalDateTime, formatDateTime } from "./sf-datetime.js";
import { keyPrefixFor, makeId } from "./sf-id.js";
import { SObjectTable, indexKey } from "./sobject-table.js";
import { USER_ID } from "./sessions.js";

interface TableState {
  table: SObjectTable;
  rows: Map<string, JsonRecord>;
  /** field name → index key → Ids of live (not deleted) rows */
  indexes: Map<string, Map<string, Set<string>>>;
  deleted: { id: string; deletedDate: string }[];
  nextId: number;
  /** SOQL's indexes, over every row (deleted ones included) */
  query: TableQueryIndex;
}

export class SfStore {
  private readonly tables = new Map<string, TableState>();

  constructor(
    describes: SfSObjectDescribe[],
    private readonly clock: Clock,
  ) {
    let custom = 0;
    for (const d of describes) {
      const table = new SObjectTable(d, keyPrefixFor(d.name, d.name.endsWith("__c") ? custom++ : 0));
      const indexes = new Map(table.indexedFields().map((f) => [f.name, new Map<string, Set<string>>()]));
      this.tables.set(d.name.toLowerCase(), { table, rows: new Map(), indexes, deleted: [], nextId: 1, query: new TableQueryIndex(table) });
    }
  }

  static seeded(seed: SandboxData["salesforce"], clock: Clock): SfStore {
    const store = new SfStore(seed.describes, clock);
    for (const [sobject, records] of Object.entries(seed.records)) {
      for (const r of records) store.insert(sobject, r, { keepAudit: true });
    }
    return store;
  }

  table(sobject: string): SObjectTable | undefined {
    return this.tables.get(sobject.toLowerCase())?.table;
  }

  describes(): SfSObjectDescribe[] {
    return [...this.tables.values()].map((t) => t.table.describe);
  }

  get(sobject: string, id: string): JsonRecord | undefined {
    return this.state(sobject).rows.get(id);
  }

  /** Every row in Id (insertion) order, deleted ones included: callers filter on IsDeleted. */
  rows(sobject: string): IterableIterator<JsonRecord> {
    return this.state(sobject).rows.values();
  }

  queryIndex(sobject: string): TableQueryIndex {
    return this.state(sobject).query;
  }

  /** Live rows whose `field` equals `value` (case-insensitively for text). */
  findBy(sobject: string, field: string, value: unknown): string[] {
    const key = indexKey(value);
    const index = this.state(sobject).indexes.get(field);
    if (key === undefined) return [];
    if (index) return [...(index.get(key) ?? [])];
    const out: string[] = [];
    for (const r of this.rows(sobject)) if (!r.IsDeleted && indexKey(r[field]) === key) out.push(r.Id as string);
    return out;
  }

  /**
   * Create a row. `keepAudit` keeps Id/CreatedDate/SystemModstamp given by a seed; `systemModstamp`
   * backdates the audit fields (a row that becomes visible now with a stamp in the past).
   */
  insert(sobject: string, fields: JsonRecord, opts: { keepAudit?: boolean; systemModstamp?: string; validated?: boolean } = {}): JsonRecord {
    const s = this.state(sobject);
    const stamp = opts.systemModstamp ? canonicalOrThrow(opts.systemModstamp) : formatDateTime(this.clock().getTime());
    const given = opts.keepAudit ? fields : {};
    let id = typeof given.Id === "string" && given.Id ? given.Id : makeId(s.table.keyPrefix, s.nextId++);
    // A generated id must not be one a seed already gave a row (seeds use the same sequence).
    while (!given.Id && s.rows.has(id)) id = makeId(s.table.keyPrefix, s.nextId++);
    const values = opts.validated ? fields : normalizeValues(s.table, fields);
    const record: JsonRecord = { ...values, Id: id, IsDeleted: given.IsDeleted === true };
    // Salesforce makes the running user the owner of a record created without one.
    if (record.OwnerId == null && s.table.field("OwnerId")?.defaultedOnCreate) record.OwnerId = USER_ID;
    record.SystemModstamp = given.SystemModstamp ? canonicalOrThrow(String(given.SystemModstamp)) : stamp;
    record.CreatedDate = given.CreatedDate ? canonicalOrThrow(String(given.CreatedDate)) : record.SystemModstamp;
    record.LastModifiedDate = given.LastModifiedDate ? canonicalOrThrow(String(given.LastModifiedDate)) : record.SystemModstamp;
    if (s.rows.has(id)) throw new Error(`Duplicate Id ${id} in ${s.table.name}`);
    s.rows.set(id, record);
    s.query.add(record);
    if (!record.IsDeleted) this.index(s, record, +1);
    return record;
  }

  update(sobject: string, id: string, fields: JsonRecord): JsonRecord {
    const s = this.state(sobject);
    const old = s.rows.get(id);
    if (!old) throw new Error(`No ${sobject} ${id}`);
    const stamp = formatDateTime(this.clock().getTime());
    const record = { ...old, ...fields, Id: id, LastModifiedDate: stamp, SystemModstamp: stamp };
    s.rows.set(id, record);
    s.query.replace(old, record);
    if (!old.IsDeleted) this.reindex(s, old, record);
    return record;
  }

  /** Soft delete: the row stays (IsDeleted = true, seen by queryAll) and is logged for `/deleted/`. */
  softDelete(sobject: string, id: string): void {
    const s = this.state(sobject);
    const old = s.rows.get(id);
    if (!old || old.IsDeleted) throw new Error(`No live ${sobject} ${id}`);
    const stamp = formatDateTime(this.clock().getTime());
    this.index(s, old, -1);
    const record = { ...old, IsDeleted: true, SystemModstamp: stamp };
    s.rows.set(id, record);
    s.query.replace(old, record);
    s.deleted.push({ id, deletedDate: stamp });
  }

  deletedLog(sobject: string): readonly { id: string; deletedDate: string }[] {
    return this.state(sobject).deleted;
  }

  /** Move only the index entries whose value changed. */
  private reindex(s: TableState, old: JsonRecord, record: JsonRecord): void {
    const id = record.Id as string;
    for (const [field, index] of s.indexes) {
      const before = indexKey(old[field]);
      const after = indexKey(record[field]);
      if (before === after) continue;
      if (before !== undefined) {
        const ids = index.get(before);
        ids?.delete(id);
        if (ids?.size === 0) index.delete(before);
      }
      if (after !== undefined) {
        let ids = index.get(after);
        if (!ids) index.set(after, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  private index(s: TableState, record: JsonRecord, delta: 1 | -1): void {
    for (const [field, index] of s.indexes) {
      const key = indexKey(record[field]);
      if (key === undefined) continue;
      let ids = index.get(key);
      if (delta > 0) {
        if (!ids) index.set(key, (ids = new Set()));
        ids.add(record.Id as string);
      } else {
        ids?.delete(record.Id as string);
        if (ids?.size === 0) index.delete(key);
      }
    }
  }

  private state(sobject: string): TableState {
    const s = this.tables.get(sobject.toLowerCase());
    if (!s) throw new Error(`Unknown sObject ${sobject}`);
    return s;
  }
}

/** Seeds and tests may give datetimes in any ISO form; store them canonically, keyed as described. */
function normalizeValues(table: SObjectTable, fields: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === "attributes") continue;
    const f = table.field(k);
    if (!f) throw new Error(`No field ${k} on ${table.name}`);
    out[f.name] = f.type === "datetime" && typeof v === "string" ? canonicalOrThrow(v) : v;
  }
  return out;
}

function canonicalOrThrow(text: string): string {
  const c = canonicalDateTime(text);
  if (!c) throw new Error(`Not a datetime with a zone: ${text}`);
  return c;
}
