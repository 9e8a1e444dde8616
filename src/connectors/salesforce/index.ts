export { createSalesforceConnector, type SalesforceConnector, type SalesforceConnectorOptions, type DescribeGlobal, type OrgLimits } from "./salesforce-connector.js";
export type { UpdateRecord } from "./collections-update.js";
export type { BulkJobRecord, BulkJobOutcome, BulkJobState, PersistJob, BulkPollPolicy } from "./bulk-ingest.js";
export type { BudgetCaps, BudgetState } from "./api-budget.js";
export { soqlDate, soqlDateTime, soqlIdentifier, soqlInList, soqlLiteral, soqlNumber, soqlString } from "./soql-literal.js";
