// Turns a parsed filter into a predicate over stored records, checking every field and literal
// against the object's schema first, so type errors are a 400 before any record is read.
// Semantics follow the SQL Server behind the portal *(choice)*: text compares case-insensitively,
// a null field matches only `= null` (so `Status != 'x'` skips nulls), `like` knows `%` and `_`.
import { type FilterLiteral, type FilterNode, FilterSyntaxError } from "./filter-parser.js";
import type { ObjectSchema, SchemaField } from "./object-schema.js";
import { parseInstant } from "./portal-values.js";

export type StoredRecord = Record<string, unknown>;
export type Predicate = (record: StoredRecord) => boolean;

const NUMERIC = new Set(["Integer", "Decimal", "Reference"]);

export function compileFilter(node: FilterNode, schema: ObjectSchema): Predicate {
  // Plain loops, and two-term forms (the connector's window and keyset anchor): a keyset page of a large
  // object tests tens of thousands of records, so no callback per term.
  if (node.kind === "and") {
    const terms = node.terms.map((t) => compileFilter(t, schema));
    const [a, b] = terms as [Predicate, Predicate];
    if (terms.length === 2) return (r) => a(r) && b(r);
    return (r) => {
      for (const p of terms) if (!p(r)) return false;
      return true;
    };
  }
  if (node.kind === "or") {
    const terms = node.terms.map((t) => compileFilter(t, schema));
    const [a, b] = terms as [Predicate, Predicate];
    if (terms.length === 2) return (r) => a(r) || b(r);
    return (r) => {
      for (const p of terms) if (p(r)) return true;
      return false;
    };
  }
  const field = schema.field(node.field);
  if (!field) throw new FilterSyntaxError(`Unknown field '${node.field}'`, node.position);
  if (!field.isFilterable) throw new FilterSyntaxError(`Field '${field.name}' is not filterable`, node.position);
  const key = field.name;
  if (node.value.type === "null") {
    return node.op === "=" ? (r) => r[key] == null : (r) => r[key] != null;
  }
  const operand = literalFor(field, node.value, node.position);
  if (node.op === "like") {
    if (typeof operand !== "string" || NUMERIC.has(field.dataType) || field.dataType === "DateTime") {
      throw new FilterSyntaxError(`'like' applies to text fields, not '${field.name}'`, node.position);
    }
    const re = likePattern(operand);
    return (r) => {
      const v = r[key];
      return typeof v === "string" && re.test(v);
    };
  }
  if (field.dataType === "Boolean" && node.op !== "=" && node.op !== "!=") {
    throw new FilterSyntaxError(`'${node.op}' cannot compare Boolean field '${field.name}'`, node.position);
  }
  const test = relation(node.op);
  if (typeof operand === "string") {
    // Text compares case-insensitively; Date values are YYYY-MM-DD so lowering is harmless.
    const lowered = operand.toLowerCase();
    return (r) => {
      const v = r[key];
      return typeof v === "string" && test(compareStrings(v.toLowerCase(), lowered));
    };
  }
  return numericTest(key, node.op, operand);
}

/**
 * A number or boolean field against its operand (a null never matches), one comparison per record:
 * the same answers as `relation(op)` over (equal → 0, less → -1, else 1) for these values.
 */
function numericTest(key: string, op: string, operand: number | boolean): Predicate {
  switch (op) {
    case "=":
      return (r) => r[key] != null && r[key] === operand;
    case "!=":
      return (r) => r[key] != null && r[key] !== operand;
    case "<":
      return (r) => { const v = r[key]; return v != null && v !== operand && (v as number | boolean) < operand; };
    case "<=":
      return (r) => { const v = r[key]; return v != null && (v === operand || (v as number | boolean) < operand); };
    case ">":
      return (r) => { const v = r[key]; return v != null && v !== operand && !((v as number | boolean) < operand); };
    default:
      return (r) => { const v = r[key]; return v != null && (v === operand || !((v as number | boolean) < operand)); };
  }
}

/**
 * Bounds every record a filter matches has on one numeric or date-time field: a necessary condition,
 * never a sufficient one (the predicate still decides). `lo`/`hi` are ±Infinity when unbounded; a
 * range with `lo` -Infinity also admits nulls (`F = null` matches them). A sorted table answers a
 * keyset page (`Updated > a or (Updated = a and Id > n)`, within the window) from a binary search
 * instead of testing every record.
 */
export interface FieldRange {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

const UNBOUNDED: FieldRange = { lo: -Infinity, loOpen: false, hi: Infinity, hiOpen: false };

/** The range of `field` the filter confines matches to, or undefined when it confines nothing. */
export function fieldRange(node: FilterNode, schema: ObjectSchema, field: string): FieldRange | undefined {
  const f = schema.field(field);
  if (!f || !(NUMERIC.has(f.dataType) || f.dataType === "DateTime")) return undefined;
  const range = rangeOf(node, schema, f.name);
  return range.lo === -Infinity && range.hi === Infinity ? undefined : range;
}

/** Both ranges at once (`and`): the higher start, the lower end; at a tie, the open bound. */
function intersect(a: FieldRange, b: FieldRange): FieldRange {
  const lo = b.lo > a.lo || (b.lo === a.lo && b.loOpen) ? b : a;
  const hi = b.hi < a.hi || (b.hi === a.hi && b.hiOpen) ? b : a;
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

/** Either range (`or`): the lower start, the higher end; at a tie, the closed bound. */
function hull(a: FieldRange, b: FieldRange): FieldRange {
  const lo = b.lo < a.lo || (b.lo === a.lo && !b.loOpen) ? b : a;
  const hi = b.hi > a.hi || (b.hi === a.hi && !b.hiOpen) ? b : a;
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

function rangeOf(node: FilterNode, schema: ObjectSchema, field: string): FieldRange {
  if (node.kind === "and") return node.terms.map((t) => rangeOf(t, schema, field)).reduce(intersect, UNBOUNDED);
  if (node.kind === "or") return node.terms.length === 0 ? UNBOUNDED : node.terms.map((t) => rangeOf(t, schema, field)).reduce(hull);
  if (schema.field(node.field)?.name !== field || node.value.type === "null") return UNBOUNDED;
  const v = literalFor(schema.field(field) as SchemaField, node.value, node.position);
  if (typeof v !== "number") return UNBOUNDED;
  switch (node.op) {
    case "=": return { lo: v, loOpen: false, hi: v, hiOpen: false };
    case ">": return { lo: v, loOpen: true, hi: Infinity, hiOpen: false };
    case ">=": return { lo: v, loOpen: false, hi: Infinity, hiOpen: false };
    case "<": return { lo: -Infinity, loOpen: false, hi: v, hiOpen: true };
    case "<=": return { lo: -Infinity, loOpen: false, hi: v, hiOpen: false };
    default: return UNBOUNDED;
  }
}

/**
 * Whether the filter holds for every record whose `field` lies strictly between `lo` and `hi`,
 * whatever its other fields: then a keyset page counts the records past its page without testing
 * them (the store counts the live rows of that stretch of its sorted view). Sufficient, not
 * necessary: false when unsure (an `or` holds when one branch does; `=`, `like`, other fields: no).
 */
export function holdsBetween(node: FilterNode, schema: ObjectSchema, field: string, lo: number, hi: number): boolean {
  if (node.kind === "and") return node.terms.every((t) => holdsBetween(t, schema, field, lo, hi));
  if (node.kind === "or") return node.terms.some((t) => holdsBetween(t, schema, field, lo, hi));
  const f = schema.field(node.field);
  if (f?.name !== field || !(NUMERIC.has(f.dataType) || f.dataType === "DateTime")) return false;
  // A value strictly between two numbers is not null.
  if (node.value.type === "null") return node.op === "!=";
  const c = literalFor(f, node.value, node.position);
  if (typeof c !== "number") return false;
  switch (node.op) {
    case ">":
    case ">=":
      return c <= lo;
    case "<":
    case "<=":
      return c >= hi;
    case "!=":
      return c <= lo || c >= hi;
    default:
      return false;
  }
}

/** Equalities of one field a filter is made of: `F = a` or `F = a or F = b …` (what key lookups send). */
export interface KeyEqualities {
  field: string;
  /** Index keys (indexKey) of the literals. */
  keys: unknown[];
}

/** The key a value is indexed and looked up by: text case-insensitively, as the filter compares it. */
export function indexKey(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

/**
 * The filter as equalities of one field, or undefined when it is anything else: then every record is
 * tested. The predicate is still applied to what an index finds, so the answer is the same either way.
 */
export function keyEqualities(node: FilterNode, schema: ObjectSchema): KeyEqualities | undefined {
  const terms = node.kind === "or" ? node.terms : [node];
  let field: SchemaField | undefined;
  const keys: unknown[] = [];
  for (const t of terms) {
    if (t.kind !== "cmp" || t.op !== "=" || t.value.type === "null") return undefined;
    const f = schema.field(t.field);
    if (!f || (field !== undefined && f.name !== field.name)) return undefined;
    field = f;
    keys.push(indexKey(literalFor(f, t.value, t.position)));
  }
  return field ? { field: field.name, keys } : undefined;
}

function literalFor(field: SchemaField, lit: FilterLiteral, position: number): string | number | boolean {
  const mismatch = (expected: string) =>
    new FilterSyntaxError(`Field '${field.name}' (${field.dataType}) expects ${expected}`, position);
  if (NUMERIC.has(field.dataType)) {
    if (lit.type !== "number") throw mismatch("an unquoted number");
    return lit.value;
  }
  if (field.dataType === "Boolean") {
    if (lit.type !== "boolean") throw mismatch("true or false");
    return lit.value;
  }
  if (field.dataType === "DateTime") {
    if (lit.type !== "string") throw mismatch("a quoted date-time");
    const ms = parseInstant(lit.value);
    if (ms === undefined) throw new FilterSyntaxError(`Cannot read '${lit.value}' as a date-time`, position);
    return ms;
  }
  if (lit.type !== "string") throw mismatch("a quoted string");
  if (field.dataType === "Date" && !/^\d{4}-\d{2}-\d{2}$/.test(lit.value)) {
    throw new FilterSyntaxError(`Cannot read '${lit.value}' as a date (YYYY-MM-DD)`, position);
  }
  return lit.value;
}

function relation(op: string): (cmp: number) => boolean {
  switch (op) {
    case "=":
      return (c) => c === 0;
    case "!=":
      return (c) => c !== 0;
    case "<":
      return (c) => c < 0;
    case "<=":
      return (c) => c <= 0;
    case ">":
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function likePattern(pattern: string): RegExp {
  let src = "";
  for (const ch of pattern) {
    if (ch === "%") src += "[\\s\\S]*";
    else if (ch === "_") src += "[\\s\\S]";
    else src += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "iu");
}
