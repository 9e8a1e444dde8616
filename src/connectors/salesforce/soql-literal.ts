// SOQL literals and identifiers built by our code, never by jsforce's builder: jsforce escapes only
// `'` and turns 0/false into '' (systems.md). Anything that reaches a WHERE clause goes through here.

export type SoqlValue = string | number | boolean | null | Date | SoqlDate;

/** A calendar date (`YYYY-MM-DD`, unquoted in SOQL), distinct from a string that looks like one. */
export interface SoqlDate {
  readonly soqlDate: string;
}

// Order matters: the backslash first, or the escapes added after it would be doubled.
const ESCAPES: [RegExp, string][] = [
  [/\\/g, "\\\\"],
  [/'/g, "\\'"],
  [/\n/g, "\\n"],
  [/\r/g, "\\r"],
  [/\t/g, "\\t"],
  [/\x08/g, "\\b"],
  [/\f/g, "\\f"],
  [/"/g, '\\"'],
];

export function soqlString(value: string): string {
  let out = value;
  for (const [re, replacement] of ESCAPES) out = out.replace(re, replacement);
  return `'${out}'`;
}

/** Unquoted UTC instant with milliseconds: a quoted datetime is INVALID_FIELD in SOQL. */
export function soqlDateTime(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new TypeError("SOQL datetime literal of an invalid Date");
  return value.toISOString();
}

export function soqlDate(value: string): SoqlDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new TypeError(`not a date (YYYY-MM-DD): ${value}`);
  }
  return { soqlDate: value };
}

export function soqlNumber(value: number): string {
  // Exponent notation (1e21) is not SOQL; non-finite numbers have no literal at all.
  if (!Number.isFinite(value)) throw new TypeError(`SOQL number literal of ${value}`);
  const text = String(value);
  if (/e/i.test(text)) throw new TypeError(`SOQL number literal out of range: ${text}`);
  return text;
}

export function soqlLiteral(value: SoqlValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return soqlString(value);
  if (typeof value === "number") return soqlNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return soqlDateTime(value);
  return value.soqlDate;
}

/** `('a', 'b')` for IN / NOT IN; an empty list has no SOQL form, so it is refused. */
export function soqlInList(values: readonly SoqlValue[]): string {
  if (values.length === 0) throw new TypeError("SOQL IN list must not be empty");
  return `(${values.map(soqlLiteral).join(", ")})`;
}

const IDENTIFIER_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** Object and field names come from mappings: refuse anything that is not a plain (dotted) name. */
export function soqlIdentifier(name: string): string {
  if (!IDENTIFIER_RE.test(name)) throw new TypeError(`not a SOQL identifier: ${JSON.stringify(name)}`);
  return name;
}
