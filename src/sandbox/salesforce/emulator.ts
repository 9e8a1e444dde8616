// The Salesforce emulator: msw handlers (wildcard origin) over an in-memory org, plus an in-process
// API for tests (seed rows, backdated rows, faults, expiring sessions and cursors).
import type { HttpHandler } from "msw";
import type { Emulator, JsonRecord } from "../contracts.js";
import { authHandlers } from "./auth.js";
import { bulkIngestHandlers } from "./bulk-ingest.js";
import { bulkQueryHandlers } from "./bulk-query.js";
import { collectionsHandlers } from "./collections-routes.js";
import type { SalesforceFaults } from "./faults.js";
import { limitsHandlers } from "./limits.js";
import { SfOrg, type SalesforceEmulatorOptions } from "./org.js";
import { queryHandlers } from "./query-routes.js";
import { replicationHandlers } from "./replication-routes.js";
import { sobjectHandlers } from "./sobject-routes.js";

export type { SalesforceEmulatorOptions } from "./org.js";

export interface SalesforceEmulator extends Emulator {
  readonly system: "salesforce";
  readonly faults: { set(faults: SalesforceFaults | unknown): void; get(): Readonly<SalesforceFaults> };
  /** Create a row now (audit fields stamped by the clock). */
  insert(sobject: string, record: JsonRecord): JsonRecord;
  /** A row that becomes visible now but carries a SystemModstamp in the past (a late commit). */
  insertLate(sobject: string, record: JsonRecord, systemModstamp: string): JsonRecord;
  update(sobject: string, id: string, fields: JsonRecord): JsonRecord;
  softDelete(sobject: string, id: string): void;
  get(sobject: string, id: string): JsonRecord | undefined;
  /** Live rows of an sObject in Id order. */
  records(sobject: string): JsonRecord[];
  /** An access token, as a successful token call would issue. */
  issueAccessToken(): string;
  expireSessions(): void;
  expireQueryLocators(): void;
  apiUsage(): { used: number; max: number };
}

export function createSalesforceEmulator(opts: SalesforceEmulatorOptions): SalesforceEmulator {
  const org = new SfOrg(opts);
  // Order matters where paths overlap: `/sobjects/X/describe|updated|deleted` before `/sobjects/X/:id`.
  const handlers: HttpHandler[] = [
    ...authHandlers(org),
    ...queryHandlers(org),
    ...replicationHandlers(org),
    ...sobjectHandlers(org),
    ...collectionsHandlers(org),
    ...bulkIngestHandlers(org),
    ...bulkQueryHandlers(org),
    ...limitsHandlers(org),
  ];
  return {
    system: "salesforce",
    handlers,
    reset: () => org.reset(),
    faults: { set: (f) => org.faults.set(f), get: () => org.faults.get() },
    insert: (sobject, record) => org.store.insert(sobject, record),
    insertLate: (sobject, record, systemModstamp) => org.store.insert(sobject, record, { systemModstamp }),
    update: (sobject, id, fields) => org.store.update(sobject, id, fields),
    softDelete: (sobject, id) => org.store.softDelete(sobject, id),
    get: (sobject, id) => org.store.get(sobject, id),
    records: (sobject) => [...org.store.rows(sobject)].filter((r) => !r.IsDeleted),
    issueAccessToken: () => org.sessions.issue(),
    expireSessions: () => org.sessions.expireAll(),
    expireQueryLocators: () => org.cursors.expireAll(),
    apiUsage: () => ({ used: org.apiUsed, max: org.dailyApiLimit }),
  };
}
