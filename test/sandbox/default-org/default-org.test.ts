import { describe, expect, it } from "vitest";
import { defaultOrg, findPortalObject, findSfDescribe } from "../../../src/sandbox/default-org/default-org.js";

const WORKER_UPSERTED = ["Account", "Partner_Person__c", "Lead", "Deal_Registration__c", "Evaluation_License__c", "NFR_License__c", "Partner_Rebate__c"];

describe("default org Salesforce describes", () => {
  it("serves every object of the brief", () => {
    expect(defaultOrg.salesforce.describes.map((d) => d.name)).toEqual([
      "Account", "Partner_Person__c", "Opportunity", "Lead", "Deal_Registration__c", "Evaluation_License__c", "NFR_License__c", "Partner_Rebate__c",
    ]);
  });

  it.each(defaultOrg.salesforce.describes.map((d) => [d.name, d] as const))("%s has the system fields with Salesforce's flags", (_, d) => {
    const byName = new Map(d.fields.map((f) => [f.name, f]));
    expect(byName.get("Id")).toMatchObject({ type: "id", length: 18, nillable: false, createable: false, updateable: false });
    expect(byName.get("IsDeleted")).toMatchObject({ type: "boolean", nillable: false, createable: false });
    for (const stamp of ["CreatedDate", "LastModifiedDate", "SystemModstamp"]) {
      expect(byName.get(stamp)).toMatchObject({ type: "datetime", nillable: false, createable: false, updateable: false });
    }
    expect(byName.get("Name")?.type).toBe("string");
    expect(d.custom).toBe(d.name.endsWith("__c"));
  });

  it.each(defaultOrg.salesforce.describes.map((d) => [d.name, d] as const))("%s has unique field names, custom ones ending __c", (_, d) => {
    const names = d.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of d.fields) {
      if (/_/.test(f.name) && f.name !== "Id") expect(f.name).toMatch(/__c$/);
      if (f.type === "picklist") expect(f.picklistValues?.length).toBeGreaterThan(0);
      if (f.type === "reference") expect(f.referenceTo?.length).toBeGreaterThanOrEqual(1);
      if (f.type === "boolean") expect(f.nillable).toBe(false);
      if (["string", "textarea", "email", "phone", "url"].includes(f.type)) expect(f.length).toBeGreaterThan(0);
    }
  });

  it.each(WORKER_UPSERTED)("%s, which the worker upserts, has a unique external-id field", (name) => {
    const keys = findSfDescribe(name)!.fields.filter((f) => f.externalId && f.unique);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const k of keys) expect(k).toMatchObject({ type: "string", createable: true });
  });

  it("references point at objects of the org (or User/Group)", () => {
    const known = new Set([...defaultOrg.salesforce.describes.map((d) => d.name), "User", "Group"]);
    for (const d of defaultOrg.salesforce.describes) {
      for (const f of d.fields) for (const to of f.referenceTo ?? []) expect(known, `${d.name}.${f.name}`).toContain(to);
    }
  });

  it("finds a describe by name regardless of case, and nothing for an unknown name", () => {
    expect(findSfDescribe("deal_registration__c")?.name).toBe("Deal_Registration__c");
    expect(findSfDescribe("Contract")).toBeUndefined();
  });
});

describe("default org portal objects", () => {
  it.each(defaultOrg.portal.objects.map((o) => [o.name, o] as const))("%s has Id, Created, read-only Updated and RecordVersion, and CrmId", (_, o) => {
    const byName = new Map(o.fields.map((f) => [f.name, f]));
    expect(byName.get("Id")).toMatchObject({ dataType: "Integer", isReadOnly: true });
    expect(byName.get("Updated")).toMatchObject({ dataType: "DateTime", isReadOnly: true });
    expect(byName.get("RecordVersion")).toMatchObject({ dataType: "Integer", isReadOnly: true });
    expect(byName.get("Created")?.dataType).toBe("DateTime");
    expect(byName.get("CrmId")).toMatchObject({ dataType: "Text", maxLength: 18 });
    expect(new Set(o.fields.map((f) => f.name)).size).toBe(o.fields.length);
  });

  it("names custom fields of the Account with the __cf suffix", () => {
    const names = findPortalObject("Account")!.fields.map((f) => f.name);
    expect(names).toContain("Partner_Track__cf");
    expect(names).toContain("NFR_Seats__cf");
  });

  it("finds an object by name regardless of case", () => {
    expect(findPortalObject("nfr_request")?.name).toBe("NFR_Request");
    expect(findPortalObject("Opportunity")).toBeUndefined();
  });
});
