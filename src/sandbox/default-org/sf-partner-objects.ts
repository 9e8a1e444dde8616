// Salesforce describes of the partner side: partner (and customer) accounts and partner people
// with their trainings and certifications (ELIG-*, NFR-1, SA-3, Q-2, PAY-3).
import type { SfSObjectDescribe } from "../contracts.js";
import { computed, sfField as f, systemFields, textName } from "./sf-field-builders.js";
import {
  BANKING_STATUSES, COMPLIANCE_STATUSES, COUNTRY_CODES, CURRENCIES, DISTRIBUTORS, PARTNER_TRACKS, REGIONS,
  SALES_TERRITORIES,
} from "./picklists.js";

export const ACCOUNT_TYPES = ["Partner", "Customer", "Prospect", "Distributor"] as const;

export const sfAccount: SfSObjectDescribe = {
  name: "Account",
  label: "Account",
  custom: false,
  fields: [
    ...systemFields(textName("Account Name", 255), true),
    f.picklist("Type", ACCOUNT_TYPES, { label: "Account Type" }),
    f.url("Website"),
    f.phone("Phone"),
    f.textarea("BillingStreet", 255, { label: "Billing Street" }),
    f.text("BillingCity", 40, { label: "Billing City" }),
    f.text("BillingPostalCode", 20, { label: "Billing Zip/Postal Code" }),
    f.text("BillingCountry", 80, { label: "Billing Country" }),
    f.picklist("BillingCountryCode", COUNTRY_CODES, { label: "Billing Country Code" }),
    f.picklist("CurrencyIsoCode", CURRENCIES, { label: "Account Currency", nillable: false }, "USD"),
    // Partner program facts the vendor decides (architecture.md: Salesforce owns them).
    f.picklist("Partner_Track__c", PARTNER_TRACKS),
    f.checkbox("Program_Agreement_Signed__c", { label: "Partner Program Agreement Signed" }),
    f.date("Agreement_Signed_Date__c"),
    f.picklist("Compliance_Status__c", COMPLIANCE_STATUSES, {}, "Good Standing"),
    f.checkbox("PS_Designation__c", { label: "Professional Services Designation" }),
    f.picklist("Partner_Region__c", REGIONS),
    f.checkbox("Public_Sector_Partner__c", { label: "Authorized Public Sector Partner" }),
    f.picklist("Sales_Territory__c", SALES_TERRITORIES),
    f.picklist("Preferred_Distributor__c", DISTRIBUTORS),
    f.reference("Partner_Account_Manager__c", "User"),
    // Roll-up summaries of Partner_Person__c: Salesforce computes them, nobody writes them.
    f.number("Foundations_Trained_People__c", 18, 0, computed),
    f.number("Certified_Architects_Engineers__c", 18, 0, computed),
    // Coupa link and the banking state the worker reads from Coupa and writes here (PAY-3).
    f.text("Coupa_Supplier_Number__c", 40),
    f.text("Coupa_Supplier_Id__c", 20),
    f.picklist("Banking_Status__c", BANKING_STATUSES),
    f.datetime("Banking_Checked_At__c"),
    // NFR seat limit per license type, derived by the worker from the track (NFR-3).
    f.number("NFR_Seat_Limit__c", 4, 0),
    f.text("Program_Reason_Codes__c", 255),
    f.textarea("Program_Reasons__c", 32768),
    f.externalId("Portal_Id__c", 20, { label: "Portal Account ID" }),
  ],
};

export const sfPartnerPerson: SfSObjectDescribe = {
  name: "Partner_Person__c",
  label: "Partner Person",
  custom: true,
  fields: [
    ...systemFields(textName("Full Name", 80), true),
    f.reference("Account__c", "Account", { label: "Partner Account", nillable: false }),
    f.text("First_Name__c", 40),
    f.text("Last_Name__c", 80, { nillable: false }),
    f.email("Email__c"),
    f.text("Title__c", 128),
    f.checkbox("Active__c"),
    f.checkbox("Foundations_Training_Completed__c", { label: "GitLab Foundations for Partners Completed" }),
    f.date("Foundations_Completed_On__c"),
    f.checkbox("Solution_Architect_Certified__c"),
    f.date("Solution_Architect_Certified_On__c"),
    f.checkbox("PS_Engineer_Certified__c", { label: "Professional Services Engineer Certified" }),
    f.date("PS_Engineer_Certified_On__c"),
    f.externalId("Portal_Id__c", 20, { label: "Portal User ID" }),
  ],
};
