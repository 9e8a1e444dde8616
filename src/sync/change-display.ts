// How a planned change is shown in the audit and the dry-run plan: values in a stable text form, with
// personal data (emails, phones) redacted — the audit outlives the records it describes.
import { REDACTED } from "../log/redaction.js";

const PERSONAL = /email|phone/i;

export function displayValue(field: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (PERSONAL.test(field)) return REDACTED;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "object" && !Array.isArray(v) && "amountMinor" in v) {
    const m = v as { amountMinor: unknown; currency: unknown };
    return `${String(m.amountMinor)} ${String(m.currency)} (minor units)`;
  }
  return v;
}

export function displayText(field: string, v: unknown): string {
  return JSON.stringify(displayValue(field, v));
}
