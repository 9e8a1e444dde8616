import { describe, expect, it } from "vitest";
import { readMappings } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import { buildEntitySpecs, ENTITY_ORDER } from "../../src/sync/entity-specs.js";
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

  it("never target a system the pass cannot write (an Opportunity has no upsert key in Salesforce)", () => {
    const opp = specs().find((s) => s.entity === "Opportunity")!;
    expect(opp.sides.salesforce?.upsert).toBeUndefined();
    expect(opp.plan.fields.flatMap((f) => f.targets)).toEqual([]);
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
});
