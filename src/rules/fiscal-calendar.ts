// Fiscal calendar and date arithmetic every rule shares (program-rules.md "Conventions").
// Pure and UTC-only: rules receive the evaluation instant and the fiscal start month as arguments,
// so a run is repeatable for any `--now` regardless of the host's time zone.

/** Default first month of the fiscal year (1 = January … 12 = December): February. */
export const DEFAULT_FISCAL_YEAR_START_MONTH = 2;

const DAY_MS = 24 * 60 * 60 * 1000;

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface FiscalQuarter {
  /** Fiscal year, named by the calendar year in which it ends (Feb 2026–Jan 2027 = 2027). */
  fy: number;
  q: QuarterNumber;
  /** "FY2027-Q3" */
  name: string;
  /** First instant of the quarter's first day (00:00:00.000Z). */
  start: Date;
  /** Last instant of the quarter's last day: next quarter's start − 1 ms. */
  end: Date;
}

function assertStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`fiscalYearStartMonth must be an integer 1–12, got ${startMonth}`);
  }
}

function assertInstant(instant: Date, what: string): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is an invalid Date`);
}

/**
 * Fiscal year of a UTC instant. A year starting in January is the calendar year itself; otherwise the
 * fiscal year is named by the calendar year in which it ends.
 */
export function fiscalYearOf(instant: Date, startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH): number {
  assertStartMonth(startMonth);
  assertInstant(instant, "instant");
  const month = instant.getUTCMonth() + 1;
  const year = instant.getUTCFullYear();
  if (startMonth === 1) return year;
  return month >= startMonth ? year + 1 : year;
}

/** Start and end instants of fiscal quarter `q` of fiscal year `fy`. */
export function quarterBounds(
  fy: number,
  q: QuarterNumber,
  startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH,
): { start: Date; end: Date } {
  assertStartMonth(startMonth);
  if (!Number.isInteger(fy)) throw new RangeError(`fiscal year must be an integer, got ${fy}`);
  if (![1, 2, 3, 4].includes(q)) throw new RangeError(`quarter must be 1–4, got ${q}`);
  // Calendar year in which the fiscal year begins (0-based month index for Date.UTC).
  const firstYear = startMonth === 1 ? fy : fy - 1;
  const monthIndex = startMonth - 1 + (q - 1) * 3;
  const start = new Date(Date.UTC(firstYear, monthIndex, 1));
  const nextStart = new Date(Date.UTC(firstYear, monthIndex + 3, 1));
  return { start, end: new Date(nextStart.getTime() - 1) };
}

/** The fiscal quarter containing `instant`, with its bounds. */
export function fiscalQuarterOf(
  instant: Date,
  startMonth: number = DEFAULT_FISCAL_YEAR_START_MONTH,
): FiscalQuarter {
  const fy = fiscalYearOf(instant, startMonth);
  const monthsIntoYear = (instant.getUTCMonth() + 1 - startMonth + 12) % 12;
  const q = (Math.floor(monthsIntoYear / 3) + 1) as QuarterNumber;
  const { start, end } = quarterBounds(fy, q, startMonth);
  return { fy, q, name: `FY${fy}-Q${q}`, start, end };
}

/** `instant` + n×24h (program-rules.md: "N days after X" is the instant X + N×24h). n may be negative. */
export function addDays(instant: Date, n: number): Date {
  assertInstant(instant, "instant");
  return new Date(instant.getTime() + n * DAY_MS);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * `instant` moved by n calendar months keeping the time of day; a day-of-month the target month lacks
 * is clamped to its last day (Aug 31 − 6 months → Feb 28, or Feb 29 in a leap year). n may be negative.
 */
export function addCalendarMonths(instant: Date, n: number): Date {
  assertInstant(instant, "instant");
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer, got ${n}`);
  const total = instant.getUTCFullYear() * 12 + instant.getUTCMonth() + n;
  const year = Math.floor(total / 12);
  const monthIndex = total - year * 12;
  const day = Math.min(instant.getUTCDate(), daysInMonth(year, monthIndex));
  const msOfDay = instant.getTime() - Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const result = new Date(0);
  result.setUTCFullYear(year, monthIndex, day);
  return new Date(result.getTime() + msOfDay);
}

/** "YYYY-MM-DD" of the instant's UTC day. */
export function utcDayKey(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

// Holiday sets by the identity of the configured array: the rules pass the same `rules.holidays` array
// for every NFR request of a pass, so the set is built once, not once per call. A WeakMap keeps no
// array alive; a caller that mutates its array in place would see a stale set, which no caller does
// (the config is parsed once and not changed).
const holidaySets = new WeakMap<readonly string[], ReadonlySet<string>>();

function holidaySetOf(holidays: readonly string[] | ReadonlySet<string>): ReadonlySet<string> {
  if (!Array.isArray(holidays)) return holidays as ReadonlySet<string>;
  const list = holidays as readonly string[];
  let set = holidaySets.get(list);
  if (set === undefined) holidaySets.set(list, (set = new Set(list)));
  return set;
}

function isBusinessDayMs(dayMs: number, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(dayMs).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  // The "YYYY-MM-DD" key only when there are holidays to look up.
  return holidays.size === 0 || !holidays.has(utcDayKey(new Date(dayMs)));
}

/**
 * `instant` moved by n business days (Mon–Fri, not a holiday), keeping the time of day. From a weekend
 * or holiday, the first step lands on the next (or previous, for negative n) business day. n = 0 returns
 * the instant unchanged.
 */
export function addBusinessDays(instant: Date, n: number, holidays: readonly string[] | ReadonlySet<string> = []): Date {
  assertInstant(instant, "instant");
  if (!Number.isInteger(n)) throw new RangeError(`business days must be an integer, got ${n}`);
  const holidaySet = holidaySetOf(holidays);
  const step = (n < 0 ? -1 : 1) * DAY_MS;
  let remaining = Math.abs(n);
  let cursor = instant.getTime();
  while (remaining > 0) {
    cursor += step;
    if (isBusinessDayMs(cursor, holidaySet)) remaining -= 1;
  }
  return n === 0 ? instant : new Date(cursor);
}

/**
 * Business days (Mon–Fri, not a holiday) in the UTC days after `from`'s day up to and including `to`'s
 * day — so a request made on Monday and evaluated on Wednesday is 2 business days old. Negative when
 * `to` is before `from`.
 */
export function businessDaysBetween(from: Date, to: Date, holidays: readonly string[] | ReadonlySet<string> = []): number {
  assertInstant(from, "from");
  assertInstant(to, "to");
  const fromDay = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const toDay = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  if (toDay < fromDay) return -businessDaysBetween(to, from, holidays);
  const holidaySet = holidaySetOf(holidays);
  let count = 0;
  for (let day = fromDay + DAY_MS; day <= toDay; day += DAY_MS) {
    if (isBusinessDayMs(day, holidaySet)) count += 1;
  }
  return count;
}

/** Deadline convention: met when the event happens at or before the deadline, missed from the first instant after. */
export function isAtOrBefore(event: Date, deadline: Date): boolean {
  assertInstant(event, "event");
  assertInstant(deadline, "deadline");
  return event.getTime() <= deadline.getTime();
}
