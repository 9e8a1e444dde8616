import { describe, expect, it } from "vitest";
import { displayValue, formatMoney, jsonValue } from "../../src/reports/report-value.js";

describe("displayValue", () => {
  it("formats money exactly with the currency's decimals and thousands separators", () => {
    expect(formatMoney({ amountMinor: 125000, currency: "USD" })).toBe("1,250.00 USD");
    expect(formatMoney({ amountMinor: -5, currency: "EUR" })).toBe("-0.05 EUR");
    expect(formatMoney({ amountMinor: 1234567, currency: "JPY" })).toBe("1,234,567 JPY");
    expect(formatMoney({ amountMinor: 1234567n, currency: "KWD" })).toBe("1,234.567 KWD");
    expect(formatMoney({ amountMinor: 12, currency: "XYZ" })).toBe("12 minor units XYZ");
  });

  it("shows a date-only value as its day and any other instant as full ISO", () => {
    expect(displayValue(new Date("2026-05-07T00:00:00Z"))).toBe("2026-05-07");
    expect(displayValue(new Date("2026-05-07T22:07:19.5Z"))).toBe("2026-05-07T22:07:19.500Z");
  });

  it("shows empty, booleans and lists readably and masks emails inside lists", () => {
    expect(displayValue(null)).toBe("—");
    expect(displayValue(true)).toBe("yes");
    expect(displayValue([])).toBe("[]");
    expect(displayValue(["DR-4:EXPIRED", "a.b@c.de"])).toBe("DR-4:EXPIRED, a***@c.de");
  });
});

describe("jsonValue", () => {
  it("makes dates ISO, bigints strings, object keys sorted and emails masked", () => {
    expect(JSON.stringify(jsonValue({ currency: "USD", amountMinor: 5n }))).toBe('{"amountMinor":"5","currency":"USD"}');
    expect(jsonValue(new Date("2026-05-07T00:00:00Z"))).toBe("2026-05-07T00:00:00.000Z");
    expect(jsonValue("jane@example.com", "email")).toBe("j***@example.com");
    expect(jsonValue(undefined)).toBeNull();
  });
});
