// Values of canonical fields as decide writes them, and their equality.
import type { Money } from "../../domain/money.js";
import { canonicalEqual } from "../canonical-equal.js";

export type FieldValue = string | number | boolean | Date | Money | readonly string[] | null;

/** The planner's equality, so "no write" here and "no change" there always agree. */
export function sameFieldValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return canonicalEqual(a, b);
}
