// Integer minor amounts times decimal rates, exactly. Rates arrive as JS numbers (YAML floats); doing
// `amount * 0.1` in floating point can land on x.4999… and round the wrong way, so the rate is read as
// the decimal a person typed (10 decimals) and the product is computed in BigInt.
import type { Money } from "../domain/money.js";

const RATE_DECIMALS = 10;
const RATE_SCALE = 10n ** BigInt(RATE_DECIMALS);

function scaledRate(rate: number): bigint {
  if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`rate must be a finite number ≥ 0, got ${rate}`);
  // toFixed rounds the binary double to the nearest 10-decimal value: the decimal that was typed.
  return BigInt(rate.toFixed(RATE_DECIMALS).replace(".", ""));
}

/** Division rounding half away from zero (the usual commercial rounding: 0.5 cent → 1 cent). */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (2n * absRemainder < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * `amountMinor × rate × 10^shift`, rounded half away from zero to an integer. `shift` moves between
 * minor units of different exponents (JPY yen → USD cents is +2).
 */
export function multiplyMinor(amountMinor: number, rate: number, shift = 0): number {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  let numerator = BigInt(amountMinor) * scaledRate(rate);
  let denominator = RATE_SCALE;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number(divideRounded(numerator, denominator));
}

/** A rate applied to a money amount, in the same currency (rebates: rate × net ARR). */
export function applyRate(amount: Money, rate: number): Money {
  return { amountMinor: multiplyMinor(amount.amountMinor, rate), currency: amount.currency };
}
