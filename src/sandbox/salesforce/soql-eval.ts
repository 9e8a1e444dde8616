// Binds a parsed query to an sObject's describe (field names, literal types) and evaluates it over
// the store. Values compare as Salesforce compares them: text case-insensitively, datetimes as
// instants (stored canonically in UTC, so string order is instant order), Ids in 18-char form.
import type { JsonRecord, SfFieldDescribe } from "../contracts.js";
import { canonicalDateTime } from "./sf-datetime.js";
import { isSfId, normalizeId } from "./sf-id.js";
import { NUMBER_TYPES, STRING_TYPES, type SObjectTable } from "./sobject-table.js";
import { soqlError, unknownColumn, unknownSObject } from "./soql-error.js";
import type { Condition, FieldRef, Literal, SoqlQuery } from "./soql-parser.js";
import type { SfStore } from "./store.js";

type Value = string | number | boolean | null;
type Predicate = (r: JsonRecord) => boolean;

export interface QueryResult {
  sobject: string;
  /** canonical field names in select order; undefined for COUNT() */
  fields?: string[];
  rows: JsonRecord[];
}

export function runQuery(store: SfStore, q: SoqlQuery, opts: { includeDeleted: boolean }): QueryResult {
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
  const compare = q.orderBy.length > 0 ? comparator(q, bind) : undefined;

  const rows: JsonRecord[] = [];
  for (const r of store.rows(table.name)) {
    if (r.IsDeleted && !opts.includeDeleted) continue;
    if (where && !where(r)) continue;
    rows.push(r);
  }
  if (compare) rows.sort(compare);
  const start = q.offset ?? 0;
  const end = q.limit === undefined ? rows.length : start + q.limit;
  const sliced = start === 0 && end >= rows.length ? rows : rows.slice(start, end);
  return { sobject: table.name, ...(fields ? { fields } : {}), rows: sliced };
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
      const get = getter(f);
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
      const get = getter(f);
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

function filterable(f: SfFieldDescribe, ref: FieldRef, text: string): SfFieldDescribe {
  if (!f.filterable) throw soqlError("INVALID_FIELD", `field '${f.name}' can not be filtered in a query call`, text, ref.pos);
  return f;
}

/** How a stored value is read for comparison, per field type. */
function getter(f: SfFieldDescribe): (v: unknown) => Value {
  if (f.type === "id" || f.type === "reference") return (v) => (typeof v !== "string" ? null : (v.length === 18 ? v : normalizeId(v)).toLowerCase());
  if (STRING_TYPES.has(f.type)) return (v) => (typeof v === "string" ? v.toLowerCase() : null);
  return (v) => (v === undefined ? null : (v as Value));
}

/** A literal in the form stored values are read in, or a Salesforce-worded INVALID_FIELD. */
function coerce(f: SfFieldDescribe, lit: Literal, text: string): Value {
  if (lit.kind === "null") return null;
  const fail = (what: string): never => {
    throw soqlError("INVALID_FIELD", `value of filter criterion for field '${f.name}' must be of type ${what}`, text, lit.pos);
  };
  if (f.type === "id" || f.type === "reference") {
    if (lit.kind !== "string") return fail("id and should be enclosed in quotes");
    if (!isSfId(lit.value)) throw soqlError("INVALID_QUERY_FILTER_OPERATOR", `invalid ID field: ${lit.value}`, text, lit.pos);
    return normalizeId(lit.value).toLowerCase();
  }
  if (STRING_TYPES.has(f.type)) {
    if (lit.kind !== "string") return fail("string and should be enclosed in quotes");
    return lit.value.toLowerCase();
  }
  if (f.type === "datetime") {
    if (lit.kind !== "datetime") return fail("dateTime and should not be enclosed in quotes");
    return canonicalDateTime(lit.value) ?? fail("dateTime and should not be enclosed in quotes");
  }
  if (f.type === "date") {
    if (lit.kind !== "date") return fail("date and should not be enclosed in quotes");
    return lit.value;
  }
  if (f.type === "boolean") {
    if (lit.kind !== "boolean") return fail("boolean and should not be enclosed in quotes");
    return lit.value;
  }
  if (NUMBER_TYPES.has(f.type)) {
    if (lit.kind !== "number") return fail("number and should not be enclosed in quotes");
    return lit.value;
  }
  return fail(`${f.type}`);
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

function comparator(q: SoqlQuery, bind: (f: FieldRef) => SfFieldDescribe): (a: JsonRecord, b: JsonRecord) => number {
  const keys = q.orderBy.map((o) => {
    const f = bind(o.field);
    return { name: f.name, get: getter(f), dir: o.descending ? -1 : 1, nulls: o.nullsLast ? 1 : -1 };
  });
  return (a, b) => {
    for (const k of keys) {
      const x = k.get(a[k.name]);
      const y = k.get(b[k.name]);
      if (x === y) continue;
      if (x === null) return k.nulls;
      if (y === null) return -k.nulls;
      return (x < y ? -1 : 1) * k.dir;
    }
    return 0;
  };
}
