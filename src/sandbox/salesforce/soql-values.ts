// How SOQL reads a stored value and a literal into one comparable form, per field type: text
// lower-cased, Ids in 18-char lower-cased form, datetimes as their canonical UTC string. Shared by
// the WHERE evaluator and the query indexes, so an index key is exactly what `=` compares.
import type { SfFieldDescribe } from "../contracts.js";
import { canonicalDateTime } from "./sf-datetime.js";
import { isSfId, normalizeId } from "./sf-id.js";
import { NUMBER_TYPES, STRING_TYPES } from "./sobject-table.js";
import { soqlError } from "./soql-error.js";
import type { FieldRef, Literal } from "./soql-parser.js";

export type Value = string | number | boolean | null;

/** How a stored value is read for comparison, per field type. */
export function readValue(f: SfFieldDescribe): (v: unknown) => Value {
  if (f.type === "id" || f.type === "reference") return (v) => (typeof v !== "string" ? null : (v.length === 18 ? v : normalizeId(v)).toLowerCase());
  if (STRING_TYPES.has(f.type)) return (v) => (typeof v === "string" ? v.toLowerCase() : null);
  return (v) => (v === undefined ? null : (v as Value));
}

export function filterable(f: SfFieldDescribe, ref: FieldRef, text: string): SfFieldDescribe {
  if (!f.filterable) throw soqlError("INVALID_FIELD", `field '${f.name}' can not be filtered in a query call`, text, ref.pos);
  return f;
}

/** A literal in the form stored values are read in, or a Salesforce-worded INVALID_FIELD. */
export function coerce(f: SfFieldDescribe, lit: Literal, text: string): Value {
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
