// Where every input of every rule of program-rules.md lives in the default org ("every input of
// every rule must have a home"). A reference is `sf:Object.Field`, `portal:Object.Field` or
// `coupa:resource.path`; the default-org test asserts each one exists, docs/default-org.md lists them.

export type FieldRef = `sf:${string}` | `portal:${string}` | `coupa:${string}`;

const acct = (f: string) => `sf:Account.${f}` as const;
const dr = (f: string) => `sf:Deal_Registration__c.${f}` as const;
const opp = (f: string) => `sf:Opportunity.${f}` as const;
const lead = (f: string) => `sf:Lead.${f}` as const;
const nfr = (f: string) => `sf:NFR_License__c.${f}` as const;
const rebate = (f: string) => `sf:Partner_Rebate__c.${f}` as const;
const person = (f: string) => `sf:Partner_Person__c.${f}` as const;

/** What the worker writes back with every decision on a record. */
const drReasons = [dr("Program_Reason_Codes__c"), dr("Program_Reasons__c"), dr("Program_Evaluated_At__c")];

export const ruleFields: Record<string, readonly FieldRef[]> = {
  "ELIG-1": [acct("Program_Agreement_Signed__c"), acct("Agreement_Signed_Date__c"), "portal:Account.Agreement_Signed__cf"],
  "ELIG-2": [person("Account__c"), person("Foundations_Training_Completed__c"), person("Foundations_Completed_On__c"),
    "portal:User.Account", "portal:User.Foundations_Training__cf", "portal:User.Foundations_Completed__cf"],
  "ELIG-3": [acct("Partner_Track__c"), "portal:Account.Partner_Track__cf"],
  "ELIG-4": [acct("Compliance_Status__c"), "portal:Account.Compliance_Status__cf"],

  "DR-1": [dr("Opportunity__c"), dr("Registration_Scope__c"), dr("Additional_Opportunity_Ids__c"),
    "portal:Deal_Registration.Opportunity_CrmId", "portal:Deal_Registration.Registration_Scope"],
  "DR-2": [dr("Opportunity__c"), dr("Submitted_At__c"), dr("Portal_Id__c"), "portal:Deal_Registration.Submitted_Date", "portal:Deal_Registration.Id"],
  "DR-3": [dr("Status__c"), dr("Opportunity__c"), dr("Submitted_At__c"), dr("Partner_Account__c"), dr("Conflict__c"), ...drReasons,
    "portal:Deal_Registration.Conflict__cf"],
  "DR-4": [dr("Status__c"), dr("Original_Approved_At__c"), dr("Extended_Until__c"), dr("Expires_At__c"), opp("IsClosed"), ...drReasons,
    "portal:Deal_Registration.Expiration_Date"],
  "DR-5": [dr("Status__c"), dr("Next_In_Line__c"), dr("Submitted_At__c"), dr("Dissolved_At__c"), opp("Rep_To_Choose_Reseller__c"),
    opp("Program_Reason_Codes__c"), "portal:Deal_Registration.Next_In_Line__cf"],
  "DR-6": [dr("Resubmission_Of__c"), dr("Submitted_At__c"), dr("Rejected_At__c"), "portal:Deal_Registration.Resubmission_Of"],
  "DR-7": [dr("Status__c"), dr("Partner_Account__c"), dr("Opportunity__c")],
  "DR-8": [dr("Customer_Name__c"), dr("Customer_Contact_Email__c"), dr("Opportunity__c"), dr("Deal_Type__c"), dr("Product_Tier__c"),
    dr("Customer_Chose_Other_Reseller__c"), dr("Approved_At__c"), acct("Program_Agreement_Signed__c"), acct("Compliance_Status__c"),
    "portal:Deal_Registration.Customer_Name", "portal:Deal_Registration.Customer_Contact_Email"],
  "DR-9": [dr("Program__c"), dr("Deal_Type__c"), opp("Order_Type__c"), "portal:Deal_Registration.Program", "portal:Deal_Registration.Deal_Type"],

  "DISC-1": [dr("Status__c"), opp("Opportunity_Source__c"), opp("Order_Type__c")],
  "DISC-2": [opp("Opportunity_Source__c"), opp("Co_Sell_Partner_Ids__c"), opp("Reseller__c")],
  "DISC-3": [opp("Incumbent_Reseller__c")],
  "DISC-4": [acct("Partner_Track__c"), opp("Discount_Override_Percent__c")],

  "SA-1": [dr("Program__c"), dr("Linked_Registration__c"), dr("Linked_Opportunity__c"),
    "portal:Deal_Registration.Linked_Registration", "portal:Deal_Registration.Linked_Opportunity_CrmId"],
  "SA-2": [dr("POE_Status__c"), dr("POE_Approved_At__c"), "portal:Services_POE.Deal_Registration", "portal:Services_POE.Submitted_Date",
    "portal:Services_POE.Status", "portal:Services_POE.Approved_Date"],
  "SA-3": [acct("PS_Designation__c"), "portal:Account.PS_Designation__cf"],
  "SA-4": [dr("Product_Tier__c"), opp("Product_Tier__c")],
  "SA-5": [dr("Submitted_At__c"), opp("Net_ARR__c"), opp("CurrencyIsoCode"), opp("IsWon"), opp("CloseDate"), rebate("Rate_Percent__c")],

  "REF-1": [dr("Deal_Type__c"), dr("Status__c")],
  "REF-2": [opp("New_Logo__c"), opp("Reseller__c")],
  "REF-3": [opp("Marketplace__c"), opp("Marketplace_Name__c")],
  "REF-4": [opp("IsWon"), opp("CloseDate"), opp("Net_ARR__c")],

  "FOI-1": [dr("Status__c"), opp("New_Logo__c"), opp("Net_ARR__c")],
  "FOI-2": [opp("First_Order_Target__c")],
  "FOI-3": [acct("Partner_Track__c")],

  "PAY-1": [rebate("Kind__c"), rebate("Earned_Quarter__c"), opp("CloseDate"), dr("POE_Approved_At__c")],
  "PAY-2": [rebate("Due_Date__c"), rebate("Earned_Quarter__c")],
  "PAY-3": [acct("Coupa_Supplier_Number__c"), acct("Coupa_Supplier_Id__c"), acct("Banking_Status__c"), acct("Banking_Checked_At__c"),
    "coupa:suppliers.number", "coupa:suppliers.status", "coupa:suppliers.on-hold", "coupa:suppliers.remit-to-addresses[].active",
    "coupa:supplier_information.supplier-id", "coupa:supplier_information.status", "coupa:supplier_information.hold-payment-indicator",
    "coupa:supplier_information.supplier-information-addresses[].kind", "coupa:supplier_information.supplier-information-addresses[].active",
    "coupa:supplier_information.supplier-information-addresses[].bank-account-number",
    "coupa:supplier_information.supplier-information-addresses[].iban-number", "portal:Account.Banking_Status__cf"],
  "PAY-4": [rebate("Payout_Status__c"), rebate("Overdue__c"), rebate("Coupa_Invoice_Number__c"), rebate("Paid_At__c"),
    rebate("Program_Reason_Codes__c"), rebate("Accrual_Key__c"), "coupa:invoices.invoice-number", "coupa:invoices.paid",
    "coupa:invoices.payment-date", "coupa:invoices.amount-due", "coupa:invoices.payments[].notes"],
  "PAY-5": [rebate("Amount__c"), rebate("CurrencyIsoCode"), rebate("Amount_USD__c"), "coupa:invoices.currency.code", "coupa:invoices.gross-total"],

  "Q-1": [opp("End_User_Contact_Name__c"), opp("End_User_Contact_Email__c"), opp("End_User_Shipping_Street__c"),
    opp("End_User_Shipping_City__c"), opp("End_User_Shipping_Postal_Code__c"), opp("End_User_Shipping_Country__c")],
  "Q-2": [acct("Partner_Track__c"), acct("Partner_Region__c"), acct("BillingCountryCode"), acct("Public_Sector_Partner__c"),
    acct("Preferred_Distributor__c"), opp("Distributor__c"), opp("Public_Sector__c")],
  "Q-3": [opp("EULA_Executed__c"), opp("EULA_Method__c"), opp("EULA_Executed_At__c")],

  "EVAL-1": ["sf:Evaluation_License__c.Deal_Registration__c", "sf:Evaluation_License__c.Status__c", dr("Status__c")],
  "EVAL-2": ["sf:Evaluation_License__c.Sequence__c", "sf:Evaluation_License__c.Renewal_Of__c",
    "sf:Evaluation_License__c.Managed_Evaluation__c", "sf:Evaluation_License__c.Solutions_Architect__c"],

  "REN-1": [opp("Order_Type__c"), opp("Product_Tier__c"), opp("Previous_Tier__c")],
  "REN-2": [opp("Order_Type__c")],
  "REN-3": [opp("Product_Tier__c"), opp("Previous_Tier__c")],
  "REN-4": [opp("Incumbent_Reseller__c"), opp("Customer_Requested_Other_Partner__c"), acct("Compliance_Status__c")],

  "LEAD-1": [lead("Lead_Funding__c"), lead("Lead_Owner_Type__c"), "portal:Prospect.Lead_Source_Type"],
  "LEAD-2": [lead("Partner_Prospect_Status__c"), lead("Converted_Deal_Registration__c"), "portal:Prospect.Partner_Status",
    "portal:Prospect.Converted_Registration", dr("Source_Lead__c")],
  "LEAD-3": [lead("CreatedDate"), lead("Prospect_Share_Status__c"), lead("Partner_Prospect_Status__c"), lead("Shared_To_Partner_At__c"),
    lead("Partner_Accepted_At__c"), lead("Partner_Qualified_At__c"), "portal:Prospect.Share_Status", "portal:Prospect.Accepted_Date",
    "portal:Prospect.Shared_Date"],
  "LEAD-4": [lead("Prospect_Share_Status__c"), lead("Recalled_At__c"), lead("Recall_Reason__c"), lead("OwnerId"),
    lead("Program_Reasons__c"), "portal:Prospect.Recalled_Date", "portal:Prospect.Program_Reasons__cf"],

  "NFR-1": [acct("Partner_Track__c"), acct("Compliance_Status__c"), person("Solution_Architect_Certified__c"),
    person("PS_Engineer_Certified__c"), "portal:User.Solution_Architect_Cert__cf", "portal:User.PS_Engineer_Cert__cf"],
  "NFR-2": [nfr("License_Type__c"), nfr("Status__c"), nfr("Start_Date__c"), nfr("Partner_Account__c"), "portal:NFR_Request.License_Type"],
  "NFR-3": [nfr("Seats__c"), nfr("Approved_By_Account_Manager__c"), acct("NFR_Seat_Limit__c"), "portal:NFR_Request.Seats",
    "portal:Account.NFR_Seats__cf"],
  "NFR-4": [nfr("Start_Date__c"), nfr("Expiry_Date__c"), nfr("Add_On__c"), "portal:NFR_Request.Expiration_Date"],
  "NFR-5": [nfr("Renewal_Of__c"), acct("Compliance_Status__c")],
  "NFR-6": [nfr("Requested_At__c"), nfr("Processed_At__c"), nfr("Processing_Overdue__c"), "portal:NFR_Request.Requested_Date",
    "portal:NFR_Request.Processed_Date"],
};
