// Customer accounts and their opportunities in Salesforce (the vendor owns every field of them).
import type { PRODUCT_TIERS } from "../default-org/picklists.js";
import { type DemoContext, pushSf, sfSystem } from "./demo-context.js";
import type { DemoPartner } from "./generate-partners.js";
import { COUNTRIES, type Country } from "./geography.js";
import { customerName, domainOf, emailOf, personName } from "./names.js";
import { DAY_MS, isoDay, sfDateTime } from "./wire-format.js";

export type Tier = (typeof PRODUCT_TIERS)[number];

export interface DemoCustomer { sfId: string; name: string; country: Country; domain: string }

export interface DemoOpportunity {
  sfId: string;
  customer: DemoCustomer;
  closed: boolean;
  won: boolean;
  closeMs: number;
  netArrCents: number;
  currency: string;
  tier: Tier;
  newLogo: boolean;
}

export function generateCustomer(ctx: DemoContext, n: number): DemoCustomer {
  const { rng } = ctx;
  const country = rng.pick(COUNTRIES);
  const name = customerName(rng, n + 1);
  const sfId = ctx.ids.nextSf("Account");
  const createdMs = ctx.now - rng.int(30, 1500) * DAY_MS;
  const domain = domainOf(name, country.tld);
  pushSf(ctx, "Account", {
    ...sfSystem(ctx, sfId, createdMs, createdMs + rng.int(0, 30) * DAY_MS, rng.pick(ctx.users.reps)),
    Name: name, Type: rng.chance(0.6) ? "Customer" : "Prospect", Website: `https://www.${domain}`,
    BillingCity: rng.pick(["Metropolis", "Gotham", "Springfield", "Capital City"]), BillingPostalCode: String(rng.int(10000, 99999)),
    BillingCountry: country.name, BillingCountryCode: country.code, CurrencyIsoCode: country.currency,
    Program_Agreement_Signed__c: false, PS_Designation__c: false, Public_Sector_Partner__c: false,
  });
  return { sfId, name, country, domain };
}

export interface OpportunitySpec {
  customer: DemoCustomer;
  /** The reseller (null: referral, vendor direct or marketplace). */
  reseller: DemoPartner | null;
  stage: "open" | "won" | "lost";
  /** Close instant; default: past for closed, future for open. */
  closeMs?: number;
  tier?: Tier;
  previousTier?: Tier | null;
  orderType?: "New Business" | "Add-On" | "Renewal";
  source?: "Partner" | "Vendor";
  newLogo?: boolean;
  targetList?: boolean;
  publicSector?: boolean;
  marketplace?: "AWS" | "GCP" | "Azure" | null;
  incumbent?: DemoPartner | null;
  customerAskedOther?: boolean;
  coSellPartners?: readonly DemoPartner[];
  distributorSfId?: string | null;
  currency?: string;
}

const OPEN_STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"];

export function createOpportunity(ctx: DemoContext, spec: OpportunitySpec): DemoOpportunity {
  const { rng } = ctx;
  const closed = spec.stage !== "open";
  const closeMs = spec.closeMs ?? (closed ? ctx.now - rng.int(1, 300) * DAY_MS : ctx.now + rng.int(7, 150) * DAY_MS);
  const createdMs = Math.min(ctx.now - DAY_MS, (closed ? closeMs : ctx.now) - rng.int(20, 200) * DAY_MS);
  const tier = spec.tier ?? rng.weighted({ Premium: 55, Ultimate: 40, Starter: 3, Bronze: 2 } as const);
  const currency = spec.currency ?? spec.reseller?.currency ?? spec.customer.country.currency;
  const yen = currency === "JPY";
  const seats = rng.int(10, 2500);
  const perSeatCents = tier === "Ultimate" ? 118_800 : tier === "Premium" ? 34_800 : 22_800;
  const usdCents = seats * perSeatCents;
  // Amounts in the opportunity's currency at round demo rates (JPY has no minor unit: whole yen ×100).
  const netArrCents = yen ? Math.round(usdCents * 150 / 100) * 100 : currency === "INR" ? usdCents * 83 : usdCents;
  const sfId = ctx.ids.nextSf("Opportunity");
  const orderType = spec.orderType ?? "New Business";
  const won = spec.stage === "won";
  const contact = personName(rng);
  // About one in ten quotes lacks the end user's postal code.
  const completeContact = rng.chance(0.9);
  const eula = won && rng.chance(0.93);
  pushSf(ctx, "Opportunity", {
    ...sfSystem(ctx, sfId, createdMs, closed ? closeMs : ctx.now - rng.int(0, 15) * DAY_MS, rng.pick(ctx.users.reps)),
    Name: `${spec.customer.name} - ${tier} ${orderType}`, AccountId: spec.customer.sfId,
    StageName: won ? "Closed Won" : spec.stage === "lost" ? "Closed Lost" : rng.pick(OPEN_STAGES), IsClosed: closed, IsWon: won,
    CloseDate: isoDay(closeMs), Amount: netArrCents / 100, CurrencyIsoCode: currency, Net_ARR__c: netArrCents / 100,
    Product_Tier__c: tier, Previous_Tier__c: spec.previousTier ?? null, Order_Type__c: orderType,
    Opportunity_Source__c: spec.source ?? "Partner", New_Logo__c: spec.newLogo ?? false, First_Order_Target__c: spec.targetList ?? false,
    Public_Sector__c: spec.publicSector ?? false, Marketplace__c: (spec.marketplace ?? null) !== null, Marketplace_Name__c: spec.marketplace ?? null,
    Reseller__c: spec.reseller?.sfId ?? null, Distributor__c: spec.distributorSfId ?? null, Incumbent_Reseller__c: spec.incumbent?.sfId ?? null,
    Co_Sell_Partner_Ids__c: spec.coSellPartners && spec.coSellPartners.length > 0 ? spec.coSellPartners.map((p) => p.sfId).join(";") : null,
    Discount_Override_Percent__c: rng.chance(0.03) ? rng.int(5, 12) : null,
    Customer_Requested_Other_Partner__c: spec.customerAskedOther ?? false,
    End_User_Contact_Name__c: `${contact.first} ${contact.last}`, End_User_Contact_Email__c: emailOf(contact, spec.customer.domain),
    End_User_Shipping_Street__c: `${rng.int(1, 500)} Main Street`, End_User_Shipping_City__c: "Metropolis",
    End_User_Shipping_Postal_Code__c: completeContact ? String(rng.int(10000, 99999)) : null,
    End_User_Shipping_Country__c: spec.customer.country.name, EULA_Executed__c: eula,
    EULA_Method__c: eula ? (rng.chance(0.85) ? "Click-through" : "Countersigned") : null,
    EULA_Executed_At__c: eula ? sfDateTime(Math.min(ctx.now, closeMs + rng.int(1, 10) * DAY_MS)) : null,
    Rep_To_Choose_Reseller__c: false,
  });
  return { sfId, customer: spec.customer, closed, won, closeMs, netArrCents, currency, tier, newLogo: spec.newLogo ?? false };
}
