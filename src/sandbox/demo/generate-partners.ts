// Partner accounts (Salesforce Account + portal Account) and their people (Partner_Person__c +
// portal User), with the standing facts the rules read. The first partners are fixed archetypes so
// every region, track and standing problem exists even in a small data set.
import type { PARTNER_TRACKS } from "../default-org/picklists.js";
import { type DemoContext, portalSystem, pushPortal, pushSf, sfSystem, syncState } from "./demo-context.js";
import { COUNTRIES_BY_REGION, type Country, countryOf, US_PUBLIC_SECTOR_DISTRIBUTORS } from "./geography.js";
import { domainOf, emailOf, partnerName, personName, title } from "./names.js";
import { DAY_MS, isoDay, sfDateTime } from "./wire-format.js";

export type Banking = "connected" | "remit_to_only" | "none";
type Track = (typeof PARTNER_TRACKS)[number];

export interface DemoPartner {
  sfId: string | null;
  portalId: number;
  name: string;
  country: Country;
  currency: string;
  publicSector: boolean;
  track: Track;
  signed: boolean;
  compliant: boolean;
  foundations: boolean;
  certified: boolean;
  ps: boolean;
  banking: Banking;
  supplierNumber: string | null;
  supplierId: number | null;
  street: string;
  city: string;
  postal: string;
  firstPersonPortalId: number;
  firstPersonSfId: string | null;
  firstPersonEmail: string;
}

interface Profile {
  country: string; track: Track; publicSector?: boolean; signed?: boolean; compliance?: "Good Standing" | "Under Review" | "Non-Compliant";
  foundations?: boolean; certified?: boolean; ps?: boolean; banking?: Banking; onlyOnPortal?: boolean;
}

/** Coverage first: each region and distributor territory, both tracks, every standing problem. */
const ARCHETYPES: readonly Profile[] = [
  { country: "US", track: "Select", ps: true }, { country: "US", track: "Open" },
  { country: "US", track: "Open", publicSector: true }, { country: "DE", track: "Open" },
  { country: "GB", track: "Select", ps: true }, { country: "AU", track: "Open" },
  { country: "IN", track: "Open" }, { country: "JP", track: "Open" }, { country: "JP", track: "Select", ps: true },
  { country: "BR", track: "Select" }, { country: "MX", track: "Open" }, { country: "SG", track: "Select" },
  { country: "FR", track: "Open", signed: false }, { country: "CA", track: "Select", compliance: "Non-Compliant" },
  { country: "SG", track: "Open", foundations: false }, { country: "NL", track: "Open", banking: "remit_to_only" },
  { country: "IN", track: "Select", banking: "none" }, { country: "US", track: "Select", certified: false },
  { country: "ES", track: "Unassigned", signed: false, onlyOnPortal: true },
];

function randomProfile(ctx: DemoContext): Profile {
  const { rng } = ctx;
  const region = rng.weighted({ AMER: 40, EMEA: 30, APAC: 20, LATAM: 10 } as const);
  const country = rng.pick(COUNTRIES_BY_REGION[region]).code;
  const track = rng.weighted({ Open: 60, Select: 30, Unassigned: 7, Alliance: 3 } as const);
  return {
    country, track, publicSector: country === "US" && rng.chance(0.12),
    signed: track === "Unassigned" ? rng.chance(0.3) : rng.chance(0.95),
    compliance: rng.weighted({ "Good Standing": 90, "Under Review": 4, "Non-Compliant": 6 } as const),
    foundations: rng.chance(0.88), certified: rng.chance(0.65), ps: rng.chance(track === "Select" ? 0.6 : 0.15),
    banking: rng.weighted({ connected: 70, remit_to_only: 15, none: 15 } as const),
    onlyOnPortal: false,
  };
}

function distributorFor(country: Country, publicSector: boolean, track: Track, pick: (xs: readonly string[]) => string): string | null {
  if (track !== "Open") return null;
  if (publicSector) return US_PUBLIC_SECTOR_DISTRIBUTORS[0];
  return country.distributors.length > 0 ? pick(country.distributors) : null;
}

export function generatePartner(ctx: DemoContext, n: number): DemoPartner {
  const { rng } = ctx;
  const profile = ARCHETYPES[n] ?? randomProfile(ctx);
  const country = countryOf(profile.country);
  const name = partnerName(rng, n + 1);
  const domain = domainOf(name, country.tld);
  const createdMs = ctx.now - rng.int(20, 900) * DAY_MS - rng.int(0, 86_399) * 1000;
  const signedMs = createdMs + rng.int(3, 40) * DAY_MS;
  const signed = (profile.signed ?? true) && signedMs < ctx.now;
  const compliance = profile.compliance ?? "Good Standing";
  const state = profile.onlyOnPortal ? "one-side" : n < ARCHETYPES.length ? "synced" : syncState(ctx, 0.05, 0.02);
  const portalId = ctx.ids.nextPortal("Account");
  const sfId = state === "one-side" ? null : ctx.ids.nextSf("Account");
  const publicSector = profile.publicSector ?? false;
  const banking = profile.banking ?? "connected";
  const supplierNumber = banking === "none" && rng.chance(0.6) ? null : `SUP-${String(100000 + n).padStart(6, "0")}`;
  const supplierId = supplierNumber === null ? null : ctx.ids.nextCoupa();
  const track = profile.track;
  const seats = track === "Select" ? 25 : track === "Open" ? 10 : 0;
  const distributor = distributorFor(country, publicSector, track, (xs) => rng.pick(xs));
  const territory = publicSector ? "US Public Sector" : country.territory;
  const pam = rng.pick(ctx.users.pams);
  const modifiedMs = Math.max(signedMs, ctx.now - rng.int(1, 60) * DAY_MS);
  const street = `${rng.int(1, 999)} ${rng.pick(["Market St", "Hauptstraße", "High Street", "Rue de Rivoli", "Orchard Rd", "Avenida Paulista"])}`;
  const city = rng.pick(["Springfield", "Riverside", "Lakeside", "Harbor City", "Hillview", "Northgate"]);
  const postal = String(rng.int(10000, 99999));

  if (sfId !== null) {
    // Drift: the portal shows a track the vendor has since changed in Salesforce.
    pushSf(ctx, "Account", {
      ...sfSystem(ctx, sfId, createdMs, modifiedMs, pam),
      Name: name, Type: "Partner", Website: `https://www.${domain}`, Phone: `+1 555 ${String(1000 + (n % 9000))}`,
      BillingStreet: street, BillingCity: city, BillingPostalCode: postal, BillingCountry: country.name, BillingCountryCode: country.code,
      CurrencyIsoCode: country.currency, Partner_Track__c: track, Program_Agreement_Signed__c: signed,
      Agreement_Signed_Date__c: signed ? isoDay(signedMs) : null, Compliance_Status__c: compliance, PS_Designation__c: profile.ps ?? false,
      Partner_Region__c: country.region, Public_Sector_Partner__c: publicSector, Sales_Territory__c: territory,
      Preferred_Distributor__c: distributor, Partner_Account_Manager__c: pam,
      Foundations_Trained_People__c: (profile.foundations ?? true) ? 1 : 0, Certified_Architects_Engineers__c: (profile.certified ?? true) ? 1 : 0,
      Coupa_Supplier_Number__c: supplierNumber,
      Coupa_Supplier_Id__c: supplierId === null ? null : String(supplierId), Banking_Status__c: banking, Banking_Checked_At__c: sfDateTime(ctx.now - rng.int(1, 20) * DAY_MS),
      NFR_Seat_Limit__c: seats, Program_Reason_Codes__c: signed ? null : "ELIG-1:NOT_AUTHORIZED",
      Program_Reasons__c: signed ? null : "ELIG-1 NOT_AUTHORIZED: the partner has not signed the program agreement.",
      Portal_Id__c: String(portalId),
    });
  }
  const drifted = state === "drifted";
  pushPortal(ctx, "Account", {
    ...portalSystem(ctx, portalId, createdMs, drifted ? modifiedMs - 3 * DAY_MS : modifiedMs, sfId),
    Name: name, Website: `https://www.${domain}`, Street: street, City: city, Postal_Code: postal, Country: country.code,
    Currency: country.currency, Partner_Track__cf: drifted && track === "Select" ? "Open" : track, Agreement_Signed__cf: signed,
    Agreement_Signed_Date__cf: signed ? isoDay(signedMs) : null, Compliance_Status__cf: compliance, PS_Designation__cf: profile.ps ?? false,
    Region__cf: country.region, Public_Sector__cf: publicSector, Territory__cf: territory, Preferred_Distributor__cf: distributor,
    Coupa_Supplier_Number__cf: supplierNumber, Banking_Status__cf: drifted ? "none" : banking, NFR_Seats__cf: seats,
  });

  // People: 1–4 per partner; the first carries the partner's training and certification facts.
  const people = rng.int(1, 4);
  let first = { portalId: 0, sfId: null as string | null, email: "" };
  for (let i = 0; i < people; i++) {
    const who = personName(rng);
    const email = emailOf(who, domain);
    const personPortalId = ctx.ids.nextPortal("User");
    const personSfId = sfId === null ? null : ctx.ids.nextSf("Partner_Person__c");
    const foundations = i === 0 ? (profile.foundations ?? true) : rng.chance(0.4) && (profile.foundations ?? true);
    const sa = i === 0 && (profile.certified ?? true);
    const pse = i === 1 && (profile.ps ?? false) && (profile.certified ?? true);
    const trainedMs = createdMs + rng.int(5, 60) * DAY_MS;
    const day = (b: boolean) => (b && trainedMs < ctx.now ? isoDay(trainedMs) : null);
    const personCreated = createdMs + i * DAY_MS;
    if (personSfId !== null) {
      pushSf(ctx, "Partner_Person__c", {
        ...sfSystem(ctx, personSfId, personCreated, trainedMs, pam),
        Name: `${who.first} ${who.last}`, Account__c: sfId, First_Name__c: who.first, Last_Name__c: who.last, Email__c: email,
        Title__c: title(rng), Active__c: true, Foundations_Training_Completed__c: day(foundations) !== null, Foundations_Completed_On__c: day(foundations),
        Solution_Architect_Certified__c: day(sa) !== null, Solution_Architect_Certified_On__c: day(sa),
        PS_Engineer_Certified__c: day(pse) !== null, PS_Engineer_Certified_On__c: day(pse), Portal_Id__c: String(personPortalId),
      });
    }
    pushPortal(ctx, "User", {
      ...portalSystem(ctx, personPortalId, personCreated, trainedMs, personSfId),
      Account: portalId, First_Name: who.first, Last_Name: who.last, Email: email, Title: title(rng), Active: true,
      Foundations_Training__cf: day(foundations) !== null, Foundations_Completed__cf: day(foundations),
      Solution_Architect_Cert__cf: day(sa) !== null, Solution_Architect_Cert_Date__cf: day(sa),
      PS_Engineer_Cert__cf: day(pse) !== null, PS_Engineer_Cert_Date__cf: day(pse),
    });
    if (i === 0) first = { portalId: personPortalId, sfId: personSfId, email };
  }

  return {
    sfId, portalId, name, country, currency: country.currency, publicSector, track, signed, compliant: compliance === "Good Standing",
    foundations: profile.foundations ?? true, certified: profile.certified ?? true, ps: profile.ps ?? false, banking, supplierNumber,
    supplierId, street, city, postal,
    firstPersonPortalId: first.portalId, firstPersonSfId: first.sfId, firstPersonEmail: first.email,
  };
}
