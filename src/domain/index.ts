// Canonical entities (types only): what normalize produces and the rules consume.
export type * from "./money.js";
export type * from "./license-tier.js";
export type * from "./external-ids.js";
export type * from "./partner-person.js";
export type * from "./partner.js";
export type * from "./opportunity.js";
export type * from "./deal-registration.js";
export type * from "./supplier-banking.js";
export type * from "./rebate-accrual.js";
export type * from "./prospect.js";
export type * from "./nfr-license.js";
export type * from "./evaluation-license.js";
