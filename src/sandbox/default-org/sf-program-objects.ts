// Salesforce describes of the partner program's own records: deal registrations (DR-*, SA-*,
// REF-*), evaluation licenses (EVAL-*), NFR licenses (NFR-*) and rebate accruals (PAY-*).
import type { SfSObjectDescribe } from "../contracts.js";
import { autoNumberName, computed, sfField as f, systemFields } from "./sf-field-builders.js";
import {
  CURRENCIES, DR_DEAL_TYPES, DR_PROGRAMS, DR_SCOPES, DR_STATUSES, EVALUATION_STATUSES, NFR_LICENSE_TYPES, NFR_SF_STATUSES,
  PAYOUT_STATUSES, POE_STATUSES, PRODUCT_TIERS, REBATE_KINDS,
} from "./picklists.js";

/** What the worker writes with every decision: codes to filter on, messages to read. */
const reasonFields = () => [
  f.text("Program_Reason_Codes__c", 255, { label: "Program Reason Codes" }),
  f.textarea("Program_Reasons__c", 32768, { label: "Program Reasons" }),
  f.datetime("Program_Evaluated_At__c"),
];

export const sfDealRegistration: SfSObjectDescribe = {
  name: "Deal_Registration__c",
  label: "Deal Registration",
  custom: true,
  fields: [
    ...systemFields(autoNumberName("Registration Number"), true),
    f.reference("Partner_Account__c", "Account", { nillable: false }),
    f.picklist("Program__c", DR_PROGRAMS, { nillable: false }),
    f.picklist("Deal_Type__c", DR_DEAL_TYPES),
    f.picklist("Registration_Scope__c", DR_SCOPES, {}, "Single Opportunity"),
    f.picklist("Status__c", DR_STATUSES, { nillable: false }, "Submitted"),
    f.datetime("Submitted_At__c", { nillable: false }),
    f.datetime("Original_Approved_At__c"),
    f.datetime("Approved_At__c", { label: "Last Approved At" }),
    f.datetime("Rejected_At__c"),
    f.datetime("Extended_Until__c"),
    f.datetime("Dissolved_At__c"),
    f.text("Customer_Name__c", 255),
    f.text("Customer_Contact_Name__c", 121),
    f.email("Customer_Contact_Email__c"),
    f.picklist("Product_Tier__c", PRODUCT_TIERS),
    f.currency("Estimated_Net_ARR__c"),
    f.picklist("CurrencyIsoCode", CURRENCIES, { label: "Currency", nillable: false }, "USD"),
    f.reference("Opportunity__c", "Opportunity"),
    f.text("Additional_Opportunity_Ids__c", 255, { label: "Additional Opportunity IDs (semicolon-separated)" }),
    f.reference("Linked_Registration__c", "Deal_Registration__c", { label: "Linked Licensing Registration" }),
    f.reference("Linked_Opportunity__c", "Opportunity", { label: "Linked Licensing Opportunity" }),
    f.reference("Resubmission_Of__c", "Deal_Registration__c"),
    f.reference("Source_Lead__c", "Lead", { label: "Converted From Lead" }),
    f.checkbox("Customer_Chose_Other_Reseller__c"),
    f.picklist("POE_Status__c", POE_STATUSES, {}, "Not Submitted"),
    f.datetime("POE_Submitted_At__c"),
    f.datetime("POE_Approved_At__c"),
    f.text("POE_Portal_Id__c", 20, { label: "Portal Services POE ID" }),
    // Derived by the worker (DR-3, DR-4, DR-5) and written back with reasons.
    f.datetime("Expires_At__c"),
    f.checkbox("Next_In_Line__c"),
    f.checkbox("Conflict__c", { label: "Duplicate Approval Conflict" }),
    ...reasonFields(),
    f.externalId("Portal_Id__c", 20, { label: "Portal Registration ID" }),
  ],
};

export const sfEvaluationLicense: SfSObjectDescribe = {
  name: "Evaluation_License__c",
  label: "Evaluation License",
  custom: true,
  fields: [
    ...systemFields(autoNumberName("Evaluation Number"), true),
    f.reference("Partner_Account__c", "Account", { nillable: false }),
    f.reference("Deal_Registration__c", "Deal_Registration__c"),
    f.number("Sequence__c", 2, 0, { label: "Sequence (1 = first license)", nillable: false }),
    f.reference("Renewal_Of__c", "Evaluation_License__c"),
    f.picklist("Status__c", EVALUATION_STATUSES, { nillable: false }, "Requested"),
    f.datetime("Requested_At__c", { nillable: false }),
    f.datetime("Issued_At__c"),
    f.datetime("Expires_At__c"),
    f.checkbox("Managed_Evaluation__c"),
    f.reference("Solutions_Architect__c", "User"),
    ...reasonFields(),
    f.externalId("Evaluation_Key__c", 40, { label: "Evaluation Key (registration portal id-sequence)" }),
  ],
};

export const sfNfrLicense: SfSObjectDescribe = {
  name: "NFR_License__c",
  label: "NFR License",
  custom: true,
  fields: [
    ...systemFields(autoNumberName("NFR Number"), true),
    f.reference("Partner_Account__c", "Account", { nillable: false }),
    f.reference("Requested_By__c", "Partner_Person__c"),
    f.email("Requester_Email__c"),
    f.picklist("License_Type__c", NFR_LICENSE_TYPES, { nillable: false }),
    f.picklist("Tier__c", ["Ultimate"], {}, "Ultimate"),
    f.number("Seats__c", 6, 0, { nillable: false }),
    f.checkbox("Add_On__c", { label: "Add-on License" }),
    f.reference("Renewal_Of__c", "NFR_License__c"),
    f.checkbox("Approved_By_Account_Manager__c"),
    f.textarea("Business_Justification__c", 32768),
    f.datetime("Requested_At__c", { nillable: false }),
    f.datetime("Processed_At__c"),
    f.date("Start_Date__c"),
    // Derived by the worker (NFR-4).
    f.date("Expiry_Date__c"),
    f.picklist("Status__c", NFR_SF_STATUSES, { nillable: false }, "Requested"),
    f.checkbox("Processing_Overdue__c"),
    ...reasonFields(),
    f.externalId("Portal_Id__c", 20, { label: "Portal NFR Request ID" }),
  ],
};

export const sfPartnerRebate: SfSObjectDescribe = {
  name: "Partner_Rebate__c",
  label: "Partner Rebate",
  custom: true,
  fields: [
    ...systemFields(autoNumberName("Rebate Number"), true),
    f.reference("Partner_Account__c", "Account", { nillable: false }),
    f.picklist("Kind__c", REBATE_KINDS, { nillable: false }),
    f.reference("Deal_Registration__c", "Deal_Registration__c"),
    f.reference("Opportunity__c", "Opportunity"),
    f.currency("Amount__c", { nillable: false }),
    f.picklist("CurrencyIsoCode", CURRENCIES, { label: "Currency", nillable: false }, "USD"),
    f.currency("Amount_USD__c", { label: "Amount (USD)" }),
    f.number("Rate_Percent__c", 5, 2),
    f.text("Earned_Quarter__c", 9, { label: "Earned Fiscal Quarter (FY2027-Q3)" }),
    f.date("Due_Date__c"),
    f.picklist("Payout_Status__c", PAYOUT_STATUSES, { nillable: false }),
    f.checkbox("Overdue__c"),
    f.text("Coupa_Invoice_Number__c", 40),
    f.datetime("Paid_At__c"),
    // A formula over the payout status, shown here because formula fields are never writable.
    f.checkbox("Payable__c", computed),
    ...reasonFields(),
    f.externalId("Accrual_Key__c", 80, { label: "Accrual Key (KIND:source id)" }),
  ],
};
