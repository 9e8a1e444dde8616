// Salesforce's wire forms of time: datetimes as `2026-05-07T22:07:19.000+0000` (always UTC),
// dates as `YYYY-MM-DD`. Every stored datetime is kept in that one canonical UTC form, so that
// comparing two stored values as strings compares the instants (same width, same zone).

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CANONICAL_RE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}\+0000$/;

/** Epoch ms of an ISO-8601 datetime with an explicit zone (`Z`, `±hh:mm`, `±hhmm`), or undefined. */
export function parseDateTime(text: string): number | undefined {
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const ms = Number((frac ?? "0").padEnd(3, "0"));
  let offsetMin = 0;
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms) - offsetMin * 60_000;
}

export function isDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text;
}

let lastMs = NaN;
let lastText = "";

/** The REST form of an instant: `2026-05-07T22:07:19.000+0000`. */
export function formatDateTime(ms: number): string {
  // every write stamps the clock's "now", usually the same millisecond as the previous write
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString().slice(0, 23) + "+0000";
    lastMs = ms;
  }
  return lastText;
}

/** The Bulk API CSV form of an instant: `2026-05-07T22:07:19.000Z`. */
export function formatBulkDateTime(stored: string): string {
  return stored.endsWith("+0000") ? stored.slice(0, 23) + "Z" : stored;
}

/** Canonical stored form of a datetime given by a client, or undefined if it is not one. */
export function canonicalDateTime(text: string): string | undefined {
  if (CANONICAL_RE.test(text)) return text;
  const ms = parseDateTime(text);
  return ms === undefined ? undefined : formatDateTime(ms);
}
