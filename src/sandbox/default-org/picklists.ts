// Picklist values of the default org, shared by the Salesforce describes, the portal object
// definitions and the demo generator, so the three can never disagree on a spelling.

/** Only Open and Select transact (ELIG-3); the others exist in the CRM. */
export const PARTNER_TRACKS = ["Open", "Select", "Distributor", "Alliance", "Unassigned"] as const;
export const COMPLIANCE_STATUSES = ["Good Standing", "Under Review", "Non-Compliant"] as const;
/** The US public sector is region AMER with the public-sector flag (Q-2 looks it up by country). */
export const REGIONS = ["AMER", "EMEA", "APAC", "LATAM"] as const;
/** Sales territories as the CRM names them; Q-2 resolves distributors by region/country, not by these. */
export const SALES_TERRITORIES = ["AMER Commercial", "US Public Sector", "EMEA", "APAC", "India", "Japan", "LATAM"] as const;
export const DISTRIBUTORS = ["Amazic", "TD Synnex", "Redington", "Networld", "Carahsoft"] as const;
export const BANKING_STATUSES = ["connected", "remit_to_only", "none"] as const;

/** ISO 3166-1 alpha-2 codes the default org's state-and-country picklist allows. */
export const COUNTRY_CODES = [
  "US", "CA", "GB", "DE", "FR", "NL", "SE", "ES", "IT", "PL", "IL", "ZA", "AE",
  "AU", "NZ", "SG", "MY", "ID", "PH", "TH", "VN", "HK", "TW", "KR", "IN", "JP", "BR", "MX", "AR", "CL", "CO",
] as const;

export const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "INR", "AUD", "BRL"] as const;

export const OPPORTUNITY_STAGES = [
  "Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote",
  "Negotiation/Review", "Closed Won", "Closed Lost",
] as const;
/** Closed stages: IsClosed/IsWon are derived from these by Salesforce, never written. */
export const CLOSED_STAGES = { "Closed Won": true, "Closed Lost": false } as const;
/** Starter/Bronze and the legacy Silver/Gold still exist on renewals of old subscriptions (REN-1). */
export const PRODUCT_TIERS = ["Starter", "Bronze", "Silver", "Gold", "Premium", "Ultimate"] as const;
/** An upgrade is a Renewal whose Previous_Tier__c is lower than its tier (REN-3). */
export const ORDER_TYPES = ["New Business", "Add-On", "Renewal"] as const;
export const OPPORTUNITY_SOURCES = ["Partner", "Vendor"] as const;
export const MARKETPLACES = ["AWS", "GCP", "Azure"] as const;
export const EULA_METHODS = ["Click-through", "Countersigned"] as const;

export const DR_PROGRAMS = ["Deal Registration", "Service Attached Registration"] as const;
export const DR_DEAL_TYPES = ["Resale", "Referral", "MSP", "Services Attach"] as const;
export const DR_STATUSES = ["Submitted", "Approved", "Rejected", "Expired", "Dissolved"] as const;
/** DR-1: only "Single Opportunity" is a valid registration. */
export const DR_SCOPES = ["Single Opportunity", "Account-wide", "Multiple Opportunities"] as const;
export const POE_STATUSES = ["Not Submitted", "Submitted", "Approved", "Rejected"] as const;

export const SHARE_STATUSES = ["Sending to Partner", "Pending", "Accepted", "Rejected", "Recall"] as const;
export const PARTNER_PROSPECT_STATUSES = ["Qualifying", "Qualified", "Disqualified", "Converted to DR"] as const;
/** LEAD-1: vendor-paid and joint-event leads are vendor-owned (recallable); MDF leads are not. */
export const LEAD_FUNDING = ["Vendor Paid", "Joint Event", "Partner MDF"] as const;
export const LEAD_OWNER_TYPES = ["Vendor", "Partner"] as const;
export const LEAD_STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"] as const;
export const LEAD_SOURCES = ["Web", "Paid Search", "Event", "Webinar", "Partner Referral", "Content Syndication"] as const;
export const RECALL_REASONS = ["RECALLED_PHASE_1", "RECALLED_PHASE_2", "RECALLED_PHASE_3"] as const;

export const NFR_LICENSE_TYPES = ["Self-Managed", "SaaS"] as const;
export const NFR_SF_STATUSES = ["Requested", "Active", "Expired", "Rejected", "Needs Account Manager"] as const;
export const EVALUATION_STATUSES = ["Requested", "Issued", "Expired", "Refused"] as const;
export const NFR_PORTAL_STATUSES = ["Submitted", "Processing", "Fulfilled", "Rejected", "Needs Account Manager"] as const;

export const REBATE_KINDS = ["Services Attach", "Referral", "First Order"] as const;
export const PAYOUT_STATUSES = ["PAID", "READY", "BLOCKED", "INELIGIBLE"] as const;

export const COURSE_FOUNDATIONS = "GitLab Foundations for Partners";
export const CERT_SOLUTION_ARCHITECT = "GitLab Certified Solution Architect";
export const CERT_PS_ENGINEER = "GitLab Certified Professional Services Engineer";
