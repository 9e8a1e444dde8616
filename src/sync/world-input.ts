// The decide step's input for one page: every joined record the page and its related reads brought,
// as canonical domain objects (each field from its owner), plus the `derived.*` values the systems
// hold now, so the rules propose only what differs.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { CurrentDerived, WorldInput } from "./decide/world.js";
import type { FieldValue } from "./decide/field-value.js";
import type { EntitySpec } from "./entity-specs.js";
import { canonicalObject, mergedValues, type JoinedRecord } from "./join.js";

const COLLECTION: Partial<Record<EntityName, keyof WorldInput>> = {
  Partner: "partners",
  DealRegistration: "registrations",
  Opportunity: "opportunities",
  Prospect: "prospects",
  NfrLicense: "nfrLicenses",
  EvaluationLicense: "evaluationLicenses",
  RebateAccrual: "rebateAccruals",
  SupplierBanking: "supplierBanking",
};

/**
 * @param loadedPeople the people loaded with a page, as the world holds them, by partner
 *   (related-cache.ts peopleOfPartners, for the partners related-records.ts partnersWithPeople names);
 *   every other partner's `people` throws when read. Omitted: every partner's people were loaded, and
 *   they are `joined`'s PartnerPerson records, by their partnerId (reconcile, explain).
 */
export function worldInput(
  specs: ReadonlyMap<EntityName, EntitySpec>, joined: ReadonlyMap<EntityName, ReadonlyMap<string, JoinedRecord>>,
  loadedPeople?: ReadonlyMap<string, readonly unknown[]>,
): WorldInput {
  const lists: Record<string, unknown[]> = { partners: [], registrations: [], opportunities: [], prospects: [], nfrLicenses: [], evaluationLicenses: [], rebateAccruals: [], supplierBanking: [] };
  const derived: CurrentDerived[] = [];
  for (const [entity, records] of joined) {
    const spec = specs.get(entity);
    const collection = COLLECTION[entity];
    if (!spec || !collection) continue;
    for (const j of records.values()) {
      const flat = mergedValues(spec, j);
      // An Account that never received a banking status is no banking record (PAY-3 reads it as none).
      if (entity === "SupplierBanking" && (flat.status === null || flat.status === undefined)) continue;
      lists[collection]!.push(canonicalObject(spec, flat, j.key, j.keys));
      let fields: Record<string, FieldValue> | undefined;
      for (const path of spec.derivedPaths) {
        const v = flat[path];
        if (v !== undefined) (fields ??= {})[path] = v as FieldValue;
      }
      if (fields) derived.push({ entity, key: j.key, fields });
    }
  }
  // Partner.people (ELIG-2 trainings, NFR-1 certifications): the people loaded with the page.
  const people = loadedPeople ?? peopleByPartner(specs, joined);
  for (const p of lists.partners as Record<string, unknown>[]) {
    const id = p.id as string;
    const loaded = people.get(id);
    if (loaded !== undefined || loadedPeople === undefined) p.people = loaded ?? [];
    else Object.setPrototypeOf(p, PEOPLE_NOT_LOADED);
  }
  return { ...(lists as unknown as Pick<WorldInput, "partners" | "registrations" | "opportunities">), derived };
}

/** The PartnerPerson records among `joined` as the world holds them, by their partnerId. */
function peopleByPartner(specs: ReadonlyMap<EntityName, EntitySpec>, joined: ReadonlyMap<EntityName, ReadonlyMap<string, JoinedRecord>>): Map<string, unknown[]> {
  const people = new Map<string, unknown[]>();
  const personSpec = specs.get("PartnerPerson");
  if (!personSpec) return people;
  for (const j of joined.get("PartnerPerson")?.values() ?? []) {
    const person = canonicalObject(personSpec, mergedValues(personSpec, j), j.key, j.keys);
    const partnerId = person.partnerId;
    if (typeof partnerId === "string") (people.get(partnerId) ?? people.set(partnerId, []).get(partnerId)!).push(person);
  }
  return people;
}

/**
 * The prototype of a partner whose people were not loaded: `people` throws, naming the partner. On a
 * prototype, not defined on each partner: a getter defined on an object literal makes it a V8
 * dictionary with a closure of its own (docs/bench.md round 13). Not an own property, so JSON and a
 * spread copy leave it out, as they leave out a non-enumerable one.
 */
const PEOPLE_NOT_LOADED: object = Object.create(Object.prototype, {
  people: {
    get(this: { id: unknown }): never {
      throw new Error(`the people of partner ${String(this.id)} were not loaded for this page: a rule that reads them must name the partner in related-records.ts partnersWithPeople`);
    },
  },
});
