// PAY-5: payouts are in USD. Every amount is converted with the configured table before anything is
// added up; an amount the table cannot convert is reported, never summed as if it were dollars.
import type { Money } from "../domain/money.js";
import { decision, reason, type Decision } from "./decision.js";
import { multiplyMinor } from "./exact-rate.js";
import type { FxTable } from "./rules-config.schema.js";

const USD_EXPONENT = 2;

export interface UsdConversion extends Decision<"CONVERTED" | "UNCONVERTIBLE"> {
  usd: Money | null;
}

// PAY-5 Currency — handbook "Definitions and Qualifications"
// Rounding: one conversion per accrual, half away from zero to the cent (exact-rate.ts); totals are
// sums of converted cents, so a report's total equals the sum of its rows.
export function convertToUsd(amount: Money, fxToUsd: FxTable): UsdConversion {
  if (amount.currency === "USD") return { ...decision("CONVERTED"), usd: { ...amount } };
  const entry = fxToUsd[amount.currency];
  if (entry === undefined) {
    return {
      ...decision("UNCONVERTIBLE", reason("PAY-5", "CURRENCY_UNCONVERTIBLE", `no configured USD rate for ${amount.currency} (amount ${amount.amountMinor} minor units)`)),
      usd: null,
    };
  }
  const cents = multiplyMinor(amount.amountMinor, entry.usdPerUnit, USD_EXPONENT - entry.minorUnitExponent);
  return { ...decision("CONVERTED"), usd: { amountMinor: cents, currency: "USD" } };
}

export interface UsdTotal extends Decision<"COMPLETE" | "PARTIAL"> {
  /** Sum of the convertible amounts only. */
  totalUsd: Money;
  /** The amounts left out of the total, in their own currency. */
  unconvertible: Money[];
}

// PAY-5 Currency — handbook "Definitions and Qualifications": a total that says what it left out
export function totalInUsd(amounts: Iterable<Money>, fxToUsd: FxTable): UsdTotal {
  let total = 0;
  const unconvertible: Money[] = [];
  const reasons = [];
  for (const amount of amounts) {
    const converted = convertToUsd(amount, fxToUsd);
    if (converted.usd === null) {
      unconvertible.push(amount);
      reasons.push(...converted.reasons);
    } else total += converted.usd.amountMinor;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError(`USD total ${total} exceeds the safe integer range`);
  return { outcome: unconvertible.length === 0 ? "COMPLETE" : "PARTIAL", reasons, totalUsd: { amountMinor: total, currency: "USD" }, unconvertible };
}
