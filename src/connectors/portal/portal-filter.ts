// Building portal `filter` texts. Every value goes through `literal`, never string concatenation,
// so a partner named "O'Brien" is a quoted string and not the end of one (the portal escapes a
// quote by doubling it, like SQL). Datetimes are quoted ISO-8601 with an explicit offset, because a
// bare local time would be read in the tenant's own offset.
import type { PortalFieldDef } from "../../sandbox/contracts.js";

export type PortalValue = string | number | boolean | Date | null;

const NUMERIC_TYPES = new Set(["Integer", "Decimal", "Reference"]);

export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** ISO-8601 in UTC spelt with `+00:00` (the form the portal documents), milliseconds kept. */
export function instant(d: Date): string {
  return d.toISOString().replace(/Z$/, "+00:00");
}

export function literal(value: PortalValue): string {
  if (value === null) return "null";
  if (value instanceof Date) return quote(instant(value));
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return quote(value);
}

/**
 * A key as the field's type wants it in a filter: numbers unquoted for numeric fields (a quoted
 * number is a 400 there), strings quoted otherwise. Undefined when the key cannot be of that type.
 */
export function keyLiteral(field: Pick<PortalFieldDef, "dataType"> | undefined, key: string | number): string | undefined {
  if (field && NUMERIC_TYPES.has(field.dataType)) {
    const n = typeof key === "number" ? key : Number(key);
    return typeof key === "string" && (key.trim() === "" || !Number.isFinite(n)) ? undefined : literal(n);
  }
  if (field?.dataType === "Boolean") return key === "true" || key === "false" ? key : undefined;
  return literal(String(key));
}

/** `a and b and …`, each term parenthesised so an `or` inside one cannot leak into the others. */
export function allOf(terms: readonly (string | undefined)[]): string {
  const present = terms.filter((t): t is string => t !== undefined && t.trim() !== "");
  return present.length === 1 ? (present[0] as string) : present.map((t) => `(${t})`).join(" and ");
}

/** Records strictly after (updated, id) in the order `Updated asc, Id asc`: the keyset anchor. */
export function after(updated: string, id: number): string {
  const u = quote(updated);
  return `Updated > ${u} or (Updated = ${u} and Id > ${id})`;
}

/**
 * Splits key literals into `Field = a or Field = b …` filters, each at most `maxKeys` terms and
 * `maxChars` characters long: the filter travels in the query string, and IIS-hosted portals
 * refuse query strings over 2048 bytes (URL-encoding grows the text, hence the margin).
 */
export function keyFilters(field: string, literals: readonly string[], maxKeys: number, maxChars: number): string[] {
  const out: string[] = [];
  let terms: string[] = [];
  let length = 0;
  for (const lit of literals) {
    const term = `${field} = ${lit}`;
    const added = term.length + (terms.length > 0 ? 4 : 0);
    if (terms.length > 0 && (terms.length >= maxKeys || length + added > maxChars)) {
      out.push(terms.join(" or "));
      terms = [];
      length = 0;
    }
    length += terms.length > 0 ? term.length + 4 : term.length;
    terms.push(term);
  }
  if (terms.length > 0) out.push(terms.join(" or "));
  return out;
}
