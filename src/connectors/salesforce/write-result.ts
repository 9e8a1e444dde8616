// Salesforce's per-record outcomes in the engine's WriteResult shape. Only UNABLE_TO_LOCK_ROW is
// worth another attempt of the same record; the data errors (DUPLICATE_VALUE, STRING_TOO_LONG,
// validation rules, missing fields…) fail the same way every time.
import type { WriteResult } from "../connector.js";

export const RETRYABLE_RECORD_CODES: ReadonlySet<string> = new Set(["UNABLE_TO_LOCK_ROW"]);

export function failed(key: string, code: string, message: string, fields?: string[]): WriteResult {
  return { key, ok: false, error: { code, message, ...(fields && fields.length ? { fields } : {}), retryable: RETRYABLE_RECORD_CODES.has(code) } };
}

/** Records whose key appears more than once in one call: Salesforce refuses them all, so do we, up front. */
export function duplicateKeys(keys: readonly string[]): Set<string> {
  const count = new Map<string, number>();
  for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
}

export const duplicateKeyResult = (key: string): WriteResult =>
  failed(key, "DUPLICATE_EXTERNAL_ID", `external id ${key} appears more than once in one upsert; none of them was sent`);
