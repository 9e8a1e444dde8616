// One record per (system, entity) of the shipped mappings, in the system's own representation, holding
// exactly the mapped fields (plus the record's own id): what a round trip must give back.
import type { JsonRecord } from "../../src/mapping/json-record.js";

const sfdt = (s: string) => `${s}.000+0000`;

export const SAMPLES: Record<string, JsonRecord> = {
  "salesforce/Partner": {
    Id: "001000000000001AAA", Portal_Id__c: "101", Type: "Partner", Name: "Acme Partners GmbH", Partner_Track__c: "Select",
    Program_Agreement_Signed__c: true, Agreement_Signed_Date__c: "2024-02-29", Compliance_Status__c: "Good Standing",
    PS_Designation__c: false, Partner_Region__c: "EMEA", BillingCountryCode: "DE", Sales_Territory__c: "EMEA",
    Partner_Account_Manager__c: "005000000000001AAA", NFR_Seat_Limit__c: 25,
    Program_Reason_Codes__c: "ELIG-1:OK;ELIG-4:OK", Program_Reasons__c: "Agreement signed\nIn good standing",
  },
  "salesforce/SupplierBanking": {
    Id: "001000000000001AAA", Portal_Id__c: "101", Type: "Partner", Coupa_Supplier_Id__c: "77",
    Banking_Status__c: "remit_to_only", Banking_Checked_At__c: sfdt("2026-05-07T22:07:19"),
  },
  "salesforce/PartnerPerson": {
    Id: "a01000000000001AAA", Portal_Id__c: "5001", Account__c: "001000000000001AAA", First_Name__c: "Ana María", Last_Name__c: "López",
    Name: "Ana María López", Email__c: "ana@acme.example", Active__c: true,
    Foundations_Training_Completed__c: true, Foundations_Completed_On__c: "2026-01-15",
    Solution_Architect_Certified__c: true, Solution_Architect_Certified_On__c: "2025-11-30",
    PS_Engineer_Certified__c: false, PS_Engineer_Certified_On__c: null,
  },
  "salesforce/DealRegistration": {
    Id: "a02000000000001AAA", Portal_Id__c: "9001", Partner_Account__c: "001000000000001AAA", Opportunity__c: "006000000000001AAA",
    Additional_Opportunity_Ids__c: null, Registration_Scope__c: "Single Opportunity", Program__c: "Deal Registration",
    Deal_Type__c: "Resale", Status__c: "Approved", Submitted_At__c: sfdt("2026-03-01T09:00:00"), Resubmission_Of__c: null,
    Original_Approved_At__c: sfdt("2026-03-03T10:30:00"), Extended_Until__c: null, Rejected_At__c: null,
    Customer_Name__c: "Globex", Customer_Contact_Email__c: "cio@globex.example", Product_Tier__c: "Premium",
    Linked_Opportunity__c: null, Linked_Registration__c: null, POE_Status__c: "Not Submitted", POE_Approved_At__c: null,
    Customer_Chose_Other_Reseller__c: false, Next_In_Line__c: false, Expires_At__c: sfdt("2026-06-01T10:30:00"),
    Conflict__c: false, Program_Reason_Codes__c: "DR-4:ACTIVE", Program_Reasons__c: "Approved 2026-03-03",
    Program_Evaluated_At__c: sfdt("2026-05-07T22:07:19"),
  },
  "salesforce/Opportunity": {
    Id: "006000000000001AAA", AccountId: "001000000000009AAA", Name: "Globex renewal", StageName: "Closed Won", IsClosed: true,
    IsWon: true, CloseDate: "2026-04-30", Net_ARR__c: 125000.5, CurrencyIsoCode: "EUR", Product_Tier__c: "Ultimate",
    Previous_Tier__c: "Premium", Order_Type__c: "Renewal", Opportunity_Source__c: "Partner", New_Logo__c: false,
    First_Order_Target__c: false, Public_Sector__c: false, Marketplace_Name__c: null, Reseller__c: "001000000000001AAA",
    Co_Sell_Partner_Ids__c: "001000000000002AAA;001000000000003AAA", Incumbent_Reseller__c: null,
    Customer_Requested_Other_Partner__c: false, Discount_Override_Percent__c: 12.5, End_User_Contact_Name__c: "Hank Scorpio",
    End_User_Contact_Email__c: "hank@globex.example", End_User_Shipping_Street__c: "1 Globex Way",
    End_User_Shipping_Postal_Code__c: "97401", Rep_To_Choose_Reseller__c: false, Program_Reason_Codes__c: null, Program_Reasons__c: null,
  },
  "salesforce/Prospect": {
    Id: "00Q000000000001AAA", Portal_Id__c: "3001", Partner_Account__c: "001000000000001AAA", Lead_Funding__c: "Joint Event",
    Prospect_Share_Status__c: "Accepted", Partner_Prospect_Status__c: "Qualifying", CreatedDate: sfdt("2026-04-01T08:00:00"),
    Shared_To_Partner_At__c: sfdt("2026-04-02T08:00:00"), Partner_Accepted_At__c: sfdt("2026-04-03T08:00:00"),
    Partner_Rejected_At__c: null, Partner_Qualified_At__c: null, Converted_Deal_Registration__c: null, Recalled_At__c: null,
    Recall_Reason__c: null, OwnerId: "005000000000002AAA", FirstName: "Peter", LastName: "Gibbons", Company: "Initech", Email: "peter@initech.example",
    Program_Reason_Codes__c: null, Program_Reasons__c: null,
  },
  "salesforce/NfrLicense": {
    Id: "a03000000000001AAA", Portal_Id__c: "7001", Partner_Account__c: "001000000000001AAA", License_Type__c: "Self-Managed",
    Tier__c: "Ultimate", Seats__c: 10, Status__c: "Active", Requested_At__c: sfdt("2026-01-10T12:00:00"),
    Processed_At__c: sfdt("2026-01-11T12:00:00"), Start_Date__c: "2026-01-11", Expiry_Date__c: "2027-01-11", Add_On__c: false,
    Renewal_Of__c: null, Approved_By_Account_Manager__c: false, Processing_Overdue__c: false, Program_Reason_Codes__c: null,
    Program_Reasons__c: null, Program_Evaluated_At__c: null,
  },
  "salesforce/EvaluationLicense": {
    Id: "a0C000000000002AAA", Partner_Account__c: "001000000000001AAA", Deal_Registration__c: "a02000000000001AAA", Sequence__c: 2,
    Renewal_Of__c: "a0C000000000001AAA", Status__c: "Issued", Requested_At__c: sfdt("2026-04-01T09:00:00"),
    Issued_At__c: sfdt("2026-04-02T09:00:00"), Expires_At__c: sfdt("2026-05-02T09:00:00"), Managed_Evaluation__c: false,
    Solutions_Architect__c: null, Program_Reason_Codes__c: "EVAL-1:EVALUATION_ACTIVE", Program_Reasons__c: null, Program_Evaluated_At__c: null,
  },
  "salesforce/RebateAccrual": {
    Id: "a04000000000001AAA", Accrual_Key__c: "REFERRAL_FEE:9001", Kind__c: "Referral", Partner_Account__c: "001000000000001AAA",
    Deal_Registration__c: "a02000000000001AAA", Opportunity__c: "006000000000001AAA", Amount__c: 1250, CurrencyIsoCode: "JPY",
    Amount_USD__c: 8.12, Earned_Quarter__c: "FY2027-Q1", Due_Date__c: "2026-06-14", Payout_Status__c: "READY", Overdue__c: false,
    Paid_At__c: null, Coupa_Invoice_Number__c: null, Program_Reason_Codes__c: "PAY-4:READY", Program_Reasons__c: "Ready to pay",
    Program_Evaluated_At__c: sfdt("2026-05-07T22:07:19"),
  },
  "portal/Partner": {
    Id: 101, CrmId: "001000000000001AAA", Name: "Acme Partners GmbH", Partner_Track__cf: "Select", Agreement_Signed__cf: true,
    Agreement_Signed_Date__cf: "2024-02-29", Compliance_Status__cf: "Non-Compliant", PS_Designation__cf: false, Region__cf: "EMEA",
    Country: "DE", Territory__cf: "EMEA", NFR_Seats__cf: 25, Program_Reasons__cf: "Agreement signed",
  },
  "portal/SupplierBanking": { Id: 101, CrmId: "001000000000001AAA", Banking_Status__cf: "connected" },
  "portal/PartnerPerson": {
    Id: 5001, CrmId: "a01000000000001AAA", Account: 101, First_Name: "Ana María", Last_Name: "López", Email: "ana@acme.example",
    Active: true, Foundations_Training__cf: true, Foundations_Completed__cf: "2026-01-15", Solution_Architect_Cert__cf: false,
    Solution_Architect_Cert_Date__cf: null, PS_Engineer_Cert__cf: true, PS_Engineer_Cert_Date__cf: "2025-12-01",
  },
  "portal/DealRegistration": {
    Id: 9001, CrmId: "a02000000000001AAA", Account: 101, Opportunity_CrmId: "006000000000001AAA",
    Additional_Opportunity_CrmIds: null, Registration_Scope: "Account-wide", Program: "Service Attached Registration",
    Deal_Type: null, Status: "Submitted", Submitted_Date: "2026-03-01T03:00:00-06:00", Resubmission_Of: 8999,
    Original_Approved_Date: null, Extended_Until: null, Rejected_Date: null, Customer_Name: "Globex",
    Customer_Contact_Email: null, Product_Tier: "Ultimate", Linked_Opportunity_CrmId: "006000000000002AAA", Linked_Registration: 8000,
    Next_In_Line__cf: true, Expiration_Date: null, Conflict__cf: false, Program_Reasons__cf: "Next in line\nSubmitted first",
  },
  "portal/Prospect": {
    Id: 3001, CrmId: "00Q000000000001AAA", Account: 101, Lead_Source_Type: "Vendor Paid", Share_Status: "Pending",
    Partner_Status: "Qualified", Shared_Date: "2026-04-02T02:00:00-06:00", Accepted_Date: "2026-04-03T02:00:00-06:00",
    Rejected_Date: null, Qualified_Date: "2026-04-10T02:00:00-06:00", Recalled_Date: null, Converted_Registration: 9001,
    First_Name: "Peter", Last_Name: "Gibbons", Company: "Initech", Email: "peter@initech.example", Program_Reasons__cf: null,
  },
  "portal/NfrLicense": {
    Id: 7001, CrmId: "a03000000000001AAA", Account: 101, License_Type: "SaaS", Seats: 10, Add_On: true,
    Requested_Date: "2026-01-10T06:00:00-06:00", Status: "Fulfilled", Processed_Date: null, Start_Date: "2026-01-11",
    Expiration_Date: "2027-01-11", Program_Reasons__cf: null,
  },
  "coupa/SupplierBanking": { id: 77, status: "active" },
};

/** Own id fields: identify the record, never sent in a write body. */
export const OWN_ID: Record<string, string> = { salesforce: "Id", portal: "Id", coupa: "id" };
/** Filter-only fields: read to select rows, not mapped. */
export const FILTER_ONLY: Record<string, string[]> = {
  "salesforce/Partner": ["Type"], "salesforce/SupplierBanking": ["Type"], "coupa/SupplierBanking": ["status"],
};
