import { describe, expect, it } from "vitest";
import {
  DEFAULT_FISCAL_YEAR_START_MONTH,
  addBusinessDays,
  addCalendarMonths,
  addDays,
  businessDaysBetween,
  fiscalQuarterOf,
  fiscalYearOf,
  isAtOrBefore,
  quarterBounds,
} from "../../src/rules/fiscal-calendar.js";

const d = (iso: string): Date => new Date(iso);
const iso = (x: Date): string => x.toISOString();

describe("fiscal year: named by the calendar year in which it ends", () => {
  it.each([
    // [instant, startMonth, fy]
    ["2026-02-01T00:00:00.000Z", 2, 2027],
    ["2026-01-31T23:59:59.999Z", 2, 2026],
    ["2027-01-31T23:59:59.999Z", 2, 2027],
    ["2027-02-01T00:00:00.000Z", 2, 2028],
    ["2026-01-01T00:00:00.000Z", 1, 2026],
    ["2026-12-31T23:59:59.999Z", 1, 2026],
    ["2026-06-30T23:59:59.999Z", 7, 2026],
    ["2026-07-01T00:00:00.000Z", 7, 2027],
    ["2026-11-30T23:59:59.999Z", 12, 2026],
    ["2026-12-01T00:00:00.000Z", 12, 2027],
  ] as const)("%s with start month %i is FY%i", (instant, start, fy) => {
    expect(fiscalYearOf(d(instant), start)).toBe(fy);
  });

  it("defaults to a February start", () => {
    expect(DEFAULT_FISCAL_YEAR_START_MONTH).toBe(2);
    expect(fiscalYearOf(d("2026-02-01T00:00:00Z"))).toBe(2027);
  });

  it.each([0, 13, 2.5, Number.NaN])("rejects start month %s", (start) => {
    expect(() => fiscalYearOf(d("2026-01-01T00:00:00Z"), start)).toThrow(RangeError);
  });

  it("rejects an invalid Date", () => {
    expect(() => fiscalYearOf(new Date("nope"), 2)).toThrow(RangeError);
  });
});

describe("fiscalQuarterOf: quarter, name and bounds", () => {
  it.each([
    // instant, start, name, start, end
    ["2026-02-01T00:00:00.000Z", 2, "FY2027-Q1", "2026-02-01T00:00:00.000Z", "2026-04-30T23:59:59.999Z"],
    ["2026-04-30T23:59:59.999Z", 2, "FY2027-Q1", "2026-02-01T00:00:00.000Z", "2026-04-30T23:59:59.999Z"],
    ["2026-05-01T00:00:00.000Z", 2, "FY2027-Q2", "2026-05-01T00:00:00.000Z", "2026-07-31T23:59:59.999Z"],
    ["2026-09-15T12:00:00.000Z", 2, "FY2027-Q3", "2026-08-01T00:00:00.000Z", "2026-10-31T23:59:59.999Z"],
    ["2026-12-31T23:59:59.999Z", 2, "FY2027-Q4", "2026-11-01T00:00:00.000Z", "2027-01-31T23:59:59.999Z"],
    ["2027-01-31T23:59:59.999Z", 2, "FY2027-Q4", "2026-11-01T00:00:00.000Z", "2027-01-31T23:59:59.999Z"],
    ["2027-02-01T00:00:00.000Z", 2, "FY2028-Q1", "2027-02-01T00:00:00.000Z", "2027-04-30T23:59:59.999Z"],
    // The leap day 2028-02-29 falls in FY2029-Q1 (FY2028-Q4 is Nov 2027–Jan 2028).
    ["2028-02-29T12:00:00.000Z", 2, "FY2029-Q1", "2028-02-01T00:00:00.000Z", "2028-04-30T23:59:59.999Z"],
    ["2028-01-31T23:59:59.999Z", 2, "FY2028-Q4", "2027-11-01T00:00:00.000Z", "2028-01-31T23:59:59.999Z"],
    ["2026-01-01T00:00:00.000Z", 1, "FY2026-Q1", "2026-01-01T00:00:00.000Z", "2026-03-31T23:59:59.999Z"],
    ["2026-12-31T23:59:59.999Z", 1, "FY2026-Q4", "2026-10-01T00:00:00.000Z", "2026-12-31T23:59:59.999Z"],
    ["2028-02-29T00:00:00.000Z", 1, "FY2028-Q1", "2028-01-01T00:00:00.000Z", "2028-03-31T23:59:59.999Z"],
    ["2026-07-01T00:00:00.000Z", 7, "FY2027-Q1", "2026-07-01T00:00:00.000Z", "2026-09-30T23:59:59.999Z"],
    ["2026-06-30T23:59:59.999Z", 7, "FY2026-Q4", "2026-04-01T00:00:00.000Z", "2026-06-30T23:59:59.999Z"],
    ["2027-01-15T00:00:00.000Z", 7, "FY2027-Q3", "2027-01-01T00:00:00.000Z", "2027-03-31T23:59:59.999Z"],
    ["2026-12-01T00:00:00.000Z", 12, "FY2027-Q1", "2026-12-01T00:00:00.000Z", "2027-02-28T23:59:59.999Z"],
    ["2027-12-01T00:00:00.000Z", 12, "FY2028-Q1", "2027-12-01T00:00:00.000Z", "2028-02-29T23:59:59.999Z"],
    ["2026-11-30T23:59:59.999Z", 12, "FY2026-Q4", "2026-09-01T00:00:00.000Z", "2026-11-30T23:59:59.999Z"],
  ] as const)("%s (start %i) is %s", (instant, start, name, qStart, qEnd) => {
    const fq = fiscalQuarterOf(d(instant), start);
    expect(fq.name).toBe(name);
    expect(`FY${fq.fy}-Q${fq.q}`).toBe(name);
    expect(iso(fq.start)).toBe(qStart);
    expect(iso(fq.end)).toBe(qEnd);
  });

  it("ends one millisecond before the next quarter starts, for every quarter of a year", () => {
    for (const start of [1, 2, 7, 12]) {
      for (const q of [1, 2, 3] as const) {
        const a = quarterBounds(2027, q, start);
        const b = quarterBounds(2027, (q + 1) as 2 | 3 | 4, start);
        expect(b.start.getTime() - a.end.getTime()).toBe(1);
      }
      const q4 = quarterBounds(2027, 4, start);
      const next = quarterBounds(2028, 1, start);
      expect(next.start.getTime() - q4.end.getTime()).toBe(1);
    }
  });

  it("quarterBounds rejects a quarter outside 1–4", () => {
    expect(() => quarterBounds(2027, 5 as 1, 2)).toThrow(RangeError);
  });
});

describe("addDays: N days after X is X + N×24h", () => {
  it.each([
    ["2026-01-01T10:00:00.000Z", 90, "2026-04-01T10:00:00.000Z"],
    ["2028-02-28T00:00:00.000Z", 1, "2028-02-29T00:00:00.000Z"],
    ["2027-02-28T00:00:00.000Z", 1, "2027-03-01T00:00:00.000Z"],
    ["2026-12-31T23:59:59.999Z", 1, "2027-01-01T23:59:59.999Z"],
    ["2026-03-01T00:00:00.000Z", -1, "2026-02-28T00:00:00.000Z"],
  ] as const)("%s + %i days = %s", (from, n, to) => {
    expect(iso(addDays(d(from), n))).toBe(to);
  });
});

describe("addCalendarMonths: month-end clamping", () => {
  it.each([
    ["2026-08-31T15:30:00.000Z", -6, "2026-02-28T15:30:00.000Z"],
    ["2028-08-31T15:30:00.000Z", -6, "2028-02-29T15:30:00.000Z"],
    ["2028-02-29T00:00:00.000Z", 12, "2029-02-28T00:00:00.000Z"],
    ["2028-02-29T00:00:00.000Z", -12, "2027-02-28T00:00:00.000Z"],
    ["2028-02-29T00:00:00.000Z", 48, "2032-02-29T00:00:00.000Z"],
    ["2026-01-31T00:00:00.000Z", 1, "2026-02-28T00:00:00.000Z"],
    ["2026-03-31T00:00:00.000Z", 1, "2026-04-30T00:00:00.000Z"],
    ["2026-12-15T00:00:00.000Z", 1, "2027-01-15T00:00:00.000Z"],
    ["2026-01-15T00:00:00.000Z", -1, "2025-12-15T00:00:00.000Z"],
    ["2026-03-31T23:59:59.999Z", -13, "2025-02-28T23:59:59.999Z"],
    ["2026-05-10T00:00:00.000Z", 0, "2026-05-10T00:00:00.000Z"],
    ["2026-06-30T00:00:00.000Z", -30, "2023-12-30T00:00:00.000Z"],
  ] as const)("%s %+i months = %s", (from, n, to) => {
    expect(iso(addCalendarMonths(d(from), n))).toBe(to);
  });

  it("rejects fractional months", () => {
    expect(() => addCalendarMonths(d("2026-01-01T00:00:00Z"), 1.5)).toThrow(RangeError);
  });
});

describe("addBusinessDays and businessDaysBetween: Mon–Fri without holidays", () => {
  // 2026-03-06 is a Friday.
  it.each([
    ["2026-03-06T09:00:00.000Z", 1, [], "2026-03-09T09:00:00.000Z"],
    ["2026-03-06T09:00:00.000Z", 2, [], "2026-03-10T09:00:00.000Z"],
    ["2026-03-07T09:00:00.000Z", 1, [], "2026-03-09T09:00:00.000Z"], // Saturday → Monday
    ["2026-03-06T09:00:00.000Z", 1, ["2026-03-09"], "2026-03-10T09:00:00.000Z"],
    ["2026-03-09T09:00:00.000Z", -1, [], "2026-03-06T09:00:00.000Z"],
    ["2026-03-09T09:00:00.000Z", 0, [], "2026-03-09T09:00:00.000Z"],
    ["2026-12-31T09:00:00.000Z", 1, ["2027-01-01"], "2027-01-04T09:00:00.000Z"],
  ] as const)("%s + %i business days (holidays %j) = %s", (from, n, holidays, to) => {
    expect(iso(addBusinessDays(d(from), n, [...holidays]))).toBe(to);
  });

  it.each([
    ["2026-03-09T09:00:00.000Z", "2026-03-11T08:00:00.000Z", [], 2], // Mon → Wed
    ["2026-03-06T23:00:00.000Z", "2026-03-09T01:00:00.000Z", [], 1], // Fri → Mon
    ["2026-03-06T23:00:00.000Z", "2026-03-08T23:00:00.000Z", [], 0], // Fri → Sun
    ["2026-03-06T23:00:00.000Z", "2026-03-10T01:00:00.000Z", ["2026-03-09"], 1],
    ["2026-03-09T09:00:00.000Z", "2026-03-09T23:00:00.000Z", [], 0],
    ["2026-03-11T09:00:00.000Z", "2026-03-09T09:00:00.000Z", [], -2],
  ] as const)("between %s and %s (holidays %j) is %i", (from, to, holidays, n) => {
    expect(businessDaysBetween(d(from), d(to), [...holidays])).toBe(n);
  });

  it("round-trips: n business days after a business day are n business days between", () => {
    const from = d("2026-03-02T09:00:00Z");
    for (const n of [1, 5, 9, 23]) {
      expect(businessDaysBetween(from, addBusinessDays(from, n, ["2026-03-04"]), ["2026-03-04"])).toBe(n);
    }
  });
});

describe("isAtOrBefore: a deadline is met at or before it, missed from the first instant after", () => {
  const deadline = d("2026-04-01T10:00:00.000Z");
  it.each([
    ["2026-04-01T09:59:59.999Z", true],
    ["2026-04-01T10:00:00.000Z", true],
    ["2026-04-01T10:00:00.001Z", false],
  ] as const)("event %s → %s", (event, met) => {
    expect(isAtOrBefore(d(event), deadline)).toBe(met);
  });
});
