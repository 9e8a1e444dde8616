// A deterministic generated World of any size (seeded PRNG, fixed base instant), for the decide
// benchmark (bench/rules.bench.js) and the property tests (idempotence, determinism). Proportions
// follow a realistic program: ~1 partner per 5 registrations, 0.6 opportunities, 0.5 prospects.
// `applyDecisions` turns a world and a pass's decisions into the world after apply: the settled world
// a daemon's later passes see.
import type {
  DealRegistration, EvaluationLicense, LicenseTier, NfrLicense, Opportunity, Partner, Prospect, RebateAccrual, SupplierBanking,
} from "../../domain/index.js";
import type { Decisions } from "./decisions.js";
import type { CurrentDerived, WorldInput } from "./world.js";
import { mulberry32 } from "../../mulberry32.js";


const DAY = 86_400_000;
const TIERS: LicenseTier[] = ["Starter", "Premium", "Ultimate", "Premium", "Ultimate"];
const noIds = { portal: null, salesforce: null, coupa: null };

export interface SyntheticWorldOptions {
  registrations: number;
  seed?: number;
  /** The instant the data is "as of"; dates spread over the 400 days before it. */
  asOf?: Date;
}

export function syntheticWorld(options: SyntheticWorldOptions): WorldInput {
  const rand = mulberry32(options.seed ?? 42);
  const base = (options.asOf ?? new Date("2026-06-15T12:00:00Z")).getTime();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const chance = (p: number): boolean => rand() < p;
  const daysAgo = (max: number): Date => new Date(base - Math.floor(rand() * max * DAY) - Math.floor(rand() * DAY));
  const n = options.registrations;
  const nPartners = Math.max(2, Math.floor(n / 5));
  const nOpps = Math.max(2, Math.floor(n * 0.6));
  const pid = (i: number): string => `P${i}`;

  const partners: Partner[] = [];
  const banking: SupplierBanking[] = [];
  for (let i = 0; i < nPartners; i++) {
    const people = [{
      id: `PP${i}`, partnerId: pid(i), name: `Person ${i}`, email: null, active: chance(0.95),
      trainings: chance(0.9) ? [{ name: "GitLab Foundations for Partners", completedAt: daysAgo(800) }] : [],
      certifications: chance(0.5) ? [{ name: pick(["Solution Architect", "Professional Services Engineer", "Other"]), earnedAt: daysAgo(800), expiresAt: chance(0.2) ? daysAgo(30) : null }] : [],
    }];
    partners.push({
      id: pid(i), name: `Partner ${i}`, track: pick(["Select", "Open", "Open", "Select", "Distributor", "Unassigned"] as const),
      agreementSigned: chance(0.95), agreementSignedAt: daysAgo(900), compliant: chance(0.9), psDesignation: chance(0.4),
      region: pick(["AMER", "EMEA", "APAC", "LATAM"] as const), country: pick(["US", "DE", "IN", "JP", "FR", "AU", "BR"]),
      territory: null, accountManagerId: null, people, externalIds: noIds,
    });
    banking.push({ partnerId: pid(i), coupaSupplierId: `S${i}`, status: pick(["connected", "connected", "remit_to_only", "none"] as const) });
  }

  const opportunities: Opportunity[] = [];
  for (let i = 0; i < nOpps; i++) {
    const type = pick(["New Business", "New Business", "Add-On", "Renewal"] as const);
    const isClosed = chance(0.3);
    const isWon = isClosed && chance(0.7);
    const tier = pick(TIERS);
    opportunities.push({
      id: `O${i}`, accountId: `A${i % Math.max(1, Math.floor(nOpps / 3))}`, name: `Deal ${i}`, stage: isWon ? "Closed Won" : isClosed ? "Closed Lost" : "Negotiation",
      isClosed, isWon, closeDate: isClosed ? daysAgo(300) : null,
      netArr: chance(0.97) ? { amountMinor: Math.floor(rand() * 50_000_00) + 1000, currency: pick(["USD", "USD", "EUR", "JPY", "CHF"]) } : null,
      tier, previousTier: type === "Renewal" ? pick(TIERS) : null, type, source: pick(["Partner", "Vendor"] as const),
      newLogo: chance(0.4), firstOrderTargetList: chance(0.3), publicSector: chance(0.1), marketplace: chance(0.1) ? "AWS" : null,
      resoldByPartnerId: isWon && chance(0.6) ? pid(Math.floor(rand() * nPartners)) : null,
      coSellPartnerIds: chance(0.1) ? [pid(Math.floor(rand() * nPartners))] : [],
      incumbentPartnerId: type === "Renewal" && chance(0.7) ? pid(Math.floor(rand() * nPartners)) : null,
      customerRequestedOtherPartner: chance(0.05), discountOverrideRate: chance(0.05) ? 0.3 : null,
      endUserContact: chance(0.8) ? { name: "Buyer", email: "buyer@example.com", shippingAddress: "1 Main St", postalCode: chance(0.9) ? "10001" : null } : null,
      externalIds: noIds,
    });
  }

  const registrations: DealRegistration[] = [];
  for (let i = 0; i < n; i++) {
    const sa = chance(0.05);
    const status = pick(["Submitted", "Submitted", "Approved", "Approved", "Approved", "Rejected", "Expired", "Dissolved"] as const);
    // Approvals older than ~90 days were expired by earlier passes in a live org: keep most Approved
    // ones recent, so a pass expires a realistic share (~1 in 6), not nearly all of them.
    const submittedAt = daysAgo(status === "Approved" ? 105 : 240);
    const approved = status === "Approved" || status === "Expired" || (status === "Dissolved" && chance(0.5));
    const originalApprovedAt = approved ? new Date(submittedAt.getTime() + Math.floor(rand() * 10 * DAY)) : null;
    registrations.push({
      id: `R${i}`, partnerId: pid(Math.floor(rand() * nPartners)), opportunityId: sa ? null : `O${Math.floor(rand() * nOpps)}`,
      otherOpportunityIds: chance(0.005) ? ["O0"] : [], accountWide: chance(0.005),
      program: sa ? "Service Attached Registration" : "Deal Registration", dealType: sa ? null : pick(["Resale", "Resale", "Referral", "MSP"] as const),
      status, submittedAt, resubmissionOf: null, originalApprovedAt,
      extendedUntil: originalApprovedAt !== null && chance(0.1) ? new Date(originalApprovedAt.getTime() + 120 * DAY) : null,
      rejectedAt: status === "Rejected" ? submittedAt : null, customerName: chance(0.98) ? `Customer ${i}` : null,
      customerContactEmail: chance(0.98) ? `c${i}@example.com` : null, tier: pick(TIERS),
      linkedOpportunityId: sa && chance(0.9) ? `O${Math.floor(rand() * nOpps)}` : null, linkedRegistrationId: null,
      poeStatus: sa ? pick(["None", "Submitted", "Approved"] as const) : "None", poeApprovedAt: sa && chance(0.4) ? daysAgo(100) : null,
      customerChoseOtherReseller: chance(0.01), nextInLine: false, externalIds: noIds,
    });
  }

  const prospects: Prospect[] = [];
  for (let i = 0; i < Math.floor(n / 2); i++) {
    const createdAt = daysAgo(120);
    const sharedAt = chance(0.95) ? new Date(createdAt.getTime() + Math.floor(rand() * 3 * DAY)) : null;
    const shareStatus = pick(["Sending to Partner", "Pending", "Pending", "Accepted", "Accepted", "Rejected", "Recall"] as const);
    const accepted = shareStatus === "Accepted" && sharedAt !== null;
    const partnerStatus = accepted ? pick(["Qualifying", "Qualifying", "Qualified", "Disqualified", "Converted to DR"] as const) : "Qualifying";
    prospects.push({
      id: `L${i}`, partnerId: pid(Math.floor(rand() * nPartners)), origin: pick(["VendorPaid", "JointEvent", "PartnerMdf"] as const),
      shareStatus, partnerStatus, createdAt, sharedAt,
      acceptedAt: accepted ? new Date((sharedAt as Date).getTime() + Math.floor(rand() * 8 * DAY)) : null, rejectedAt: null,
      qualifiedAt: partnerStatus === "Qualified" || (partnerStatus === "Converted to DR" && chance(0.9)) ? daysAgo(20) : null,
      convertedRegistrationId: partnerStatus === "Converted to DR" ? `R${Math.floor(rand() * n)}` : null,
      recalledAt: shareStatus === "Recall" ? daysAgo(20) : null, ownerId: null, firstName: null, lastName: `Lead ${i}`, company: null, email: null,
    });
  }

  const nfrLicenses: NfrLicense[] = [];
  for (let i = 0; i < Math.floor(n / 10); i++) {
    const status = pick(["Requested", "Active", "Active", "Expired", "Rejected"] as const);
    const requestedAt = daysAgo(500);
    const started = status === "Active" || status === "Expired";
    nfrLicenses.push({
      id: `N${i}`, partnerId: pid(Math.floor(rand() * nPartners)), deployment: pick(["SelfManaged", "SaaS"] as const), tier: "Ultimate",
      seats: 1 + Math.floor(rand() * 30), status, requestedAt, processedAt: status === "Requested" ? null : new Date(requestedAt.getTime() + 2 * DAY),
      startsAt: started ? new Date(requestedAt.getTime() + 3 * DAY) : null, expiresAt: null, isAddOn: chance(0.1),
      renewalOf: null, approvedByAccountManager: chance(0.1),
    });
  }

  const evaluationLicenses: EvaluationLicense[] = [];
  for (let i = 0; i < Math.floor(n / 20); i++) {
    const reg = registrations[Math.floor(rand() * n)] as DealRegistration;
    const status = pick(["Requested", "Issued", "Issued", "Expired"] as const);
    const sequence = 1 + Math.floor(rand() * 3);
    evaluationLicenses.push({
      id: `E${i}`, partnerId: reg.partnerId, registrationId: reg.id, sequence, renewalOf: null, status, requestedAt: daysAgo(90),
      issuedAt: status === "Requested" ? null : daysAgo(60), expiresAt: null, managed: sequence === 3 && chance(0.7), solutionsArchitectId: sequence === 3 && chance(0.7) ? "SA1" : null,
    });
  }

  return { partners, registrations, opportunities, prospects, nfrLicenses, evaluationLicenses, supplierBanking: banking };
}

type Keyed = { id: string };
const COLLECTIONS: Record<string, keyof WorldInput> = {
  Partner: "partners", DealRegistration: "registrations", Opportunity: "opportunities", Prospect: "prospects",
  NfrLicense: "nfrLicenses", EvaluationLicense: "evaluationLicenses", RebateAccrual: "rebateAccruals",
};

/** What apply does with decide's writes: entity fields onto the records, `derived.*` into the derived values. */
export function applyDecisions(input: WorldInput, decisions: Decisions): WorldInput {
  const collections = new Map<string, Map<string, Keyed>>();
  const collection = (name: keyof WorldInput): Map<string, Keyed> => {
    let c = collections.get(name);
    if (c === undefined) collections.set(name, (c = new Map(((input[name] as Keyed[] | undefined) ?? []).map((r) => [r.id, r]))));
    return c;
  };
  const derived: CurrentDerived[] = [...(input.derived ?? [])];
  for (const w of decisions.writes) {
    const plain: Record<string, unknown> = {};
    const derivedFields: CurrentDerived["fields"] = {};
    for (const [f, v] of Object.entries(w.fields)) {
      if (f.startsWith("derived.")) (derivedFields as Record<string, unknown>)[f] = v;
      else plain[f] = v;
    }
    derived.push({ entity: w.entity, key: w.key, fields: derivedFields });
    const name = COLLECTIONS[w.entity];
    if (name === undefined) throw new Error(`no collection for ${w.entity}`);
    const records = collection(name);
    const record = records.get(w.key);
    if (record !== undefined) records.set(w.key, { ...record, ...plain });
    else if (w.entity === "RebateAccrual") records.set(w.key, { id: w.key, paidAt: null, coupaInvoiceId: null, reasons: [], ...plain } as unknown as RebateAccrual);
    else throw new Error(`write to unknown ${w.entity} ${w.key}`);
  }
  const out: Record<string, unknown> = { ...input, derived };
  for (const [name, records] of collections) out[name] = [...records.values()];
  return out as unknown as WorldInput;
}
