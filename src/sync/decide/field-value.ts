// Values of canonical fields as decide writes them, and their equality. Equality follows
// src/sync/plan's canonical comparison (a Date equals the same instant, money the same amount and
// currency, null equals absent), so "no write" here and "no change" in the planner agree.
import type { Money } from "../../domain/money.js";

export type FieldValue = string | number | boolean | Date | Money | readonly string[] | null;

function isMoney(v: unknown): v is Money {
  return typeof v === "object" && v !== null && "amountMinor" in v && "currency" in v;
}

export function sameFieldValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null) return false;
  if (x instanceof Date || y instanceof Date) return x instanceof Date && y instanceof Date && x.getTime() === y.getTime();
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (isMoney(x) && isMoney(y)) return x.amountMinor === y.amountMinor && x.currency === y.currency;
  return false;
}
