// Values as each system puts them on the wire (systems.md "Values"): Salesforce datetimes with
// `.000+0000`, portal and Coupa timestamps with their instance's UTC offset, Coupa decimals as strings.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The default tenant's fixed offset (choice: no DST, so the same instant always prints the same). */
export const PORTAL_UTC_OFFSET = "-06:00";
export const COUPA_UTC_OFFSET = "-07:00";

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

/** Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm): Date#toISOString is the hot spot at size 100000. */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function dayString(days: number): string {
  const [y, m, d] = civil(days);
  return `${y}-${TWO[m]}-${TWO[d]}`;
}

function isoSeconds(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const s = Math.floor((ms - days * DAY_MS) / 1000);
  return `${dayString(days)}T${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}`;
}

export function sfDateTime(ms: number): string {
  return `${isoSeconds(ms)}.000+0000`;
}

export function isoDay(ms: number): string {
  return dayString(Math.floor(ms / DAY_MS));
}

function withOffset(ms: number, offset: string): string {
  const sign = offset.startsWith("-") ? -1 : 1;
  const minutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6));
  return `${isoSeconds(ms + sign * minutes * 60_000)}${offset}`;
}

export function portalDateTime(ms: number): string {
  return withOffset(ms, PORTAL_UTC_OFFSET);
}

export function coupaDateTime(ms: number): string {
  return withOffset(ms, COUPA_UTC_OFFSET);
}

/** Integer minor units (cents) → "1250.00". */
export function decimalString(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
