import { describe, expect, it } from "vitest";
import { findConverter, type Converter } from "../../src/mapping/compile.js";
import type { EntityName } from "../../src/mapping/canonical-fields.js";
import type { SystemId } from "../../src/mapping/mapping.schema.js";
import { FILTER_ONLY, OWN_ID, SAMPLES } from "./samples.js";
import { shippedConverters } from "./shipped-mappings.js";

const converters = shippedConverters();
const conv = (system: SystemId, entity: EntityName): Converter => {
  const c = findConverter(converters, system, entity);
  if (c === undefined) throw new Error(`no converter ${system}/${entity}`);
  return c;
};
const identity = (_: string, id: string) => id;

describe("round trip system → canonical → system", () => {
  it("every shipped (system, entity) has a sample", () => {
    expect(converters.map((c) => `${c.system}/${c.entity}`).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))("%s gives back the mapped fields unchanged", (name, sample) => {
    const [system, entity] = name.split("/") as [SystemId, EntityName];
    const c = conv(system, entity);
    expect(c.accepts(sample)).toBe(true);
    const r = c.toCanonical(sample);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const back = c.toSystem(r.value, { includeOwned: true, resolve: identity, keys: r.keys });
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const expected = { ...sample };
    // Coupa's supplier id is also the canonical coupaSupplierId, so it comes back as a mapped field.
    if (name !== "coupa/SupplierBanking") delete expected[OWN_ID[system] ?? ""];
    for (const f of FILTER_ONLY[name] ?? []) delete expected[f];
    expect(back.record).toEqual(expected);
  });
});

describe("toCanonical", () => {
  it("builds the domain shape: keys, external ids, nested and list fields, money", () => {
    const r = conv("salesforce", "Opportunity").toCanonical(SAMPLES["salesforce/Opportunity"] ?? {});
    expect(r.ok && r.value).toMatchObject({
      id: "006000000000001AAA",
      externalIds: { salesforce: "006000000000001AAA", portal: null, coupa: null },
      netArr: { amountMinor: 12500050, currency: "EUR" },
      closeDate: new Date("2026-04-30T00:00:00Z"),
      coSellPartnerIds: ["001000000000002AAA", "001000000000003AAA"],
      discountOverrideRate: 0.125,
      previousTier: "Premium",
      endUserContact: { email: "hank@globex.example", postalCode: "97401" },
    });
  });

  it("puts trainings and certifications in lists by name", () => {
    const r = conv("portal", "PartnerPerson").toCanonical(SAMPLES["portal/PartnerPerson"] ?? {});
    expect(r.ok && r.value).toMatchObject({
      id: "5001", partnerId: "101", name: "Ana María López",
      trainings: [{ name: "GitLab Foundations for Partners", completedAt: new Date("2026-01-15T00:00:00Z") }],
      certifications: [{ name: "Professional Services Engineer", earnedAt: new Date("2025-12-01T00:00:00Z") }],
    });
  });

  it("reads portal responses whose keys Json.NET camelCased (crmId, nfR_Seats__cf, pS_Designation__cf)", () => {
    const c = conv("portal", "Partner");
    const pascal = c.toCanonical(SAMPLES["portal/Partner"] ?? {});
    const camel = c.toCanonical({
      id: 101, crmId: "001000000000001AAA", name: "Acme Partners GmbH", partner_Track__cf: "Select", agreement_Signed__cf: true,
      agreement_Signed_Date__cf: "2024-02-29", compliance_Status__cf: "Non-Compliant", pS_Designation__cf: false, region__cf: "EMEA",
      country: "DE", territory__cf: "EMEA", nfR_Seats__cf: 25, program_Reasons__cf: "Agreement signed",
    });
    expect(camel).toEqual(pascal);
  });

  it("applies defaults for nulls and keeps booleans non-null", () => {
    const r = conv("portal", "Partner").toCanonical({ Id: 5, Name: "X", Agreement_Signed__cf: null, Partner_Track__cf: null });
    expect(r.ok && r.value).toMatchObject({ agreementSigned: false, track: "Unassigned", compliant: false, region: null });
  });

  it("a bad record is an error naming its key and every bad field, not an exception", () => {
    const r = conv("salesforce", "DealRegistration").toCanonical({
      ...SAMPLES["salesforce/DealRegistration"], Customer_Contact_Email__c: "not-an-email", Product_Tier__c: "Platinum", Submitted_At__c: null,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.key).toBe("9001");
    expect(r.errors.map((e) => [e.field, e.systemField])).toEqual([
      ["submittedAt", "Submitted_At__c"],
      ["customerContactEmail", "Customer_Contact_Email__c"],
      ["tier", "Product_Tier__c"],
    ]);
    expect(r.errors[2]?.message).toContain("Platinum");
  });

  it("a record without its canonical id cannot be joined and is an error", () => {
    const r = conv("salesforce", "Partner").toCanonical({ ...SAMPLES["salesforce/Partner"], Portal_Id__c: null });
    expect(r.ok === false && r.errors[0]).toMatchObject({ field: "id", systemField: "Portal_Id__c" });
  });

  it("row filters select the rows of the object that are the entity", () => {
    const c = conv("salesforce", "Partner");
    expect(c.accepts({ Type: "Customer" })).toBe(false);
    expect(conv("salesforce", "SupplierBanking").accepts({ Type: "Customer", Coupa_Supplier_Id__c: "4001" })).toBe(false);
  });
});

describe("toSystem", () => {
  const value = () => {
    const r = conv("salesforce", "DealRegistration").toCanonical(SAMPLES["salesforce/DealRegistration"] ?? {});
    if (!r.ok) throw new Error("sample invalid");
    return r.value;
  };

  it("sends only what the system does not own, with the upsert key", () => {
    const c = conv("portal", "DealRegistration");
    const r = c.toSystem({ ...value(), partnerId: "101" });
    expect(r.ok && Object.keys(r.record).sort()).toEqual(
      ["CrmId", "Conflict__cf", "Expiration_Date", "Extended_Until", "Next_In_Line__cf", "Original_Approved_Date", "Program_Reasons__cf", "Rejected_Date", "Status"].sort(),
    );
    expect(r.ok && r.record.Status).toBe("Approved");
    expect(r.ok && r.record.Original_Approved_Date).toBe("2026-03-03T04:30:00-06:00");
  });

  it("limits the write to the fields asked for, and leaves out absent ones", () => {
    const c = conv("salesforce", "DealRegistration");
    const r = c.toSystem({ id: "9001", nextInLine: true, derived: { reasonCodes: ["DR-5:NEXT"] } }, { fields: ["nextInLine"] });
    expect(r).toEqual({ ok: true, record: { Portal_Id__c: "9001", Next_In_Line__c: true } });
  });

  it("translates references through the resolver, and reports one it cannot translate", () => {
    const c = conv("salesforce", "DealRegistration");
    const resolve = (entity: string, id: string) => (entity === "Partner" && id === "101" ? "001000000000001AAA" : null);
    const ok = c.toSystem({ id: "9001", partnerId: "101" }, { resolve });
    expect(ok).toEqual({ ok: true, record: { Portal_Id__c: "9001", Partner_Account__c: "001000000000001AAA" } });
    const bad = c.toSystem({ id: "9001", partnerId: "102" }, { resolve });
    expect(bad.ok === false && bad.errors[0]?.message).toContain("no salesforce id known for Partner 102");
    expect(c.foreignRefs.map((f) => f.field)).toContain("partnerId");
  });

  it("a canonical value the system cannot hold is an error, not an exception", () => {
    const r = conv("salesforce", "Opportunity").toSystem({ id: "006", derived: { repToChooseReseller: "yes please" } });
    expect(r.ok === false && r.errors[0]?.field).toBe("derived.repToChooseReseller");
  });
});

describe("hashOf", () => {
  const c = conv("salesforce", "DealRegistration");
  it("does not depend on key order", () => {
    const a = { id: "1", nextInLine: true, derived: { conflict: false, expiresAt: new Date("2026-06-01T00:00:00Z") }, status: "Approved" };
    const b = { status: "Approved", derived: { expiresAt: new Date("2026-06-01T00:00:00Z"), conflict: false }, nextInLine: true, id: "1" };
    expect(c.hashOf(a)).toBe(c.hashOf(b));
  });
  it("changes when a sent field changes, not when an owned one does", () => {
    // Salesforce receives nextInLine (partner-sync) and customerName (portal) but owns status.
    const base = { nextInLine: true, customerName: "Globex", status: "Approved" };
    expect(c.hashOf({ ...base, nextInLine: false })).not.toBe(c.hashOf(base));
    expect(c.hashOf({ ...base, customerName: "Initech" })).not.toBe(c.hashOf(base));
    expect(c.hashOf({ ...base, status: "Rejected" })).toBe(c.hashOf(base));
  });
  it("is stable across runs (a fixed value for a fixed input)", () => {
    expect(c.hashOf({})).toMatch(/^[0-9a-f]{64}$/);
    expect(c.hashOf({ nextInLine: true })).toBe(c.hashOf({ nextInLine: true }));
  });
});
