// The deliberately malformed records of every demo data set: a few records a sync must quarantine
// with a clear error while the run goes on. Each is a copy of a generated record with one fault.
import type { JsonRecord, SandboxData, SystemName } from "../contracts.js";
import type { ConformanceProblem } from "../default-org/record-conformance.js";
import { sfId } from "./ids.js";

export interface MalformedRecord {
  system: Exclude<SystemName, "coupa">;
  object: string;
  /** Salesforce Id or portal Id of the malformed record. */
  id: string | number;
  field: string;
  problem: ConformanceProblem["problem"];
  value: unknown;
}

/** Fixed ids outside the generated ranges (pod "9z", portal ids …999_00n). */
export const MALFORMED_RECORDS: readonly MalformedRecord[] = [
  { system: "portal", object: "Deal_Registration", id: 39_999_001, field: "Customer_Name", problem: "required-missing", value: null },
  { system: "portal", object: "User", id: 29_999_001, field: "Email", problem: "bad-email", value: "jane.doe(at)example.com" },
  { system: "portal", object: "Prospect", id: 49_999_001, field: "Share_Status", problem: "unknown-picklist-value", value: "Declined" },
  { system: "salesforce", object: "Deal_Registration__c", id: sfId("Deal_Registration__c", 1, "9z"), field: "Status__c", problem: "unknown-picklist-value", value: "Pending Review" },
  { system: "salesforce", object: "Lead", id: sfId("Lead", 1, "9z"), field: "LastName", problem: "required-missing", value: null },
  { system: "salesforce", object: "Partner_Person__c", id: sfId("Partner_Person__c", 1, "9z"), field: "Email__c", problem: "bad-email", value: "no-email-given" },
];

/** Appends one faulty copy per entry; the copy drops its cross-system id so it links to nothing. */
export function appendMalformed(data: SandboxData): void {
  for (const m of MALFORMED_RECORDS) {
    const records = m.system === "salesforce" ? data.salesforce.records[m.object] : data.portal.records[m.object];
    const template = records?.[0];
    if (!records || !template) continue;
    const copy: JsonRecord = { ...template, [m.field]: m.value };
    if (m.system === "salesforce") {
      copy["Id"] = m.id;
      if ("Portal_Id__c" in copy) copy["Portal_Id__c"] = null;
    } else {
      copy["Id"] = m.id;
      copy["CrmId"] = null;
    }
    records.push(copy);
  }
}
