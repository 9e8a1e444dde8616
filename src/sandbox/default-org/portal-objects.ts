// Portal object definitions of the default tenant. Names of the program objects are
// tenant-defined (systems.md): these are the default tenant's, and mappings/portal.yaml names them.
import type { PortalObjectDef } from "../contracts.js";
import { portalField as p, portalSystemFields } from "./portal-field-builders.js";
import {
  BANKING_STATUSES, COMPLIANCE_STATUSES, COUNTRY_CODES, CURRENCIES, DISTRIBUTORS,
  DR_DEAL_TYPES, DR_PROGRAMS, DR_SCOPES, DR_STATUSES, LEAD_FUNDING, NFR_LICENSE_TYPES, NFR_PORTAL_STATUSES,
  PARTNER_PROSPECT_STATUSES, PARTNER_TRACKS, POE_STATUSES, PRODUCT_TIERS, REGIONS, SALES_TERRITORIES, SHARE_STATUSES,
} from "./picklists.js";

const reasons = () => [p.text("Program_Reasons__cf", 4000, { readOnly: false })];

export const portalAccount: PortalObjectDef = {
  name: "Account",
  label: "Partner Account",
  fields: [
    ...portalSystemFields(true),
    p.text("Name", 255, { required: true }),
    p.url("Website"),
    p.phone("Phone"),
    p.text("Street", 255),
    p.text("City", 40),
    p.text("Postal_Code", 20),
    p.picklist("Country", COUNTRY_CODES, { required: true }),
    p.picklist("Currency", CURRENCIES),
    p.picklist("Partner_Track__cf", PARTNER_TRACKS),
    p.boolean("Agreement_Signed__cf"),
    p.date("Agreement_Signed_Date__cf"),
    p.picklist("Compliance_Status__cf", COMPLIANCE_STATUSES),
    p.boolean("PS_Designation__cf"),
    p.picklist("Region__cf", REGIONS),
    p.boolean("Public_Sector__cf"),
    p.picklist("Territory__cf", SALES_TERRITORIES),
    p.picklist("Preferred_Distributor__cf", DISTRIBUTORS),
    p.text("Coupa_Supplier_Number__cf", 40),
    p.picklist("Banking_Status__cf", BANKING_STATUSES),
    p.integer("NFR_Seats__cf"),
    ...reasons(),
  ],
};

export const portalUser: PortalObjectDef = {
  name: "User",
  label: "Partner User",
  fields: [
    ...portalSystemFields(true),
    p.reference("Account", { required: true }),
    p.text("First_Name", 40),
    p.text("Last_Name", 80, { required: true }),
    p.email("Email", { required: true }),
    p.text("Title", 128),
    p.boolean("Active"),
    // Learning-management results, the portal's own (architecture.md: portal owns trainings).
    p.boolean("Foundations_Training__cf"),
    p.date("Foundations_Completed__cf"),
    p.boolean("Solution_Architect_Cert__cf"),
    p.date("Solution_Architect_Cert_Date__cf"),
    p.boolean("PS_Engineer_Cert__cf"),
    p.date("PS_Engineer_Cert_Date__cf"),
  ],
};

export const portalDealRegistration: PortalObjectDef = {
  name: "Deal_Registration",
  label: "Deal Registration",
  fields: [
    ...portalSystemFields(true),
    p.reference("Account", { required: true }),
    p.reference("Submitted_By"),
    p.picklist("Program", DR_PROGRAMS, { required: true }),
    p.picklist("Deal_Type", DR_DEAL_TYPES),
    p.picklist("Registration_Scope", DR_SCOPES),
    p.picklist("Status", DR_STATUSES, { required: true }),
    p.dateTime("Submitted_Date", { required: true }),
    p.dateTime("Original_Approved_Date"),
    p.dateTime("Approved_Date"),
    p.dateTime("Rejected_Date"),
    p.dateTime("Extended_Until"),
    p.dateTime("Expiration_Date"),
    p.text("Customer_Name", 255, { required: true }),
    p.text("Customer_Contact_Name", 121),
    p.email("Customer_Contact_Email"),
    p.picklist("Product_Tier", PRODUCT_TIERS),
    p.decimal("Estimated_Net_ARR"),
    p.picklist("Currency", CURRENCIES),
    p.text("Opportunity_CrmId", 18),
    p.text("Additional_Opportunity_CrmIds", 255),
    p.reference("Linked_Registration"),
    p.text("Linked_Opportunity_CrmId", 18),
    p.reference("Resubmission_Of"),
    p.reference("Prospect"),
    p.boolean("Next_In_Line__cf"),
    p.boolean("Conflict__cf"),
    ...reasons(),
  ],
};

export const portalProspect: PortalObjectDef = {
  name: "Prospect",
  label: "Prospect (shared lead)",
  fields: [
    ...portalSystemFields(true),
    p.reference("Account", { required: true }),
    p.reference("Assigned_User"),
    p.text("First_Name", 40),
    p.text("Last_Name", 80, { required: true }),
    p.text("Company", 255, { required: true }),
    p.text("Title", 128),
    p.email("Email"),
    p.phone("Phone"),
    p.text("Country", 80),
    p.picklist("Lead_Source_Type", LEAD_FUNDING),
    p.picklist("Share_Status", SHARE_STATUSES, { required: true }),
    p.picklist("Partner_Status", PARTNER_PROSPECT_STATUSES),
    p.dateTime("Shared_Date"),
    p.dateTime("Accepted_Date"),
    p.dateTime("Rejected_Date"),
    p.text("Rejection_Reason", 255),
    p.dateTime("Qualified_Date"),
    p.dateTime("Recalled_Date"),
    p.reference("Converted_Registration"),
    ...reasons(),
  ],
};

export const portalNfrRequest: PortalObjectDef = {
  name: "NFR_Request",
  label: "NFR License Request",
  fields: [
    ...portalSystemFields(true),
    p.reference("Account", { required: true }),
    p.reference("Requested_By"),
    p.email("Requester_Email", { required: true }),
    p.picklist("License_Type", NFR_LICENSE_TYPES, { required: true }),
    p.integer("Seats", { required: true }),
    p.boolean("Add_On"),
    p.text("Business_Justification", 4000),
    p.dateTime("Requested_Date", { required: true }),
    p.picklist("Status", NFR_PORTAL_STATUSES),
    p.dateTime("Processed_Date"),
    p.date("Start_Date"),
    p.date("Expiration_Date"),
    ...reasons(),
  ],
};

export const portalServicesPoe: PortalObjectDef = {
  name: "Services_POE",
  label: "Services Proof of Execution",
  fields: [
    // CrmId here is the Salesforce Deal_Registration__c the proof belongs to.
    ...portalSystemFields(true),
    p.reference("Account", { required: true }),
    p.reference("Deal_Registration", { required: true }),
    p.dateTime("Submitted_Date", { required: true }),
    p.text("Document_Name", 255, { required: true }),
    p.url("Document_Url"),
    p.text("Services_Description", 4000),
    p.boolean("Customer_Confirmed"),
    p.picklist("Status", POE_STATUSES),
    p.dateTime("Approved_Date"),
    ...reasons(),
  ],
};
