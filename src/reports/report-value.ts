// How a canonical value looks in a report: readable in the table and Markdown (dates ISO, money as
// `1,250.00 USD`, booleans yes/no), JSON-safe and stable in JSON (dates ISO, money as exact minor
// units). Both mask personal data (mask-personal.ts).
import { currencyExponent } from "../mapping/currencies.js";
import { maskPersonal } from "./mask-personal.js";

interface MoneyLike {
  amountMinor: number | bigint;
  currency: string;
}

function isMoney(v: unknown): v is MoneyLike {
  return typeof v === "object" && v !== null && "amountMinor" in v && "currency" in v
    && (typeof v.amountMinor === "number" || typeof v.amountMinor === "bigint") && typeof v.currency === "string";
}

/** Exact: the minor units are placed by string, never divided as a float. */
export function formatMoney(m: MoneyLike): string {
  const exponent = currencyExponent(m.currency);
  const minor = BigInt(m.amountMinor);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString();
  if (exponent === undefined) return `${negative ? "-" : ""}${digits} minor units ${m.currency}`;
  const padded = digits.padStart(exponent + 1, "0");
  const whole = padded.slice(0, padded.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = exponent > 0 ? `.${padded.slice(padded.length - exponent)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction} ${m.currency}`;
}

/** A `date` field arrives as 00:00Z of its day: shown as the day, every other instant in full. */
export function formatInstant(d: Date): string {
  if (Number.isNaN(d.getTime())) return "(invalid date)";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

export const EMPTY = "—";

/** One value as a person reads it. `field` decides masking of phone and email fields. */
export function displayValue(value: unknown, field?: string): string {
  if (value === null || value === undefined) return EMPTY;
  if (value instanceof Date) return formatInstant(value);
  if (isMoney(value)) return formatMoney(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value === "" ? '""' : maskPersonal(field, value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : value.map((v) => displayValue(v, field)).join(", ");
  return maskPersonal(field, JSON.stringify(jsonValue(value, field)));
}

/** One value as JSON: Dates as ISO strings, bigints as strings, objects with sorted keys, strings masked. */
export function jsonValue(value: unknown, field?: string): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return maskPersonal(field, value);
  if (Array.isArray(value)) return value.map((v) => jsonValue(v, field));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = jsonValue((value as Record<string, unknown>)[k], field);
    return out;
  }
  return value;
}
