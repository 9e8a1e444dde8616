import { describe, expect, it } from "vitest";
import type { JsonRecord, SandboxData } from "../../../src/sandbox/contracts.js";
import { coupaResources } from "../../../src/sandbox/default-org/coupa-resources.js";
import { findPortalObject, findSfDescribe } from "../../../src/sandbox/default-org/default-org.js";
import { checkCoupaRecord, checkPortalRecord, checkSfRecord } from "../../../src/sandbox/default-org/record-conformance.js";
import { generateDemoData } from "../../../src/sandbox/demo/generate-demo-data.js";
import { MALFORMED_RECORDS } from "../../../src/sandbox/demo/malformed.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-15T12:00:00Z");
const data: SandboxData = generateDemoData({ size: 1000, seed: 7 });
const sf = (o: string) => data.salesforce.records[o] ?? [];
const portal = (o: string) => data.portal.records[o] ?? [];
const t = (v: unknown) => Date.parse(String(v).replace("+0000", "Z"));

describe("generateDemoData determinism", () => {
  it("gives byte-identical JSON for the same size, seed and now", () => {
    const a = JSON.stringify(generateDemoData({ size: 300, seed: 11 }));
    const b = JSON.stringify(generateDemoData({ size: 300, seed: 11 }));
    expect(a).toBe(b);
  });

  it("gives different data for another seed or another now", () => {
    const a = JSON.stringify(generateDemoData({ size: 300, seed: 11 }));
    expect(JSON.stringify(generateDemoData({ size: 300, seed: 12 }))).not.toBe(a);
    expect(JSON.stringify(generateDemoData({ size: 300, seed: 11, now: "2027-01-01T00:00:00Z" }))).not.toBe(a);
  });

  it("places nothing after the evaluation instant", () => {
    for (const r of sf("Deal_Registration__c")) expect(t(r["SystemModstamp"])).toBeLessThanOrEqual(NOW);
    for (const r of sf("Lead")) expect(t(r["CreatedDate"])).toBeLessThanOrEqual(NOW);
  });

  it("scales with size (registrations ≈ size, partners ≈ size/5, prospects ≈ size/2)", () => {
    expect(portal("Deal_Registration").length).toBeGreaterThanOrEqual(1000);
    expect(portal("Deal_Registration").length).toBeLessThan(1010);
    expect(portal("Account").length).toBe(200);
    expect(sf("Lead").length).toBe(500 + 1);
  });

  it("refuses a size that is not a positive integer", () => {
    expect(() => generateDemoData({ size: 0, seed: 1 })).toThrow(/size/);
  });
});

describe("every record conforms to the default org, except the listed malformed ones", () => {
  const malformedIds = new Set(MALFORMED_RECORDS.map((m) => `${m.object}:${m.id}`));

  it.each(Object.keys(data.salesforce.records))("Salesforce %s", (object) => {
    const describe = findSfDescribe(object)!;
    const bad = sf(object).filter((r) => !malformedIds.has(`${object}:${r["Id"]}`)).flatMap((r) => checkSfRecord(describe, r).map((p) => ({ id: r["Id"], ...p })));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it.each(Object.keys(data.portal.records))("portal %s", (object) => {
    const def = findPortalObject(object)!;
    const bad = portal(object).filter((r) => !malformedIds.has(`${object}:${r["Id"]}`)).flatMap((r) => checkPortalRecord(def, r).map((p) => ({ id: r["Id"], ...p })));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it.each(coupaResources.map((r) => [r.name, r] as const))("Coupa %s", (name, doc) => {
    const records = data.coupa.records[name] ?? [];
    expect(records.length).toBeGreaterThan(0);
    expect(records.flatMap((r) => checkCoupaRecord(doc, r)).slice(0, 5)).toEqual([]);
  });

  it.each(MALFORMED_RECORDS.map((m) => [`${m.object} ${m.id}`, m] as const))("malformed %s fails exactly as listed", (_, m) => {
    const record = (m.system === "salesforce" ? sf(m.object) : portal(m.object)).find((r) => r["Id"] === m.id)!;
    const problems = m.system === "salesforce" ? checkSfRecord(findSfDescribe(m.object)!, record) : checkPortalRecord(findPortalObject(m.object)!, record);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([[m.field, m.problem]]);
  });
});

describe("cross-system keys", () => {
  it("links portal and Salesforce records both ways, with some only on one side and some drifted", () => {
    const sfDrs = new Map(sf("Deal_Registration__c").map((r) => [r["Id"], r]));
    let linked = 0, portalOnly = 0, drifted = 0;
    for (const p of portal("Deal_Registration")) {
      if (p["CrmId"] === null) { portalOnly++; continue; }
      const s = sfDrs.get(p["CrmId"])!;
      expect(s["Portal_Id__c"]).toBe(String(p["Id"]));
      linked++;
      if (s["Status__c"] !== p["Status"]) drifted++;
    }
    expect(linked).toBeGreaterThan(900);
    expect(portalOnly).toBeGreaterThan(0);
    expect(drifted).toBeGreaterThan(0);
  });

  it("gives every external-id field unique values", () => {
    for (const [object, field] of [["Account", "Portal_Id__c"], ["Deal_Registration__c", "Portal_Id__c"], ["Lead", "Portal_Id__c"],
      ["Partner_Rebate__c", "Accrual_Key__c"], ["NFR_License__c", "Portal_Id__c"], ["Evaluation_License__c", "Evaluation_Key__c"]] as const) {
      const values = sf(object).map((r) => r[field]).filter((v) => v !== null);
      expect(new Set(values).size, `${object}.${field}`).toBe(values.length);
    }
    const ids = Object.values(data.salesforce.records).flat().map((r) => r["Id"]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("scenario coverage at size 1000", () => {
  const drs = sf("Deal_Registration__c");
  const opps = new Map(sf("Opportunity").map((r) => [r["Id"], r]));
  const count = (rs: JsonRecord[], pred: (r: JsonRecord) => boolean) => rs.filter(pred).length;

  it("has duplicate approvals on one opportunity (DR-3)", () => {
    const approvedPerOpp = new Map<unknown, number>();
    for (const r of drs) if (r["Status__c"] === "Approved" && r["Program__c"] === "Deal Registration" && r["Opportunity__c"]) {
      approvedPerOpp.set(r["Opportunity__c"], (approvedPerOpp.get(r["Opportunity__c"]) ?? 0) + 1);
    }
    expect([...approvedPerOpp.values()].some((n) => n >= 2)).toBe(true);
  });

  it("has approvals older than 90 days on open opportunities, extensions, next-in-line and resubmissions (DR-4/5/6)", () => {
    expect(count(drs, (r) => r["Status__c"] === "Approved" && r["Extended_Until__c"] === null && opps.get(r["Opportunity__c"])?.["IsClosed"] === false
      && t(r["Original_Approved_At__c"]) < NOW - 90 * DAY)).toBeGreaterThan(0);
    expect(count(drs, (r) => r["Extended_Until__c"] !== null)).toBeGreaterThan(0);
    expect(count(drs, (r) => r["Next_In_Line__c"] === true)).toBeGreaterThan(0);
    expect(count(drs, (r) => r["Resubmission_Of__c"] !== null)).toBeGreaterThan(0);
    for (const s of ["Submitted", "Approved", "Rejected", "Expired", "Dissolved"]) expect(count(drs, (r) => r["Status__c"] === s), s).toBeGreaterThan(0);
  });

  it("has services-attach registrations with and without approved POE, linked and unlinked (SA-*)", () => {
    const sa = drs.filter((r) => r["Program__c"] === "Service Attached Registration");
    expect(count(sa, (r) => r["POE_Status__c"] === "Approved")).toBeGreaterThan(0);
    expect(count(sa, (r) => r["POE_Status__c"] !== "Approved")).toBeGreaterThan(0);
    expect(count(sa, (r) => r["Linked_Registration__c"] === null && r["Linked_Opportunity__c"] === null)).toBeGreaterThan(0);
    const codes = sf("Partner_Rebate__c").map((r) => r["Program_Reason_Codes__c"]);
    expect(codes).toContain("SA-5:LINKED_SALE_TOO_OLD");
  });

  it("has prospects in every share and partner status, recall phases and MDF leads (LEAD-*)", () => {
    const leads = sf("Lead");
    for (const s of ["Sending to Partner", "Pending", "Accepted", "Rejected", "Recall"]) expect(count(leads, (r) => r["Prospect_Share_Status__c"] === s), s).toBeGreaterThan(0);
    for (const s of ["Qualifying", "Qualified", "Disqualified", "Converted to DR"]) expect(count(portal("Prospect"), (r) => r["Partner_Status"] === s), s).toBeGreaterThan(0);
    const pendingSharedAgo = (min: number, max: number) => count(leads, (r) => r["Prospect_Share_Status__c"] === "Pending"
      && NOW - t(r["Shared_To_Partner_At__c"]) > min * DAY && NOW - t(r["Shared_To_Partner_At__c"]) < max * DAY);
    expect(pendingSharedAgo(5, 15)).toBeGreaterThan(0);
    expect(pendingSharedAgo(15, 30)).toBeGreaterThan(0);
    expect(count(leads, (r) => r["Prospect_Share_Status__c"] === "Pending" && NOW - t(r["CreatedDate"]) > 30 * DAY)).toBeGreaterThan(0);
    expect(count(leads, (r) => r["Prospect_Share_Status__c"] === "Accepted" && r["Partner_Prospect_Status__c"] === "Qualifying"
      && NOW - t(r["Partner_Accepted_At__c"]) > 10 * DAY && r["Lead_Funding__c"] !== "Partner MDF")).toBeGreaterThan(0);
    expect(count(leads, (r) => r["Lead_Funding__c"] === "Partner MDF")).toBeGreaterThan(0);
  });

  it("has NFR requests over the seat limit, duplicates of a type and overdue unprocessed ones (NFR-*)", () => {
    const reqs = portal("NFR_Request");
    expect(count(reqs, (r) => (r["Seats"] as number) > 25)).toBeGreaterThan(0);
    expect(count(reqs, (r) => r["Processed_Date"] === null && NOW - Date.parse(String(r["Requested_Date"])) > 4 * DAY)).toBeGreaterThan(0);
    const activeByType = new Map<string, number>();
    for (const r of sf("NFR_License__c")) if (r["Status__c"] === "Active") {
      const k = `${r["Partner_Account__c"]}|${r["License_Type__c"]}`;
      activeByType.set(k, (activeByType.get(k) ?? 0) + 1);
    }
    expect([...activeByType.values()].some((n) => n >= 2)).toBe(true);
  });

  it("has opportunities won, lost and open, new logos, renewals, upgrades, marketplace and public sector", () => {
    const o = sf("Opportunity");
    expect(count(o, (r) => r["IsWon"] === true)).toBeGreaterThan(0);
    expect(count(o, (r) => r["StageName"] === "Closed Lost")).toBeGreaterThan(0);
    expect(count(o, (r) => r["IsClosed"] === false)).toBeGreaterThan(0);
    for (const f of ["New_Logo__c", "First_Order_Target__c", "Marketplace__c", "Public_Sector__c", "Customer_Requested_Other_Partner__c"]) {
      expect(count(o, (r) => r[f] === true), f).toBeGreaterThan(0);
    }
    expect(count(o, (r) => r["Order_Type__c"] === "Renewal" && r["Previous_Tier__c"] !== r["Product_Tier__c"])).toBeGreaterThan(0);
  });

  it("has partners of both tracks in every region, unauthorized, non-compliant and untrained ones", () => {
    const accts = sf("Account").filter((r) => r["Type"] === "Partner");
    for (const region of ["AMER", "EMEA", "APAC", "LATAM"]) for (const track of ["Open", "Select"]) {
      expect(count(accts, (r) => r["Partner_Region__c"] === region && r["Partner_Track__c"] === track), `${region} ${track}`).toBeGreaterThan(0);
    }
    for (const c of ["IN", "JP"]) expect(count(accts, (r) => r["BillingCountryCode"] === c), c).toBeGreaterThan(0);
    expect(count(accts, (r) => r["Sales_Territory__c"] === "US Public Sector")).toBeGreaterThan(0);
    expect(count(accts, (r) => r["Program_Agreement_Signed__c"] === false)).toBeGreaterThan(0);
    expect(count(accts, (r) => r["Compliance_Status__c"] === "Non-Compliant")).toBeGreaterThan(0);
    expect(count(accts, (r) => r["Foundations_Trained_People__c"] === 0)).toBeGreaterThan(0);
  });

  it("has Coupa suppliers in every banking state and paid and unpaid rebate invoices (PAY-*)", () => {
    const banking = new Set(sf("Account").map((r) => r["Banking_Status__c"]));
    for (const s of ["connected", "remit_to_only", "none"]) expect(banking).toContain(s);
    const invoices = data.coupa.records["invoices"] ?? [];
    expect(count(invoices, (r) => r["paid"] === true)).toBeGreaterThan(0);
    expect(count(invoices, (r) => r["paid"] === false)).toBeGreaterThan(0);
    for (const s of ["PAID", "READY", "BLOCKED", "INELIGIBLE"]) expect(count(sf("Partner_Rebate__c"), (r) => r["Payout_Status__c"] === s), s).toBeGreaterThan(0);
  });
});
