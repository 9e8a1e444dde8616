// Quote to order (program-rules.md Q-1..3; handbook "Quote to Order", "Receive a GitLab Reseller Quote
// via Distributor", "Execute the GitLab EULA", "License Key Delivery"). Pure: the distributor table and the
// evaluation instant arrive as arguments.
import type { EndUserContact } from "../domain/opportunity.js";
import type { Partner } from "../domain/partner.js";
import { decision, reason, type Decision } from "./decision.js";
import type { RulesConfig } from "./rules-config.schema.js";

const iso = (d: Date): string => d.toISOString();
const blank = (s: string | null): boolean => s === null || s.trim() === "";
// Deliberately loose: the CRM validates addresses; this only catches a value that is plainly not one.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Q-1 — handbook "Quote to Order": no quote or order without an end-user contact with email, shipping address and postal code.
export function endUserContactCheck(dealId: string, contact: EndUserContact | null): Decision<"complete" | "incomplete"> {
  const missing: string[] = [];
  const email = contact?.email ?? null;
  if (email === null || blank(email)) missing.push("email");
  else if (!EMAIL.test(email.trim())) missing.push("a valid email (the value is not an address)");
  if (contact === null || blank(contact.shippingAddress)) missing.push("shipping address");
  if (contact === null || blank(contact.postalCode)) missing.push("postal code");
  if (missing.length > 0) {
    const what = contact === null ? "has no end-user contact" : `end-user contact lacks ${missing.join(", ")}`;
    return decision("incomplete", reason("Q-1", "END_USER_CONTACT_INCOMPLETE", `Deal ${dealId} ${what}; no quote or order until it has email, shipping address and postal code`));
  }
  return decision("complete", reason("Q-1", "END_USER_CONTACT_COMPLETE", `Deal ${dealId} has an end-user contact with email, shipping address and postal code`));
}

export type DistributorTable = RulesConfig["distributors"];
export type ChannelOutcome = "direct" | "distributor" | "not-applicable" | "not-checkable";

/** Q-2's decision; `distributors` lists the ones the partner may choose from when it must use one. */
export type ChannelDecision = Decision<ChannelOutcome> & { distributors: string[] };

type ChannelPartner = Pick<Partner, "id" | "track" | "country" | "region">;

type Lookup = { territory: string; names: string[] } | "none" | "region-unknown";

// Lookup order of the config schema: public sector by country, then country, then region.
function distributorsFor(country: string, region: Partner["region"], publicSector: boolean, table: DistributorTable): Lookup {
  const publicSectorNames = publicSector ? table.publicSectorByCountry[country] : undefined;
  if (publicSectorNames) return { territory: `${country} public sector`, names: publicSectorNames };
  const countryNames = table.byCountry[country];
  if (countryNames) return { territory: country, names: countryNames };
  // The APAC entry covers only the configured APAC countries, whatever region the CRM gives the partner.
  if (table.apacCountries.includes(country)) {
    const apac = table.byRegion.APAC;
    return apac ? { territory: `APAC (${country})`, names: apac } : "none";
  }
  if (region === null) return Object.keys(table.byRegion).some((r) => r !== "APAC") ? "region-unknown" : "none";
  const regionNames = region === "APAC" ? undefined : table.byRegion[region];
  return regionNames ? { territory: region, names: regionNames } : "none";
}

// Q-2 — handbook "Receive a GitLab Reseller Quote (via Distributor)": Select and partners without an active
// distributor buy direct; Open partners buy through one of their territory's distributors.
export function transactingChannel(partner: ChannelPartner, publicSector: boolean, table: DistributorTable): ChannelDecision {
  const out = (o: ChannelOutcome, code: string, message: string, distributors: string[] = []): ChannelDecision => ({
    ...decision(o, reason("Q-2", code, `Partner ${partner.id} (${partner.track}): ${message}`)),
    distributors,
  });
  if (partner.track === "Select") return out("direct", "SELECT_BUYS_DIRECT", "Select partners buy directly from the vendor");
  if (partner.track !== "Open") return out("not-applicable", "TRACK_CANNOT_TRANSACT", "only Open and Select partners transact (ELIG-3)");
  if (partner.country === null) return out("not-checkable", "PARTNER_COUNTRY_UNKNOWN", "no country recorded, so its distributor territory is unknown");
  const found = distributorsFor(partner.country, partner.region, publicSector, table);
  if (found === "region-unknown") {
    return out("not-checkable", "PARTNER_REGION_UNKNOWN", `country ${partner.country} has no country entry and no region is recorded`);
  }
  if (found === "none") {
    const where = `country ${partner.country}${partner.region ? `, region ${partner.region}` : ""}${publicSector ? ", public sector" : ""}`;
    return out("direct", "NO_ACTIVE_DISTRIBUTOR", `no active distributor for ${where}; buys directly`);
  }
  return out("distributor", "MUST_USE_DISTRIBUTOR", `must buy through a distributor of ${found.territory}: ${found.names.join(" or ")}`, [...found.names]);
}

/** Q-3: how the end user executed the EULA, as far as the source systems report it. */
export type EulaState =
  | { status: "executed"; method: "click-through" | "countersigned"; executedAt: Date }
  | { status: "not-executed" }
  | { status: "unknown" };

export interface OrderFacts {
  id: string;
  /** null while not invoiced. */
  invoicedAt: Date | null;
  eula: EulaState;
}

function eulaExecutedBy(eula: EulaState, now: Date): boolean {
  return eula.status === "executed" && eula.executedAt <= now;
}

// Q-3 — handbook "Execute the GitLab EULA": an order is complete only with an executed EULA.
export function orderCompletion(order: OrderFacts, now: Date): Decision<"complete" | "incomplete" | "not-checkable"> {
  const eula = order.eula;
  if (eula.status === "unknown") return decision("not-checkable", reason("Q-3", "EULA_STATUS_UNKNOWN", `Order ${order.id}: no system reports whether the EULA was executed`));
  if (eula.status === "executed" && eulaExecutedBy(eula, now)) {
    return decision("complete", reason("Q-3", "EULA_EXECUTED", `Order ${order.id}: EULA executed (${eula.method}) at ${iso(eula.executedAt)}`));
  }
  return decision("incomplete", reason("Q-3", "EULA_NOT_EXECUTED", `Order ${order.id}: EULA not executed as of ${iso(now)}; the order is not complete`));
}

// Q-3 — handbook "License Key Delivery": the key is released after the invoice and the EULA acceptance.
export function licenseKeyRelease(order: OrderFacts, now: Date): Decision<"release" | "await-eula" | "hold" | "not-checkable"> {
  if (order.invoicedAt === null || order.invoicedAt > now) {
    return decision("hold", reason("Q-3", "NOT_INVOICED", `Order ${order.id}: not invoiced as of ${iso(now)}; no license key before the invoice`));
  }
  const invoiced = `invoiced ${iso(order.invoicedAt)}`;
  const eula = order.eula;
  if (eula.status === "unknown") return decision("not-checkable", reason("Q-3", "EULA_STATUS_UNKNOWN", `Order ${order.id}: ${invoiced}, EULA status not reported`));
  if (eula.status === "executed" && eulaExecutedBy(eula, now)) {
    return decision("release", reason("Q-3", "INVOICED_AND_EULA_EXECUTED", `Order ${order.id}: ${invoiced}, EULA executed (${eula.method}) at ${iso(eula.executedAt)}`));
  }
  // Click-through acceptance happens at download, so the end user is sent the link and accepts there.
  return decision("await-eula", reason("Q-3", "EULA_PENDING", `Order ${order.id}: ${invoiced}; the key activates once the end user accepts the EULA at download or returns a countersigned copy`));
}
