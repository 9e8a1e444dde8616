// Small hand-built worlds for the decider tests: the rule fixtures' eligible defaults plus builders for
// the entities they lack, a default context, and `applyDecisions` — what apply would do — for the
// idempotence property.
import type { EvaluationLicense, NfrLicense, Prospect, RebateAccrual } from "../../../src/domain/index.js";
import { defaultRulesConfig } from "../../../src/rules/rules-config.schema.js";
import type { Decisions } from "../../../src/sync/decide/decisions.js";
import type { CurrentDerived, DecideContext, WorldInput } from "../../../src/sync/decide/world.js";
import { at } from "../../rules/fixtures/entities.js";

export { at, opportunity, partner, person, registration, wonOpportunity } from "../../rules/fixtures/entities.js";

export function context(nowIso: string, overrides: Partial<DecideContext> = {}): DecideContext {
  return { now: at(nowIso), rules: defaultRulesConfig, newlyApprovedIds: new Set(), leadRecallOwnerId: "vendor-queue", ...overrides };
}

export function prospect(overrides: Partial<Prospect> = {}): Prospect {
  return {
    id: "L1", partnerId: "P1", origin: "VendorPaid", shareStatus: "Pending", partnerStatus: "Qualifying",
    createdAt: at("2026-03-01T00:00:00Z"), sharedAt: at("2026-03-02T10:00:00Z"), acceptedAt: null, rejectedAt: null,
    qualifiedAt: null, convertedRegistrationId: null, recalledAt: null, ownerId: "partner-user", firstName: null, lastName: "Doe", company: "Acme", email: null,
    ...overrides,
  };
}

export function nfrLicense(overrides: Partial<NfrLicense> = {}): NfrLicense {
  return {
    id: "N1", partnerId: "P1", deployment: "SaaS", tier: "Ultimate", seats: 5, status: "Active",
    requestedAt: at("2025-06-01T09:00:00Z"), processedAt: at("2025-06-02T09:00:00Z"), startsAt: at("2025-06-03T00:00:00Z"),
    expiresAt: null, isAddOn: false, renewalOf: null, approvedByAccountManager: false,
    ...overrides,
  };
}

export function evaluationLicense(overrides: Partial<EvaluationLicense> = {}): EvaluationLicense {
  return {
    id: "E1", partnerId: "P1", registrationId: "R1", sequence: 1, renewalOf: null, status: "Issued",
    requestedAt: at("2026-03-01T00:00:00Z"), issuedAt: at("2026-03-02T00:00:00Z"), expiresAt: null, managed: false, solutionsArchitectId: null,
    ...overrides,
  };
}

export function emptyWorld(overrides: Partial<WorldInput> = {}): WorldInput {
  return { partners: [], registrations: [], opportunities: [], ...overrides };
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
