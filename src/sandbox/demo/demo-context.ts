// What every demo generator step shares: the PRNG, the evaluation instant, id counters, the data set
// being filled, and the vendor's users that own and modify records.
import type { JsonRecord, SandboxData } from "../contracts.js";
import { IdSequences, sfId, type PortalObjectName } from "./ids.js";
import { portalShape, sfShape } from "./record-shape.js";
import type { Prng } from "./prng.js";
import { portalDateTime, sfDateTime } from "./wire-format.js";

export interface VendorUsers {
  /** The integration user partner-sync and the portal connector run as. */
  integration: string;
  /** Sales reps who own opportunities and approve registrations. */
  reps: readonly string[];
  /** Partner account managers. */
  pams: readonly string[];
  /** The lead queue recalled leads go back to (LEAD-4). */
  leadQueue: string;
}

export interface DemoContext {
  rng: Prng;
  /** Evaluation instant, epoch ms: nothing generated happens after it. */
  now: number;
  ids: IdSequences;
  data: SandboxData;
  users: VendorUsers;
}

export function vendorUsers(): VendorUsers {
  return {
    integration: sfId("User", 1),
    reps: [2, 3, 4, 5, 6, 7].map((n) => sfId("User", n)),
    pams: [8, 9, 10, 11].map((n) => sfId("User", n)),
    leadQueue: sfId("User", 12),
  };
}

/** Salesforce system fields; the record was last touched at `modifiedMs` by `modifiedBy`. */
export function sfSystem(ctx: DemoContext, id: string, createdMs: number, modifiedMs: number, ownerId: string | null, modifiedBy?: string): JsonRecord {
  const created = sfDateTime(createdMs);
  const modified = sfDateTime(Math.max(createdMs, Math.min(modifiedMs, ctx.now)));
  const system: JsonRecord = {
    Id: id,
    IsDeleted: false,
    CreatedDate: created,
    CreatedById: ctx.users.integration,
    LastModifiedDate: modified,
    LastModifiedById: modifiedBy ?? ctx.users.integration,
    SystemModstamp: modified,
  };
  if (ownerId !== null) system["OwnerId"] = ownerId;
  return system;
}

export function portalSystem(ctx: DemoContext, id: number, createdMs: number, updatedMs: number, crmId: string | null): JsonRecord {
  const updated = Math.max(createdMs, Math.min(updatedMs, ctx.now));
  // A record changes a few times in its life; the version only has to grow with it.
  const version = 1 + Math.min(9, Math.floor((updated - createdMs) / (7 * 86_400_000)));
  return { Id: id, Created: portalDateTime(createdMs), Updated: portalDateTime(updated), RecordVersion: version, CrmId: crmId };
}

export function pushSf(ctx: DemoContext, object: string, partial: JsonRecord): void {
  (ctx.data.salesforce.records[object] ??= []).push(sfShape(object, partial));
}

export function pushPortal(ctx: DemoContext, object: PortalObjectName, partial: JsonRecord): void {
  (ctx.data.portal.records[object] ??= []).push(portalShape(object, partial));
}

export function pushCoupa(ctx: DemoContext, resource: string, record: JsonRecord): void {
  (ctx.data.coupa.records[resource] ??= []).push(record);
}

/** How a record present on both sides stands: the reconcile's workload. */
export type SyncState = "synced" | "drifted" | "one-side";

export function syncState(ctx: DemoContext, pDrift = 0.04, pOneSide = 0.03): SyncState {
  const r = ctx.rng.next();
  return r < pOneSide ? "one-side" : r < pOneSide + pDrift ? "drifted" : "synced";
}
