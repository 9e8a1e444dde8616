// Coupa's value conventions: hyphenated keys, decimals as strings, timestamps with the instance's
// offset. A seed is normalised to them once, so a data folder written with `Z` times, underscores or
// numeric amounts still comes out the way Coupa sends it.
import type { Clock, JsonRecord } from "../contracts.js";
import { formatInstant, parseInstant } from "../portal/portal-values.js";
import { normalizeName } from "./coupa-resources.js";

/** The instance's UTC offset for rendered timestamps *(choice)*: -07:00. */
export const COUPA_OFFSET_MINUTES = -420;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DECIMAL_KEYS = new Set(["gross-total", "amount-due", "amount", "total", "net-total", "tax-amount", "paid-amount", "exchange-rate"]);

export function isTimestamp(value: unknown): value is string {
  return typeof value === "string" && TIMESTAMP.test(value) && parseInstant(value) !== undefined;
}

export function formatCoupaInstant(ms: number): string {
  return formatInstant(ms, COUPA_OFFSET_MINUTES);
}

function normalizeValue(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => normalizeValue(key, v));
  if (value !== null && typeof value === "object") return normalizeObject(value as JsonRecord);
  if (typeof value === "number" && DECIMAL_KEYS.has(key)) return value.toFixed(2);
  if (isTimestamp(value)) return formatCoupaInstant(parseInstant(value) as number);
  return value;
}

function normalizeObject(rec: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  for (const [k, v] of Object.entries(rec)) {
    const key = normalizeName(k);
    out[key] = normalizeValue(key, v);
  }
  return out;
}

/** Seed records in Coupa's wire form, with ids (assigned when absent) and created-at/updated-at. */
export function normalizeSeed(records: JsonRecord[], clock: Clock): JsonRecord[] {
  const now = formatCoupaInstant(Math.floor(clock().getTime() / 1000) * 1000);
  let nextId = 1 + Math.max(0, ...records.map((r) => (typeof r.id === "number" ? r.id : 0)));
  return records.map((raw) => {
    const rec = normalizeObject(raw);
    if (typeof rec.id !== "number") rec.id = nextId++;
    rec["created-at"] ??= now;
    rec["updated-at"] ??= rec["created-at"];
    return rec;
  });
}
