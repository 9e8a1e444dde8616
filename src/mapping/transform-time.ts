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

export function parseInstant(raw: unknown): Date | BadValue {
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
