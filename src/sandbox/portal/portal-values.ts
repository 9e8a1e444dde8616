// How portal field values live inside the emulator and on the wire. DateTimes are kept as epoch
// milliseconds truncated to the second, because the wire shows seconds only: a client that filters
// `Updated > '<what it was shown>'` must not read the same record again for hidden milliseconds.
import type { PortalFieldDef } from "../contracts.js";

/** The tenant's UTC offset for rendered timestamps *(choice)*: -06:00, as in systems.md's example. */
export const TENANT_OFFSET_MINUTES = -360;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Many records share a timestamp (a bulk load, a seed's Created), and formatting dominates rendering.
const formatted = new Map<number, string>();

export function formatInstant(ms: number, offsetMinutes = TENANT_OFFSET_MINUTES): string {
  if (offsetMinutes !== TENANT_OFFSET_MINUTES) return formatWithOffset(ms, offsetMinutes);
  let text = formatted.get(ms);
  if (text === undefined) {
    if (formatted.size >= 100_000) formatted.clear();
    text = formatWithOffset(ms, offsetMinutes);
    formatted.set(ms, text);
  }
  return text;
}

function formatWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An ISO-8601 instant; without an offset it is read in the tenant's offset *(choice)*. */
export function parseInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) {
    return ISO_DATE.test(text.trim()) ? parseInstant(`${text.trim()}T00:00:00`) : undefined;
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let offset = TENANT_OFFSET_MINUTES;
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.replace(":", "");
    offset = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  } else if (zone) {
    offset = 0;
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const ms = utc - offset * 60_000 + (frac ? Math.floor(Number(frac) * 1000) : 0);
  return Number.isNaN(ms) ? undefined : ms;
}

export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A value a client sent (or the seed holds) for a field, checked against its definition and
 * converted to the stored form. Each failure message names the field, as the portal's do.
 */
/**
 * `seeded`: a value already stored in the tenant (a seed record) is kept as given even when the
 * field's definition would refuse it today — a retired picklist value, text longer than a length
 * reduced later — as a real portal keeps such data. Only writes through the API are held to it.
 */
export function coerceValue(field: PortalFieldDef, raw: unknown, seeded = false): Coerced {
  const bad = (why: string): Coerced => ({ ok: false, message: `Field '${field.name}' ${why}` });
  if (raw === null || raw === undefined) return { ok: true, value: null };
  switch (field.dataType) {
    case "Integer":
    case "Reference":
      return typeof raw === "number" && Number.isInteger(raw) ? { ok: true, value: raw } : bad("expects an integer");
    case "Decimal":
      return typeof raw === "number" && Number.isFinite(raw) ? { ok: true, value: raw } : bad("expects a number");
    case "Boolean":
      return typeof raw === "boolean" ? { ok: true, value: raw } : bad("expects true or false");
    case "DateTime": {
      if (typeof raw !== "string") return bad("expects an ISO-8601 date-time string");
      const ms = parseInstant(raw);
      return ms === undefined ? bad(`cannot parse '${raw}' as a date-time`) : { ok: true, value: truncateToSecond(ms) };
    }
    case "Date":
      if (typeof raw !== "string" || !ISO_DATE.test(raw.slice(0, 10))) return bad("expects a YYYY-MM-DD date");
      return { ok: true, value: raw.slice(0, 10) };
    default: {
      if (typeof raw !== "string") return bad("expects a string");
      if (!seeded && field.maxLength !== undefined && raw.length > field.maxLength) {
        return bad(`is too long (${raw.length} > ${field.maxLength} characters)`);
      }
      if (!seeded && field.dataType === "Picklist" && field.picklistValues && !field.picklistValues.includes(raw)) {
        return bad(`has no picklist value '${raw}' (allowed: ${field.picklistValues.join(", ")})`);
      }
      return { ok: true, value: raw };
    }
  }
}

/** The wire form of a stored value. */
export function renderValue(field: PortalFieldDef, stored: unknown): unknown {
  if (stored === null || stored === undefined) return null;
  return field.dataType === "DateTime" && typeof stored === "number" ? formatInstant(stored) : stored;
}
