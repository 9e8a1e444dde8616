// Picklist values of the default org, shared by the Salesforce describes, the portal object
// definitions and the demo generator, so the three can never disagree on a spelling.

export const PARTNER_TRACKS = ["Registered", "Open", "Select"] as const;
export const COMPLIANCE_STATUSES = ["Good Standing", "Under Review", "Non-Compliant"] as const;
/** "PUBSEC" is the US public sector, served apart from AMER commercial. */
export const REGIONS = ["AMER", "EMEA", "APAC", "LATAM", "PUBSEC"] as const;
/** Territories of program-rules Q-2's default distributor table; "None" = no active distributor. */
export const DISTRIBUTOR_TERRITORIES = ["None", "EMEA", "APAC", "India", "Japan", "US Public Sector"] as const;
export const DISTRIBUTORS = ["Amazic", "TD Synnex", "Redington", "Networld", "Carahsoft"] as const;
export const BANKING_STATUSES = ["connected", "remit_to_only", "none"] as const;

/** ISO 3166-1 alpha-2 codes the default org's state-and-country picklist allows. */
export const COUNTRY_CODES = [
  "US", "CA", "GB", "DE", "FR", "NL", "SE", "ES", "IT", "PL", "IL", "ZA", "AE",
  "AU", "NZ", "SG", "MY", "ID", "PH", "TH", "VN", "KR", "IN", "JP", "BR", "MX", "AR", "CL", "CO",
] as const;

export const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "INR", "AUD", "BRL"] as const;

export const OPPORTUNITY_STAGES = [
  "Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote",
  "Negotiation/Review", "Closed Won", "Closed Lost",
] as const;
/** Closed stages: IsClosed/IsWon are derived from these by Salesforce, never written. */
export const CLOSED_STAGES = { "Closed Won": true, "Closed Lost": false } as const;
/** Starter/Bronze still exist on renewals of old subscriptions (REN-1). */
export const PRODUCT_TIERS = ["Starter", "Bronze", "Premium", "Ultimate"] as const;
export const ORDER_TYPES = ["New Business", "Add-On", "Renewal", "Upgrade"] as const;
export const MARKETPLACES = ["AWS Marketplace", "Google Cloud Marketplace"] as const;
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
export const NFR_PORTAL_STATUSES = ["Submitted", "Processing", "Fulfilled", "Rejected", "Needs Account Manager"] as const;

export const REBATE_KINDS = ["Services Attach", "Referral", "First Order"] as const;
export const PAYOUT_STATUSES = ["PAID", "READY", "BLOCKED", "INELIGIBLE"] as const;

export const COURSE_FOUNDATIONS = "GitLab Foundations for Partners";
export const CERT_SOLUTION_ARCHITECT = "GitLab Certified Solution Architect";
export const CERT_PS_ENGINEER = "GitLab Certified Professional Services Engineer";
