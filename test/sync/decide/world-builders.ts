// Small hand-built worlds for the decider tests: the rule fixtures' eligible defaults plus builders for
// the entities they lack, a default context, and (from synthetic-world.ts) `applyDecisions` — what
// apply would do — for the idempotence property.
import type { EvaluationLicense, NfrLicense, Prospect } from "../../../src/domain/index.js";
import { defaultRulesConfig } from "../../../src/rules/rules-config.schema.js";
import type { DecideContext, WorldInput } from "../../../src/sync/decide/world.js";
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

export { applyDecisions } from "../../../src/sync/decide/synthetic-world.js";
