// An amount of one currency in integer minor units, so sums are exact and never mix currencies.

/**
 * `amountMinor` is an integer in the currency's minor unit (cents for USD/EUR, yen for JPY — the
 * ISO 4217 exponent). Amounts in different currencies are never added; PAY-5 converts to USD first.
 */
export interface Money {
  amountMinor: number;
  /** ISO 4217 code, upper case: "USD", "EUR", "JPY". */
  currency: string;
}
