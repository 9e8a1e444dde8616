// The order of a write's fields: code-unit order of their names, `derived.reasonCodes` among them.
// Results are compared byte for byte (JSON), so the order is part of the output; laying a write's
// fields out in order once, when the write is made, spares `finish` a second object per write.
import type { FieldValue } from "./field-value.js";

export const REASON_CODES = "derived.reasonCodes";

/** Two `derived.reasonCodes` lists alike, in order (none held = an empty list). */
export function sameCodes(a: unknown, b: unknown): boolean {
  const x = Array.isArray(a) ? a : [];
  const y = Array.isArray(b) ? b : [];
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

/**
 * Whether a write's fields are in code-unit order with `derived.reasonCodes` among them, as `propose`
 * lays out one propose's sorted fields (most writes). Turns undefined into null, as the copy would.
 */
export function fieldsInOrder(fields: Record<string, FieldValue>): boolean {
  let previous = "";
  let codes = false;
  for (const name in fields) {
    if (previous >= name) return false;
    if (name === REASON_CODES) codes = true;
    else if (fields[name] === undefined) fields[name] = null;
    previous = name;
  }
  return codes;
}

/** A write's few field names in code-unit order (insertion sort: a handful of names, no comparator calls). */
export function sortedFieldNames(fields: Record<string, FieldValue>): string[] {
  const names: string[] = [];
  for (const name in fields) insertSorted(names, name);
  insertSorted(names, REASON_CODES);
  return names;
}

/** Inserts `name` at its place in sorted `names`, unless there already. */
export function insertSorted(names: string[], name: string): void {
  let i = names.length;
  while (i > 0 && (names[i - 1] as string) > name) i--;
  if (i > 0 && names[i - 1] === name) return;
  names.push(name);
  for (let j = names.length - 1; j > i; j--) names[j] = names[j - 1] as string;
  names[i] = name;
}
