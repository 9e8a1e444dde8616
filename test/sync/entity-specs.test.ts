import { describe, expect, it } from "vitest";
import { readMappings } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import { buildEntitySpecs, ENTITY_ORDER } from "../../src/sync/entity-specs.js";
import { recordHash } from "../../src/sync/record-hash.js";
import { SHIPPED } from "./sync-harness.js";

function specs(createIn?: Record<string, ("salesforce" | "portal" | "coupa")[]>) {
  const m = readMappings(SHIPPED);
  if (!m.ok) throw new Error(m.message);
  return buildEntitySpecs(m.mappings, compileMappings(m.mappings), createIn);
}

describe("entity specs from the shipped mappings", () => {
  it("come in dependency order: partners before the registrations naming them, accruals last", () => {
    expect(specs().map((s) => s.entity)).toEqual(ENTITY_ORDER);
  });

  it("write a registration's status (owned by Salesforce) to the portal, and a rule's status to Salesforce too", () => {
    const reg = specs().find((s) => s.entity === "DealRegistration")!;
    const status = reg.plan.fields.find((f) => f.field === "status")!;
    expect(status).toMatchObject({ owner: "salesforce", targets: ["portal"], derivedTargets: ["portal", "salesforce"] });
    expect(reg.sides.salesforce?.upsert).toEqual({ field: "Portal_Id__c", idOf: "portal" });
    expect(reg.sides.portal?.upsert).toEqual({ field: "Id", idOf: "portal" });
  });

  it("write Salesforce records keyed by Id only (Opportunity, Lead) by Id: partner-sync's and the portal's fields target them", () => {
    const opp = specs().find((s) => s.entity === "Opportunity")!;
    expect(opp.sides.salesforce?.upsert).toEqual({ field: "Id", idOf: "salesforce", byId: true });
    expect(opp.plan.fields.filter((f) => f.targets.length > 0).map((f) => [f.field, f.targets])).toEqual([
      ["derived.reasonCodes", ["salesforce"]],
      ["derived.reasons", ["salesforce"]],
      ["derived.repToChooseReseller", ["salesforce"]],
    ]);
    const lead = specs().find((s) => s.entity === "Prospect")!;
    expect(lead.sides.salesforce?.upsert).toEqual({ field: "Id", idOf: "salesforce", byId: true });
    const targets = new Map(lead.plan.fields.map((f) => [f.field, f]));
    for (const f of ["acceptedAt", "rejectedAt", "partnerStatus", "qualifiedAt", "recalledAt", "derived.recallReason"]) expect(targets.get(f)?.targets, f).toContain("salesforce");
    // A value the rules decide for a Salesforce-owned field (share status Recall) goes to Salesforce too.
    expect(targets.get("shareStatus")?.derivedTargets).toEqual(["portal", "salesforce"]);
  });

  it("never create a record keyed by Id only in Salesforce, whatever createIn says", () => {
    expect(specs({ Prospect: ["salesforce", "portal"] }).find((s) => s.entity === "Prospect")!.plan.createIn).toEqual(["portal"]);
  });

  it("create only where configured and writable; prospects are created on the portal by default", () => {
    const all = specs();
    expect(all.find((s) => s.entity === "Partner")!.plan.createIn).toEqual(["salesforce"]);
    expect(all.find((s) => s.entity === "Prospect")!.plan.createIn).toEqual(["portal"]);
    expect(specs({}).find((s) => s.entity === "Prospect")!.plan.createIn).toEqual([]);
    expect(specs({ Opportunity: ["salesforce"] }).find((s) => s.entity === "Opportunity")!.plan.createIn).toEqual([]);
  });

  it("carry the row filter a created record needs to be the entity (Account Type = Partner)", () => {
    expect(specs().find((s) => s.entity === "Partner")!.sides.salesforce?.createFields).toEqual({ Type: "Partner" });
  });

  it("list every path in the order a record's hash text sorts them (what normalize hashes by, unsorted per record)", () => {
    for (const spec of specs()) {
      const values = Object.fromEntries(spec.paths.map((a) => [a.path, null]));
      expect(spec.hashOrder, spec.entity).toEqual(Object.keys(values).sort());
      expect(recordHash(values, {}, spec.hashOrder)).toBe(recordHash(values, {}));
    }
  });
});
