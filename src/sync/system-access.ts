// The connectors the pass talks to, behind the few calls it makes: windowed reads, reads by key
// values (counterparts, related records, id translation), and upserts. Salesforce and the portal take
// part in every entity's pass; Coupa is read by the banking pass only (docs/sync-engine.md).
import type { CoupaConnector } from "../connectors/coupa/coupa-connector.js";
import type { Connector, ReadWindow, RecordPage, WriteRecord, WriteResult } from "../connectors/connector.js";
import type { PortalConnector } from "../connectors/portal/portal-connector.js";
import type { SalesforceConnector, SalesforceUpsertOptions } from "../connectors/salesforce/salesforce-connector.js";
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";
import type { RunMirror } from "../store/run-mirror.js";
import type { WriteLog } from "./written-keys.js";

export interface SystemAccess {
  salesforce?: SalesforceConnector;
  portal?: PortalConnector;
  coupa?: CoupaConnector;
  /** A run reading everything answers lookups from its own copy of each object (src/store/run-mirror.ts). */
  mirror?: RunMirror;
  /** The run's writes, told to the reads under way (a page read before a write drops what it wrote: written-keys.ts). */
  writes?: WriteLog;
}

export function connectorOf(access: SystemAccess, system: SystemName): Connector | undefined {
  return system === "salesforce" ? access.salesforce : system === "portal" ? access.portal : undefined;
}

export function readPages(access: SystemAccess, system: SystemName, object: string, fields: readonly string[], window: ReadWindow | null, signal?: AbortSignal): AsyncIterable<RecordPage> {
  const c = connectorOf(access, system);
  if (!c) throw new Error(`no connector for ${system}`);
  const options = { fields, ...(signal ? { signal } : {}) };
  return window === null ? c.readAll(object, options) : c.readChanged(object, window, options);
}

export async function readByKeys(access: SystemAccess, system: SystemName, object: string, keyField: string, keys: readonly string[], fields: readonly string[], signal?: AbortSignal): Promise<JsonRecord[]> {
  if (keys.length === 0) return [];
  const mirrored = await access.mirror?.lookup(system, object, keyField, keys, fields);
  if (mirrored) return mirrored;
  const options = { fields, ...(signal ? { signal } : {}) };
  if (system === "salesforce" && access.salesforce) return access.salesforce.readByKeys(object, keyField, keys, options);
  if (system === "portal" && access.portal) return access.portal.readByKeys(object, keyField, keys, options);
  return [];
}

/** `via` is Salesforce's (collections or one Bulk API job: src/sync/bulk-routing.ts); the portal has one way. */
export async function upsert(access: SystemAccess, system: SystemName, object: string, keyField: string, records: readonly WriteRecord[], via?: SalesforceUpsertOptions["via"]): Promise<WriteResult[]> {
  const c = connectorOf(access, system);
  if (!c) throw new Error(`no connector for ${system}`);
  const results = system === "salesforce" && access.salesforce && via !== undefined
    ? await access.salesforce.upsert(object, keyField, records, { via })
    : await c.upsert(object, keyField, records);
  told(access, system, object, keyField, results);
  return results;
}

/**
 * Updates by the system's own id (`key` = the Salesforce Id): Salesforce records without an external
 * id to upsert by (Lead, Opportunity). Never creates.
 */
export async function updateById(access: SystemAccess, system: SystemName, object: string, records: readonly WriteRecord[]): Promise<WriteResult[]> {
  if (system !== "salesforce" || !access.salesforce) throw new Error(`no update by id for ${system}`);
  const results = await access.salesforce.update(object, records.map((r) => ({ id: r.key, fields: r.fields })));
  told(access, system, object, "Id", results);
  return results;
}

/** What landed is told to whoever holds copies of the object: the run mirror, the reads under way. */
function told(access: SystemAccess, system: SystemName, object: string, keyField: string, results: readonly WriteResult[]): void {
  const written = results.filter((r) => r.ok).map((r) => r.key);
  access.mirror?.wrote(system, object, keyField, written);
  access.writes?.wrote(system, object, keyField, written);
}
