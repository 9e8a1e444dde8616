// Where demo partners and customers are: countries per region with their currency, name, web TLD,
// sales territory, and the distributors an Open partner there transacts through (Q-2 defaults).
import type { REGIONS, SALES_TERRITORIES } from "../default-org/picklists.js";

export type Region = (typeof REGIONS)[number];
export type Territory = (typeof SALES_TERRITORIES)[number];

export interface Country {
  code: string;
  name: string;
  region: Region;
  currency: string;
  tld: string;
  territory: Territory;
  /** Q-2 distributors of the territory; empty where there is no active distributor. */
  distributors: readonly string[];
}

const c = (code: string, name: string, region: Region, currency: string, tld: string, territory: Territory, distributors: string[] = []): Country =>
  ({ code, name, region, currency, tld, territory, distributors });

const EMEA = ["Amazic"];
const APAC = ["TD Synnex"];

export const COUNTRIES: readonly Country[] = [
  c("US", "United States", "AMER", "USD", "com", "AMER Commercial"),
  c("CA", "Canada", "AMER", "USD", "ca", "AMER Commercial"),
  c("GB", "United Kingdom", "EMEA", "GBP", "co.uk", "EMEA", EMEA),
  c("DE", "Germany", "EMEA", "EUR", "de", "EMEA", EMEA),
  c("FR", "France", "EMEA", "EUR", "fr", "EMEA", EMEA),
  c("NL", "Netherlands", "EMEA", "EUR", "nl", "EMEA", EMEA),
  c("SE", "Sweden", "EMEA", "EUR", "se", "EMEA", EMEA),
  c("ES", "Spain", "EMEA", "EUR", "es", "EMEA", EMEA),
  c("PL", "Poland", "EMEA", "EUR", "pl", "EMEA", EMEA),
  c("IL", "Israel", "EMEA", "USD", "co.il", "EMEA", EMEA),
  c("ZA", "South Africa", "EMEA", "USD", "co.za", "EMEA", EMEA),
  c("AE", "United Arab Emirates", "EMEA", "USD", "ae", "EMEA", EMEA),
  c("AU", "Australia", "APAC", "AUD", "com.au", "APAC", APAC),
  c("NZ", "New Zealand", "APAC", "USD", "co.nz", "APAC", APAC),
  c("SG", "Singapore", "APAC", "USD", "sg", "APAC", APAC),
  c("MY", "Malaysia", "APAC", "USD", "my", "APAC", APAC),
  c("KR", "South Korea", "APAC", "USD", "kr", "APAC", APAC),
  c("IN", "India", "APAC", "INR", "in", "India", ["TD Synnex", "Redington"]),
  c("JP", "Japan", "APAC", "JPY", "jp", "Japan", ["TD Synnex", "Networld"]),
  c("BR", "Brazil", "LATAM", "BRL", "com.br", "LATAM"),
  c("MX", "Mexico", "LATAM", "USD", "mx", "LATAM"),
  c("AR", "Argentina", "LATAM", "USD", "ar", "LATAM"),
  c("CL", "Chile", "LATAM", "USD", "cl", "LATAM"),
  c("CO", "Colombia", "LATAM", "USD", "co", "LATAM"),
];

export function countryOf(code: string): Country {
  const found = COUNTRIES.find((x) => x.code === code);
  if (!found) throw new RangeError(`demo geography has no country ${code}`);
  return found;
}

export const COUNTRIES_BY_REGION: Readonly<Record<Region, readonly Country[]>> = {
  AMER: COUNTRIES.filter((x) => x.region === "AMER"),
  EMEA: COUNTRIES.filter((x) => x.region === "EMEA"),
  APAC: COUNTRIES.filter((x) => x.region === "APAC"),
  LATAM: COUNTRIES.filter((x) => x.region === "LATAM"),
};

/** US public sector: Carahsoft. */
export const US_PUBLIC_SECTOR_DISTRIBUTORS = ["Carahsoft"] as const;
