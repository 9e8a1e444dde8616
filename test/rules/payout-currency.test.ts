import { describe, expect, it } from "vitest";
import { convertToUsd, totalInUsd } from "../../src/rules/payout-currency.js";

const fx = {
  EUR: { usdPerUnit: 1.08, minorUnitExponent: 2 },
  JPY: { usdPerUnit: 0.0067, minorUnitExponent: 0 },
  KWD: { usdPerUnit: 3.25, minorUnitExponent: 3 },
};

describe("PAY-5 conversion to USD in integer cents, half away from zero", () => {
  it.each([
    [{ amountMinor: 12_345, currency: "USD" }, 12_345],
    [{ amountMinor: 10_000, currency: "EUR" }, 10_800], // €100.00 → $108.00
    [{ amountMinor: 1, currency: "EUR" }, 1], // 1.08 cents → 1
    [{ amountMinor: 150, currency: "JPY" }, 101], // ¥150 → 100.5 cents → 101
    [{ amountMinor: 1_000, currency: "KWD" }, 325], // 1.000 KWD → $3.25
    [{ amountMinor: -10_000, currency: "EUR" }, -10_800], // credits convert symmetrically
  ])("%j → %i cents", (amount, cents) => {
    expect(convertToUsd(amount, fx)).toEqual({ outcome: "CONVERTED", reasons: [], usd: { amountMinor: cents, currency: "USD" } });
  });

  it("reports CURRENCY_UNCONVERTIBLE for a currency without a rate", () => {
    const d = convertToUsd({ amountMinor: 100, currency: "CHF" }, fx);
    expect([d.outcome, d.usd, d.reasons.map((r) => r.code)]).toEqual(["UNCONVERTIBLE", null, ["CURRENCY_UNCONVERTIBLE"]]);
  });

  it("totals converted cents and lists, never sums, what it could not convert", () => {
    const t = totalInUsd(
      [
        { amountMinor: 100, currency: "USD" },
        { amountMinor: 10_000, currency: "EUR" },
        { amountMinor: 999, currency: "CHF" },
      ],
      fx,
    );
    expect(t.outcome).toBe("PARTIAL");
    expect(t.totalUsd).toEqual({ amountMinor: 10_900, currency: "USD" });
    expect(t.unconvertible).toEqual([{ amountMinor: 999, currency: "CHF" }]);
    expect(t.reasons.map((r) => r.code)).toEqual(["CURRENCY_UNCONVERTIBLE"]);
    expect(totalInUsd([{ amountMinor: 1, currency: "USD" }], fx).outcome).toBe("COMPLETE");
  });
});
