// Days and instants. Canonical form is always a `Date`; each system's wire form comes back out:
// Salesforce `2026-05-07T22:07:19.000+0000`, portal/Coupa ISO-8601 with an offset, days `YYYY-MM-DD`
// (a day is 00:00Z of that day, so "the same day" is the same instant whichever system said it).
import { z } from "zod";
import { BadValue, defineTransform } from "./transform-types.js";

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;
const OFFSET = /^(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const THIRTY_DAYS = new Set([4, 6, 9, 11]);

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : THIRTY_DAYS.has(m) ? 30 : 31;
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function parseDay(raw: unknown): Date | BadValue {
  const m = typeof raw === "string" ? DAY.exec(raw) : null;
  if (!m) return new BadValue(`expected a date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (!validDay(y, mo, d)) return new BadValue(`no such day: ${JSON.stringify(raw)}`);
  return new Date(Date.UTC(y, mo - 1, d));
}

/** Minutes east of UTC of `Z`, `+0000`, `-06:00`. */
function offsetMinutes(zone: string): number {
  if (zone === "Z") return 0;
  const digits = zone.length === 5 ? zone : zone.slice(0, 3) + zone.slice(4);
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith("-") ? -minutes : minutes;
}

/** Digits `s[from..to)` as a number, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Epoch ms of the well-formed instants the systems send (`2026-05-07T22:07:19.000+0000`,
 * `…-06:00`, `…Z`), read by character codes; NaN for anything else, which `parseInstant` then reads
 * with its regular expression (same result, same messages). Instants are read by the 100k per run.
 */
function fastInstantMs(s: string): number {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const y = digitsAt(s, 0, 4), mo = digitsAt(s, 5, 7), d = digitsAt(s, 8, 10);
  const h = digitsAt(s, 11, 13), mi = digitsAt(s, 14, 16), sec = digitsAt(s, 17, 19);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return Number.NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < s.length && i - start < 10 && digitsAt(s, i, i + 1) >= 0) i++;
    const n = i - start;
    if (n < 1 || n > 9) return Number.NaN;
    ms = digitsAt(s, start, start + Math.min(n, 3)) * (n >= 3 ? 1 : n === 2 ? 10 : 100);
  }
  let offset = 0;
  const sign = s.charCodeAt(i);
  if (sign === 90 && i + 1 === s.length) offset = 0;
  else if (sign === 43 || sign === 45) {
    const rest = s.length - i - 1;
    const colon = rest === 5 && s.charCodeAt(i + 3) === 58;
    if (rest !== 4 && !colon) return Number.NaN;
    const oh = digitsAt(s, i + 1, i + 3), om = digitsAt(s, colon ? i + 4 : i + 3, s.length);
    if (oh < 0 || om < 0) return Number.NaN;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else return Number.NaN;
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return Number.NaN; // the regex path words the error
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset * 60_000;
}

export function parseInstant(raw: unknown): Date | BadValue {
  if (typeof raw === "string") {
    const ms = fastInstantMs(raw);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  const m = typeof raw === "string" ? INSTANT.exec(raw) : null;
  if (!m) return new BadValue(`expected a date-time with an offset, got ${JSON.stringify(raw)}`);
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const h = Number(m[4]), mi = Number(m[5]), s = Number(m[6]);
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return new BadValue(`no such instant: ${JSON.stringify(raw)}`);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const zone = m[8] ?? "Z";
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes(zone) * 60_000);
}

function asDate(value: unknown): Date | BadValue {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : new BadValue(`expected a valid Date, got ${String(value)}`);
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatWithOffset(date: Date, offset: string): string {
  const minutes = offsetMinutes(offset);
  const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  if (offset === "Z") return `${local}Z`;
  const abs = Math.abs(minutes);
  return `${local}${minutes < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

export const date = defineTransform({
  name: "date",
  summary: "a day `YYYY-MM-DD` ⇄ a Date at 00:00Z of that day (written as the UTC day of the instant)",
  args: z.strictObject({}),
  produces: ["date"],
  accepts: { salesforce: ["date"], portal: ["Date"], coupa: ["date"] },
  build: () => ({
    forward: parseDay,
    reverse: (value) => {
      const d = asDate(value);
      return d instanceof BadValue ? d : d.toISOString().slice(0, 10);
    },
  }),
});

export const datetime = defineTransform({
  name: "datetime",
  summary: "an ISO-8601 instant with an offset ⇄ a Date; written as Salesforce `.000+0000` or with `offset`",
  args: z.strictObject({
    format: z.enum(["salesforce", "iso"]).describe("salesforce: `2026-05-07T22:07:19.000+0000`; iso: `2026-05-07T16:07:19-06:00`"),
    offset: z.string().regex(OFFSET, "an offset like +02:00, -06:00 or Z").default("Z").describe("for format iso"),
  }),
  produces: ["datetime"],
  accepts: { salesforce: ["datetime"], portal: ["DateTime"], coupa: ["datetime"] },
  build: (args) => ({
    forward: parseInstant,
    reverse:
      args.format === "salesforce"
        ? (value) => {
            const d = asDate(value);
            return d instanceof BadValue ? d : `${d.toISOString().slice(0, 23)}+0000`;
          }
        : (value) => {
            const d = asDate(value);
            return d instanceof BadValue ? d : formatWithOffset(d, args.offset);
          },
  }),
});
