import { describe, expect, it } from "vitest";
import { applyRate, multiplyMinor } from "../../src/rules/exact-rate.js";

describe("exact rate arithmetic: integer minor units, half away from zero", () => {
  it.each([
    // amountMinor, rate, shift, expected
    [12345, 0.1, 0, 1235], // 1234.5 → 1235
    [1000, 1.005, 0, 1005], // float: 1000 × 1.005 = 1004.9999999999999, which would round to 1004
    [105, 0.1, 0, 11], // 10.5 → 11
    [-105, 0.1, 0, -11], // symmetric for credits
    [104, 0.1, 0, 10],
    [1000000, 0.06, 0, 60000],
    [1, 0.5, 0, 1],
    [1, 0.49, 0, 0],
    [100, 0.0067, 2, 67], // 100 yen × 0.0067 USD/yen = 0.67 USD = 67 cents
    [150, 0.0067, 2, 101], // 100.5 cents → 101
    [10000, 1.08, 0, 10800],
    [12345, 1, -2, 123], // 123.45 → 123
    [0, 0.25, 0, 0],
  ] as const)("%i × %d (shift %i) = %i", (amount, rate, shift, expected) => {
    expect(multiplyMinor(amount, rate, shift)).toBe(expected);
  });

  it("keeps the currency when applying a rate to money", () => {
    expect(applyRate({ amountMinor: 2_000_000, currency: "EUR" }, 0.15)).toEqual({ amountMinor: 300_000, currency: "EUR" });
  });

  it.each([[1.5, 0.1], [Number.MAX_SAFE_INTEGER + 2, 0.1]])("rejects a non-integer or unsafe amount %d", (amount, rate) => {
    expect(() => multiplyMinor(amount, rate)).toThrow(RangeError);
  });

  it.each([-0.1, Number.NaN, Number.POSITIVE_INFINITY])("rejects rate %d", (rate) => {
    expect(() => multiplyMinor(100, rate)).toThrow(RangeError);
  });
});
