import { describe, expect, it } from "vitest";
import { build, fwd, isBad, rev } from "./transform-harness.js";

describe("money transform (exact integer minor units)", () => {
  const sf = build("money", { currencyField: "CurrencyIsoCode" });
  const coupa = build("money", { currencyField: "currency.code", format: "string" }, "coupa");
  const rec = (c: string) => ({ CurrencyIsoCode: c });

  it.each([
    ["1250.00", "USD", 125000],
    ["0.10", "USD", 10],
    ["-19.99", "EUR", -1999],
    ["-0.00", "USD", 0],
    ["1250", "JPY", 1250],
    ["1250.000", "JPY", 1250],
    ["1.234", "KWD", 1234],
    ["-0.005", "KWD", -5],
    ["90071992547409.91", "USD", 9007199254740991],
  ])("reads %s %s as %d", (raw, cur, minor) => {
    const v = fwd(sf, raw, rec(cur)) as { amountMinor: number; currency: string };
    expect(v).toEqual({ amountMinor: minor, currency: cur });
    expect(Object.is(v.amountMinor, -0)).toBe(false);
  });

  it("reads JSON numbers through their decimal text, without float rounding", () => {
    expect(fwd(sf, 1250.5, rec("USD"))).toEqual({ amountMinor: 125050, currency: "USD" });
    expect(fwd(sf, 0.1, rec("USD"))).toEqual({ amountMinor: 10, currency: "USD" });
    expect(fwd(sf, 1234.56, rec("USD"))).toEqual({ amountMinor: 123456, currency: "USD" });
  });

  it.each([
    ["0.001", "USD", "more than 2 decimal places"],
    ["12.5", "JPY", "more than 0 decimal places"],
    ["1.2345", "KWD", "more than 3 decimal places"],
    ["1,250.00", "USD", "not a decimal"],
    ["12", "XYZ", "unsupported"],
    ["90071992547409.92", "USD", "too large"],
  ])("rejects %s %s (%s)", (raw, cur, why) => {
    const v = fwd(sf, raw, rec(cur));
    expect(isBad(v) && v.message).toContain(why);
  });

  it("rejects a missing currency", () => {
    expect(isBad(fwd(sf, "10.00", {}))).toBe(true);
  });

  it("writes the amount and its currency field", () => {
    const out: Record<string, unknown> = {};
    expect(rev(sf, { amountMinor: 125050, currency: "USD" }, out)).toBe(1250.5);
    expect(out).toEqual({ CurrencyIsoCode: "USD" });
    expect(rev(coupa, { amountMinor: -5, currency: "KWD" }, {})).toBe("-0.005");
    expect(rev(coupa, { amountMinor: 10, currency: "USD" }, {})).toBe("0.10");
    expect(rev(coupa, { amountMinor: 0, currency: "USD" }, {})).toBe("0.00");
    expect(rev(coupa, { amountMinor: 1250, currency: "JPY" }, {})).toBe("1250");
  });

  it("a fixed-currency field refuses another currency", () => {
    const usd = build("money", { currency: "USD" });
    expect(fwd(usd, 12.5)).toEqual({ amountMinor: 1250, currency: "USD" });
    expect(isBad(rev(usd, { amountMinor: 1, currency: "EUR" }))).toBe(true);
  });

  it("needs exactly one of currencyField and currency", () => {
    expect(() => build("money", {})).toThrow();
    expect(() => build("money", { currency: "USD", currencyField: "C" })).toThrow();
  });
});

describe("boolean transform", () => {
  const t = build("boolean");
  it.each([[true, true], [false, false], ["Yes", true], ["no", false], ["TRUE", true], ["0", false], [1, true], ["Y", true]])("reads %s as %s", (raw, v) => {
    expect(fwd(t, raw)).toBe(v);
  });
  it.each(["maybe", "", 2, {}])("rejects %s", (raw) => expect(isBad(fwd(t, raw))).toBe(true));
  it("writes booleans, or Yes/No with style yes-no", () => {
    expect(rev(t, true)).toBe(true);
    expect(rev(build("boolean", { style: "yes-no" }), false)).toBe("No");
    expect(isBad(rev(t, "yes"))).toBe(true);
  });
});

describe("integer and number transforms", () => {
  it("integer reads integers and integer text, rejects fractions", () => {
    const t = build("integer");
    expect(fwd(t, 25)).toBe(25);
    expect(fwd(t, "25")).toBe(25);
    expect(Object.is(fwd(t, -0), 0)).toBe(true);
    expect(isBad(fwd(t, 2.5))).toBe(true);
    expect(isBad(fwd(t, "two"))).toBe(true);
  });
  it("number shifts the decimal point exactly both ways (percent ⇄ rate)", () => {
    const t = build("number", { shift: -2 });
    expect(fwd(t, 12.5)).toBe(0.125);
    expect(fwd(t, 7)).toBe(0.07);
    expect(fwd(t, "33.3")).toBe(0.333);
    expect(rev(t, 0.07)).toBe(7);
    expect(rev(t, 0.125)).toBe(12.5);
    expect(isBad(fwd(t, "abc"))).toBe(true);
  });
});
