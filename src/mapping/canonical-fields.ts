// The canonical fields a mapping may name, per entity, with their value kind. Typed against
// src/domain so that a property added to or removed from an entity fails the type-check here until
// the mapping vocabulary follows. `derived.*` are what the rules compute and partner-sync writes back
// (reasons, expiry, conflict…): they are not properties of the entity types, the planner fills them.
// Ids (`id`, `externalIds`) are not fields: they come from each mapping's `key` section.
import type {
  DealRegistration, EvaluationLicense, NfrLicense, Opportunity, Partner, PartnerPerson, Prospect, RebateAccrual,
  SupplierBanking,
} from "../domain/index.js";

/** `instant` is a `Date`, fed by a `date` (00:00Z of the day) or a `datetime` mapping. */
export type CanonicalKind = "string" | "integer" | "number" | "boolean" | "instant" | "money" | "list" | "element";

/** Properties that are not mapped field by field: nested collections the join assembles, key bags. */
type Plain<T, Skip extends keyof T> = Record<Exclude<keyof T, Skip>, CanonicalKind>;

/** Rule outputs written back with every decision (owner partner-sync). */
const derivedReasons = {
  "derived.reasonCodes": "list",
  "derived.reasons": "list",
  "derived.evaluatedAt": "instant",
} as const satisfies Record<string, CanonicalKind>;

const partner = {
  id: "string", name: "string", track: "string", agreementSigned: "boolean", agreementSignedAt: "instant",
  compliant: "boolean", psDesignation: "boolean", region: "string", country: "string", territory: "string",
  accountManagerId: "string",
} as const satisfies Plain<Partner, "people" | "externalIds">;

const partnerPerson = {
  id: "string", partnerId: "string", name: "string", email: "string", active: "boolean",
} as const satisfies Plain<PartnerPerson, "trainings" | "certifications">;

const dealRegistration = {
  id: "string", partnerId: "string", opportunityId: "string", otherOpportunityIds: "list", accountWide: "boolean",
  program: "string", dealType: "string", status: "string", submittedAt: "instant", resubmissionOf: "string",
  originalApprovedAt: "instant", extendedUntil: "instant", rejectedAt: "instant", customerName: "string",
  customerContactEmail: "string", tier: "string", linkedOpportunityId: "string", linkedRegistrationId: "string",
  poeStatus: "string", poeApprovedAt: "instant", customerChoseOtherReseller: "boolean", nextInLine: "boolean",
} as const satisfies Plain<DealRegistration, "externalIds">;

const opportunity = {
  id: "string", accountId: "string", name: "string", stage: "string", isClosed: "boolean", isWon: "boolean",
  closeDate: "instant", netArr: "money", tier: "string", previousTier: "string", type: "string", source: "string",
  newLogo: "boolean", firstOrderTargetList: "boolean", publicSector: "boolean", marketplace: "string",
  resoldByPartnerId: "string", coSellPartnerIds: "list", incumbentPartnerId: "string",
  customerRequestedOtherPartner: "boolean", discountOverrideRate: "number",
} as const satisfies Plain<Opportunity, "externalIds" | "endUserContact">;

const prospect = {
  id: "string", partnerId: "string", origin: "string", shareStatus: "string", partnerStatus: "string",
  createdAt: "instant", sharedAt: "instant", acceptedAt: "instant", rejectedAt: "instant", qualifiedAt: "instant",
  convertedRegistrationId: "string", recalledAt: "instant", ownerId: "string", firstName: "string", lastName: "string", company: "string", email: "string",
} as const satisfies Plain<Prospect, never>;

const nfrLicense = {
  id: "string", partnerId: "string", deployment: "string", tier: "string", seats: "integer", status: "string",
  requestedAt: "instant", processedAt: "instant", startsAt: "instant", expiresAt: "instant", isAddOn: "boolean",
  renewalOf: "string", approvedByAccountManager: "boolean",
} as const satisfies Plain<NfrLicense, never>;

const evaluationLicense = {
  id: "string", partnerId: "string", registrationId: "string", sequence: "integer", renewalOf: "string",
  status: "string", requestedAt: "instant", issuedAt: "instant", expiresAt: "instant", managed: "boolean",
  solutionsArchitectId: "string",
} as const satisfies Plain<EvaluationLicense, never>;

const supplierBanking = {
  partnerId: "string", coupaSupplierId: "string", status: "string",
} as const satisfies Plain<SupplierBanking, never>;

const rebateAccrual = {
  id: "string", kind: "string", partnerId: "string", registrationId: "string", opportunityId: "string",
  amount: "money", amountUsd: "money", earnedAt: "instant", earnedQuarter: "string", dueAt: "instant",
  status: "string", overdue: "boolean", paidAt: "instant", coupaInvoiceId: "string",
} as const satisfies Plain<RebateAccrual, "reasons">;

export const CANONICAL_FIELDS = {
  Partner: { ...partner, "derived.nfrSeatLimit": "integer", ...derivedReasons },
  PartnerPerson: {
    ...partnerPerson,
    "trainings[]": "element", "trainings[].completedAt": "instant",
    "certifications[]": "element", "certifications[].earnedAt": "instant", "certifications[].expiresAt": "instant",
  },
  DealRegistration: {
    ...dealRegistration, "derived.expiresAt": "instant", "derived.conflict": "boolean", ...derivedReasons,
  },
  Opportunity: {
    ...opportunity,
    "endUserContact.name": "string", "endUserContact.email": "string", "endUserContact.shippingAddress": "string",
    "endUserContact.postalCode": "string", "derived.repToChooseReseller": "boolean", ...derivedReasons,
  },
  Prospect: { ...prospect, "derived.recallReason": "string", ...derivedReasons },
  NfrLicense: { ...nfrLicense, "derived.processingOverdue": "boolean", ...derivedReasons },
  EvaluationLicense: { ...evaluationLicense, ...derivedReasons },
  SupplierBanking: { ...supplierBanking, "derived.checkedAt": "instant" },
  RebateAccrual: { ...rebateAccrual, ...derivedReasons },
} as const satisfies Record<string, Record<string, CanonicalKind>>;

export type EntityName = keyof typeof CANONICAL_FIELDS;

/** Entities whose domain type carries `externalIds`: the converter fills it from the record's keys. */
export const ENTITIES_WITH_EXTERNAL_IDS: ReadonlySet<EntityName> = new Set(["Partner", "DealRegistration", "Opportunity"]);
export const ENTITY_NAMES = Object.keys(CANONICAL_FIELDS) as EntityName[];

/** `trainings[Foundations].completedAt` → `trainings[].completedAt`: the vocabulary entry it instantiates. */
export function vocabularyPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, "[]");
}

export function canonicalKind(entity: EntityName, path: string): CanonicalKind | undefined {
  return (CANONICAL_FIELDS[entity] as Record<string, CanonicalKind>)[vocabularyPath(path)];
}
