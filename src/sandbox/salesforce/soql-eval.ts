// Binds a parsed query to an sObject's describe (field names, literal types) and evaluates it over
// the store. Values compare as Salesforce compares them: text case-insensitively, datetimes as
// instants (stored canonically in UTC, so string order is instant order), Ids in 18-char form.
import type { JsonRecord, SfFieldDescribe } from "../contracts.js";
import { STRING_TYPES } from "./sobject-table.js";
import { soqlError, unknownColumn, unknownSObject } from "./soql-error.js";
import { chooseIndex } from "./soql-index-plan.js";
import type { Condition, FieldRef, SoqlQuery } from "./soql-parser.js";
import { coerce, filterable, readValue, type Value } from "./soql-values.js";
import type { SfStore } from "./store.js";

type Predicate = (r: JsonRecord) => boolean;

export interface QueryResult {
  sobject: string;
  /** canonical field names in select order; undefined for COUNT() */
  fields?: string[];
  rows: JsonRecord[];
  /** how rows were found: a full scan, or the candidates of one indexed predicate */
  access: { kind: "scan" } | { kind: "index"; field: string; candidates: number };
}

export interface QueryOptions {
  includeDeleted: boolean;
  /** ignore the indexes (the bench and the equivalence tests compare both paths) */
  scan?: boolean;
}

export function runQuery(store: SfStore, q: SoqlQuery, opts: QueryOptions): QueryResult {
  const table = store.table(q.from.name);
  if (!table) throw soqlError("INVALID_TYPE", unknownSObject(q.from.name), q.text, q.from.pos);
  const bind = (f: FieldRef): SfFieldDescribe => {
    if (f.name.includes(".")) {
      const rel = f.name.split(".")[0]!;
      throw soqlError("INVALID_FIELD", `Didn't understand relationship '${rel}' in field path. The sandbox serves no relationship queries.`, q.text, f.pos);
    }
    const d = table.field(f.name);
    if (!d) throw soqlError("INVALID_FIELD", unknownColumn(f.name, table.name), q.text, f.pos);
    return d;
  };
  const fields = q.select.kind === "fields" ? q.select.fields.map((f) => bind(f).name) : undefined;
  const where = q.where ? compile(q.where, bind, q.text) : undefined;
  const sortKeys = q.orderBy.map((o) => {
    const f = bind(o.field);
    return { name: f.name, read: readValue(f), dir: o.descending ? -1 : 1, nulls: o.nullsLast ? 1 : -1 };
  });

  const index = store.queryIndex(table.name);
  const chosen = q.where && !opts.scan ? chooseIndex(index, q.where, bind, q.text) : undefined;
  const rows: JsonRecord[] = [];
  const keep = (r: JsonRecord): void => {
    if (r.IsDeleted && !opts.includeDeleted) return;
    if (where && !where(r)) return;
    rows.push(r);
  };
  if (chosen) for (const p of chosen.positions) keep(index.row(p));
  else for (const r of store.rows(table.name)) keep(r);
  const access: QueryResult["access"] = chosen ? { kind: "index", field: chosen.field, candidates: chosen.positions.length } : { kind: "scan" };
  const sorted = sortKeys.length > 0 ? sortRows(rows, sortKeys) : rows;
  const start = q.offset ?? 0;
  const end = q.limit === undefined ? rows.length : start + q.limit;
  const sliced = start === 0 && end >= sorted.length ? sorted : sorted.slice(start, end);
  return { sobject: table.name, ...(fields ? { fields } : {}), rows: sliced, access };
}

function compile(c: Condition, bind: (f: FieldRef) => SfFieldDescribe, text: string): Predicate {
  switch (c.kind) {
    case "and": {
      const ps = c.terms.map((t) => compile(t, bind, text));
      return (r) => ps.every((p) => p(r));
    }
    case "or": {
      const ps = c.terms.map((t) => compile(t, bind, text));
      return (r) => ps.some((p) => p(r));
    }
    case "not": {
      const p = compile(c.term, bind, text);
      return (r) => !p(r);
    }
    case "compare": {
      const f = filterable(bind(c.field), c.field, text);
      const lit = coerce(f, c.value, text);
      const get = readValue(f);
      const name = f.name;
      switch (c.op) {
        case "=":
          return (r) => get(r[name]) === lit;
        case "!=":
          return (r) => get(r[name]) !== lit;
        default: {
          if (lit === null) return () => false;
          const op = c.op;
          return (r) => {
            const v = get(r[name]);
            if (v === null) return false;
            return op === "<" ? v < lit : op === "<=" ? v <= lit : op === ">" ? v > lit : v >= lit;
          };
        }
      }
    }
    case "in": {
      const f = filterable(bind(c.field), c.field, text);
      const set = new Set(c.values.map((v) => coerce(f, v, text)));
      const get = readValue(f);
      const name = f.name;
      return c.negated ? (r) => !set.has(get(r[name])) : (r) => set.has(get(r[name]));
    }
    case "like": {
      const f = filterable(bind(c.field), c.field, text);
      if (c.pattern.kind !== "string" || !STRING_TYPES.has(f.type)) {
        throw soqlError("INVALID_FIELD", `invalid operator on field '${f.name}': LIKE needs a text field and a quoted pattern`, text, c.field.pos);
      }
      const re = likeRegExp(c.pattern.value);
      const name = f.name;
      return (r) => typeof r[name] === "string" && re.test(r[name] as string);
    }
  }
}

/** LIKE: `%` any run, `_` one character, `\%` `\_` literal; case-insensitive like Salesforce. */
function likeRegExp(pattern: string): RegExp {
  let src = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\" && (pattern[i + 1] === "%" || pattern[i + 1] === "_")) {
      src += pattern[++i];
    } else if (ch === "%") src += "[\\s\\S]*";
    else if (ch === "_") src += "[\\s\\S]";
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "i");
}

interface SortKey {
  name: string;
  read: (v: unknown) => Value;
  dir: number;
  nulls: number;
}

/**
 * ORDER BY, stable (ties keep scan order). Each row's sort values are read once up front: reading
 * them inside the comparator lower-cased every text and Id value at every comparison.
 */
function sortRows(rows: JsonRecord[], keys: SortKey[]): JsonRecord[] {
  const values = keys.map((k) => rows.map((r) => k.read(r[k.name])));
  const order = rows.map((_, i) => i);
  order.sort((a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const column = values[j]!;
      const x = column[a] as Value;
      const y = column[b] as Value;
      if (x === y) continue;
      const k = keys[j]!;
      if (x === null) return k.nulls;
      if (y === null) return -k.nulls;
      return (x < y ? -1 : 1) * k.dir;
    }
    return a - b;
  });
  return order.map((i) => rows[i]!);
}
