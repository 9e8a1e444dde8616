// The records the rules look at besides a page's own: for registrations, the other registrations of
// the same opportunities (DR-2/3/5/7 judge the group), those opportunities, and the accruals already
// recorded for them (a rebate that no longer qualifies is re-judged, not forgotten); for accruals,
// their registrations; for converted prospects, the registration they became (LEAD-2), each with
// its group as above; for NFR licenses, every license of their partners (NFR-2, NFR-4); for open
// renewals, every opportunity of their accounts (REN-4's most recent purchase); for every
// page, the partners its records name by any Partner reference (partner, reseller, incumbent,
// co-sell) and their banking (PAY-3, banking-world.ts); the people of the partners named by a
// registration or an NFR license (ELIG-2 trainings, NFR-1 certifications: partnersWithPeople). A rule
// added later that reads across records must say here what its page loads.
import type { EntityName } from "../mapping/canonical-fields.js";
import { loadBanking } from "./banking-world.js";
import type { EntitySpec } from "./entity-specs.js";
import { mergedValue, type JoinedRecord } from "./join.js";
import { loadJoined, loadJoinedReferencing, mergeJoined } from "./load-joined.js";
import { loadJoinedCached, peopleOfPartners, type WorldPerson } from "./related-cache.js";
import type { PassContext } from "./pass-context.js";

const ACCRUAL_KINDS = ["SERVICES_ATTACH", "REFERRAL_FEE", "FIRST_ORDER_INCENTIVE"] as const;
/** The field by which a page's records name the registrations they are judged with. */
const REGISTRATION_REFS: Partial<Record<EntityName, string>> = { RebateAccrual: "registrationId", EvaluationLicense: "registrationId", Prospect: "convertedRegistrationId" };

export interface Related {
  records: Map<EntityName, Map<string, JoinedRecord>>;
  /**
   * The people of the partners partnersWithPeople names, as the world holds them, by partner (an
   * entry for each of them; not joined records: nothing writes them here).
   */
  people: Map<string, WorldPerson[]>;
}

export async function loadRelated(ctx: PassContext, spec: EntitySpec, joined: ReadonlyMap<string, JoinedRecord>): Promise<Related> {
  const related = new Map<EntityName, Map<string, JoinedRecord>>([[spec.entity, new Map(joined)]]);
  const of = (entity: EntityName) => related.get(entity) ?? related.set(entity, new Map()).get(entity)!;
  const add = (entity: EntityName, m: ReadonlyMap<string, JoinedRecord>) => mergeJoined(of(entity), m);
  /** The ids the entity's records hold in `field` (one id, or a list of them). */
  const refs = (entity: EntityName, field: string): string[] => {
    const s = ctx.specs.get(entity);
    if (!s) return [];
    return [...of(entity).values()].flatMap((j) => {
      const v = mergedValue(s, j, field);
      return typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    });
  };
  const missing = (entity: EntityName, keys: readonly string[]) => [...new Set(keys)].filter((k) => !of(entity).has(k));

  // Accruals and evaluation licenses are judged with their registrations' whole group (EVAL-1 on the
  // registration as decided); a converted prospect with the registration it became (LEAD-2: qualified
  // before that registration was submitted), and so with its group too: a registration is never
  // decided without its siblings.
  const registrationRef = REGISTRATION_REFS[spec.entity];
  const ofRegistrations = registrationRef !== undefined;
  if (ofRegistrations) add("DealRegistration", await loadJoined(ctx, "DealRegistration", missing("DealRegistration", refs(spec.entity, registrationRef))));
  if (spec.entity === "DealRegistration" || ofRegistrations) {
    const opportunities = [...new Set(refs("DealRegistration", "opportunityId"))];
    add("DealRegistration", await loadJoinedReferencing(ctx, "DealRegistration", "salesforce", "Opportunity__c", opportunities, of("DealRegistration")));
    // Accruals name their registration (Deal_Registration__c): one query by the registrations'
    // Salesforce ids instead of three keys per registration (600 keys = 3 queries a page). A
    // registration not in Salesforce yet is looked up by the accrual keys, as before.
    const registrations = [...of("DealRegistration").values()];
    const sfIds = registrations.flatMap((j) => (j.keys.salesforce ? [j.keys.salesforce] : []));
    const accruals = registrations.filter((j) => !j.keys.salesforce).flatMap((j) => ACCRUAL_KINDS.map((k) => `${k}:${j.key}`));
    // Independent reads, issued together.
    const [opportunityRecords, accrualsByRegistration, accrualsByKey, evaluations] = await Promise.all([
      loadJoinedCached(ctx, "Opportunity", missing("Opportunity", [...refs("DealRegistration", "opportunityId"), ...refs("DealRegistration", "linkedOpportunityId")])),
      loadJoinedReferencing(ctx, "RebateAccrual", "salesforce", "Deal_Registration__c", sfIds, of("RebateAccrual")),
      loadJoined(ctx, "RebateAccrual", missing("RebateAccrual", accruals)),
      // EVAL-1: a registration this pass expires or refuses no longer backs its evaluation requests.
      loadJoinedReferencing(ctx, "EvaluationLicense", "salesforce", "Deal_Registration__c", sfIds, of("EvaluationLicense")),
    ]);
    add("Opportunity", opportunityRecords);
    add("RebateAccrual", accrualsByRegistration);
    add("RebateAccrual", accrualsByKey);
    add("EvaluationLicense", evaluations);
  }
  // REN-4: a renewal's incumbent resold the customer's most recent purchase, which may be any
  // opportunity of its account, not only one in this page.
  const opportunitySpec = ctx.specs.get("Opportunity");
  const accountField = opportunitySpec?.sides.salesforce?.readFields.get("accountId");
  if (opportunitySpec && accountField && related.has("Opportunity")) {
    const accounts = [...of("Opportunity").values()].flatMap((j) => {
      const open = mergedValue(opportunitySpec, j, "type") === "Renewal" && mergedValue(opportunitySpec, j, "isClosed") !== true;
      const account = mergedValue(opportunitySpec, j, "accountId");
      return open && typeof account === "string" ? [account] : [];
    });
    add("Opportunity", await loadJoinedReferencing(ctx, "Opportunity", "salesforce", accountField, [...new Set(accounts)], of("Opportunity")));
  }
  if (spec.entity !== "Partner") {
    // Every partner the page's records name, by any field the mappings read as a Partner reference: a
    // registration's partner, an opportunity's reseller, incumbent and co-sell partners (ELIG-3,
    // Q-2, REN-1..4 judge those).
    const partnerIds = [...related.keys()].flatMap((e) => partnerFields(ctx, e).flatMap((field) => refs(e, field)));
    add("Partner", await loadJoinedCached(ctx, "Partner", missing("Partner", partnerIds)));
  }
  // NFR-2 (one active license per type) and NFR-4 (an add-on expires with the oldest active base
  // license) judge a license with all its partner's licenses, not only those that changed.
  if (spec.entity === "NfrLicense") {
    const partnerRecords = [...of("Partner").values()];
    // Each system by its own reference field (mappings: NfrLicense.partnerId), with its own partner ids:
    // a request not yet in Salesforce is found on the portal.
    const systems = ["salesforce", "portal"] as const;
    const loaded = await Promise.all(systems.map((system) => {
      const field = spec.sides[system]?.readFields.get("partnerId");
      const ids = partnerRecords.flatMap((j) => (j.keys[system] ? [j.keys[system]] : []));
      return field === undefined ? new Map<string, JoinedRecord>() : loadJoinedReferencing(ctx, "NfrLicense", system, field, ids, of("NfrLicense"));
    }));
    for (const m of loaded) add("NfrLicense", m);
  }
  const partners = [...of("Partner").keys()];
  // Only rebates are paid (PAY-3): pages that decide no accrual do not need banking. People and
  // banking are independent reads, issued together.
  const banks = spec.entity === "RebateAccrual" || spec.entity === "EvaluationLicense" || of("DealRegistration").size > 0;
  const [people, banking] = await Promise.all([peopleOfPartners(ctx, partnersWithPeople(ctx.specs, related)), banks ? loadBanking(ctx, partners) : undefined]);
  if (banking) add("SupplierBanking", banking);
  return { records: related, people };
}

/** The canonical fields of `entity` that any system's mapping reads as a reference to Partner. */
function partnerFields(ctx: PassContext, entity: EntityName): string[] {
  const spec = ctx.specs.get(entity);
  if (!spec) return [];
  return [...new Set(Object.values(spec.sides).flatMap((side) => side.converter.foreignRefs.filter((r) => r.entity === "Partner").map((r) => r.field)))];
}

/**
 * The loaded partners whose people the rules read: those named by a registration (ELIG-2 through DR-8
 * approvability, the discount type and the standing report) or by an NFR license (NFR-1). Only their
 * people are loaded: the people of every partner a page names were 62 % of the rows a size-100,000
 * first sync looked up (docs/bench.md round 12). The world gives every other partner a `people` that
 * throws when read (world-input.ts), so a rule that starts reading another partner's people fails its
 * tests loudly instead of judging an empty list: such a rule must add its partners here.
 */
export function partnersWithPeople(specs: ReadonlyMap<EntityName, EntitySpec>, related: ReadonlyMap<EntityName, ReadonlyMap<string, JoinedRecord>>): Set<string> {
  const partners = related.get("Partner");
  const out = new Set<string>();
  if (!partners || partners.size === 0) return out;
  for (const entity of ["DealRegistration", "NfrLicense"] as const) {
    const spec = specs.get(entity);
    const records = related.get(entity);
    if (!spec || !records) continue;
    // partnerId as the rules see it (the world's objects are built from the same merged values).
    for (const j of records.values()) {
      const partnerId = mergedValue(spec, j, "partnerId");
      if (typeof partnerId === "string" && partners.has(partnerId)) out.add(partnerId);
    }
  }
  return out;
}
