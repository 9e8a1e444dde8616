// A record as a system's API returns it (Salesforce row, portal object, Coupa resource), or as we send it.
export type JsonRecord = Record<string, unknown>;
