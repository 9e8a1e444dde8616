// Exact decimal text ⇄ integer arithmetic, so "1250.00" becomes 125000 minor units without ever
// passing through a binary float (0.1 + 0.2 stays out of partner payouts).
import { BadValue } from "./transform-types.js";

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** A JSON number or decimal string as text; a number prints its shortest round-trip form. */
export function decimalText(raw: unknown): string | BadValue {
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return new BadValue(`expected a decimal number, got ${JSON.stringify(raw)}`);
}

/** `text` × 10^exponent as an exact integer; digits beyond the exponent must be zeros. */
export function scaleToInteger(text: string, exponent: number): number | BadValue {
  const m = DECIMAL.exec(text);
  if (!m) return new BadValue(`not a decimal: ${JSON.stringify(text)}`);
  const frac = m[3] ?? "";
  const kept = frac.slice(0, exponent).padEnd(exponent, "0");
  const dropped = frac.slice(exponent);
  for (let i = 0; i < dropped.length; i++) {
    if (dropped.charCodeAt(i) !== 48) return new BadValue(`${JSON.stringify(text)} has more than ${exponent} decimal places`);
  }
  const magnitude = Number((m[2] ?? "") + kept);
  if (!Number.isSafeInteger(magnitude)) return new BadValue(`${JSON.stringify(text)} is too large to be exact`);
  // "-0.00" is zero, not -0: Object.is(-0, 0) is false and would break hashes and equality.
  return m[1] === "-" && magnitude !== 0 ? -magnitude : magnitude;
}

/** An integer × 10^-exponent as decimal text with exactly `exponent` places ("125000", 2 → "1250.00"). */
export function integerToDecimal(n: number, exponent: number): string {
  const digits = String(Math.abs(n)).padStart(exponent + 1, "0");
  const sign = n < 0 ? "-" : "";
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, digits.length - exponent)}.${digits.slice(digits.length - exponent)}`;
}

/** Moves the decimal point of a number exactly (percent 12.5 → rate 0.125 with shift -2). */
export function shiftDecimal(n: number, shift: number): number {
  if (shift === 0 || n === 0) return n;
  const [mantissa = "0", exp = "0"] = n.toExponential().split("e");
  return Number(`${mantissa}e${Number(exp) + shift}`);
}
