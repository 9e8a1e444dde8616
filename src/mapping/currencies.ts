// ISO 4217 minor-unit exponents of the currencies partner-sync accepts. A currency not listed is a
// bad value rather than a guessed exponent: a wrong exponent pays a partner 100× too much or too little.
const EXPONENTS: Record<string, number> = {
  // zero decimals
  JPY: 0, KRW: 0, CLP: 0, VND: 0, ISK: 0, PYG: 0, UGX: 0, XAF: 0, XOF: 0,
  // three decimals
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, IQD: 3, LYD: 3,
  // two decimals
  USD: 2, EUR: 2, GBP: 2, AUD: 2, CAD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2,
  ILS: 2, AED: 2, SAR: 2, ZAR: 2, TRY: 2, INR: 2, SGD: 2, HKD: 2, TWD: 2, CNY: 2, MYR: 2, THB: 2, PHP: 2,
  IDR: 2, BRL: 2, MXN: 2, ARS: 2, COP: 2, PEN: 2,
};

export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(EXPONENTS);

export function currencyExponent(code: string): number | undefined {
  return Object.hasOwn(EXPONENTS, code) ? EXPONENTS[code] : undefined;
}
