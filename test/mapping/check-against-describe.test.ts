import { describe, expect, it } from "vitest";
import { checkAgainstDescribe, type SystemSchemas } from "../../src/mapping/check-against-describe.js";
import { coupaResources } from "../../src/sandbox/default-org/coupa-resources.js";
import { defaultOrg } from "../../src/sandbox/default-org/default-org.js";
import type { SfFieldDescribe } from "../../src/sandbox/contracts.js";
import { shippedMappings } from "./shipped-mappings.js";

/** A deep copy of the default org, so each test mutates its own. */
const org = (): SystemSchemas & { salesforce: typeof defaultOrg.salesforce.describes } => structuredClone({
  salesforce: defaultOrg.salesforce.describes, portal: defaultOrg.portal.objects, coupa: coupaResources,
});

function sfField(schemas: ReturnType<typeof org>, object: string, field: string): SfFieldDescribe {
  const f = schemas.salesforce.find((d) => d.name === object)?.fields.find((x) => x.name === field);
  if (f === undefined) throw new Error(`${object}.${field} not in the default org`);
  return f;
}

const check = (s: SystemSchemas) => checkAgainstDescribe(shippedMappings(), s);

describe("checkAgainstDescribe", () => {
  it("the shipped mappings pass against the default org", () => {
    expect(check(org())).toEqual([]);
  });

  it("an unknown object is one problem naming the object", () => {
    const s = org();
    s.salesforce = s.salesforce.filter((d) => d.name !== "NFR_License__c");
    expect(check(s)).toEqual([{ file: "mappings/salesforce.yaml", entity: "NfrLicense", message: "object NFR_License__c is not in the Salesforce describe" }]);
  });

  it("an unknown field names file, entity, field and suggests the close one", () => {
    const s = org();
    sfField(s, "Deal_Registration__c", "Next_In_Line__c").name = "Next_In_Line2__c";
    expect(check(s)).toEqual([{
      file: "mappings/salesforce.yaml", entity: "DealRegistration", field: "nextInLine",
      message: 'Deal_Registration__c.Next_In_Line__c is not in the Salesforce describe (did you mean "Next_In_Line2__c"?)',
    }]);
  });

  it("a field of the wrong type for its transform", () => {
    const s = org();
    sfField(s, "Opportunity", "CloseDate").type = "datetime";
    expect(check(s).map((p) => `${p.entity}.${p.field}: ${p.message}`)).toEqual([
      "Opportunity.closeDate: Opportunity.CloseDate is datetime in the Salesforce describe; transform date works on date",
    ]);
  });

  it("a written field that is not createable or not updateable", () => {
    const s = org();
    const f = sfField(s, "Deal_Registration__c", "Expires_At__c");
    f.createable = false;
    f.updateable = false;
    expect(check(s).map((p) => p.message)).toEqual([
      "Deal_Registration__c.Expires_At__c is written (owner partner-sync, direction both) but is not createable",
      "Deal_Registration__c.Expires_At__c is written (owner partner-sync, direction both) but is not updateable",
    ]);
  });

  it("a read-only portal field that is written", () => {
    const s = org();
    const f = s.portal.find((o) => o.name === "NFR_Request")?.fields.find((x) => x.name === "Status");
    if (f) f.isReadOnly = true;
    expect(check(s).map((p) => `${p.file} ${p.entity}.${p.field}`)).toEqual([
      "mappings/portal.yaml NfrLicense.status", "mappings/portal.yaml NfrLicense.status",
    ]);
  });

  it("a picklist output that is not among the field's values", () => {
    const s = org();
    const f = sfField(s, "Deal_Registration__c", "Registration_Scope__c");
    f.picklistValues = f.picklistValues?.filter((v) => v.value !== "Account-wide");
    expect(check(s).map((p) => p.message)).toEqual([
      'writes "Account-wide", which is not among the picklist values of Deal_Registration__c.Registration_Scope__c (Single Opportunity, Multiple Opportunities)',
    ]);
  });

  it("a constant longer than the field's length", () => {
    const s = org();
    const f = sfField(s, "NFR_License__c", "Tier__c");
    f.type = "string";
    delete f.picklistValues;
    f.length = 5;
    expect(check(s).map((p) => `${p.field}: ${p.message}`)).toEqual([
      "tier: writes \"Ultimate\" (8 characters), longer than NFR_License__c.Tier__c's length 5",
    ]);
  });

  it("an upsert key that is neither externalId nor unique", () => {
    const s = org();
    const f = sfField(s, "Partner_Rebate__c", "Accrual_Key__c");
    f.externalId = false;
    f.unique = false;
    expect(check(s)).toEqual([{
      file: "mappings/salesforce.yaml", entity: "RebateAccrual", field: "key.upsertBy",
      message: "Partner_Rebate__c.Accrual_Key__c is the upsert key but is neither externalId nor unique in the Salesforce describe",
    }]);
  });

  it("a Coupa path the documented resource lacks", () => {
    const s = org();
    s.coupa = coupaResources.map((r) => ({ ...r, fields: r.fields.filter((f) => !(r.name === "suppliers" && f.path === "status")) }));
    expect(check(s).map((p) => `${p.file} ${p.field}: ${p.message}`)).toEqual([
      "mappings/coupa.yaml filter status: suppliers.status is not in the documented Coupa resource",
    ]);
  });

  it("lists every problem of several mutations, not the first", () => {
    const s = org();
    sfField(s, "Opportunity", "CloseDate").type = "datetime";
    sfField(s, "Partner_Rebate__c", "Accrual_Key__c").externalId = false;
    sfField(s, "Partner_Rebate__c", "Accrual_Key__c").unique = false;
    expect(check(s)).toHaveLength(2);
  });
});
