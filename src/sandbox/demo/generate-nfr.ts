// NFR license requests (portal NFR_Request) and the licenses partner operations made of them
// (Salesforce NFR_License__c): within limits, over the seat limit (NFR-3), a second active one of a
// type (NFR-2), add-ons (NFR-4), expired and renewed (NFR-4/5), unprocessed past two business days (NFR-6).
import { type DemoContext, portalSystem, pushPortal, pushSf, sfSystem } from "./demo-context.js";
import type { DemoPartner } from "./generate-partners.js";
import { DAY_MS, isoDay, portalDateTime, sfDateTime } from "./wire-format.js";

const SITUATIONS = { active: 10, expired: 3, "over-seat-limit": 2, "duplicate-type": 2, "add-on": 2, "overdue-unprocessed": 2, "fresh-unprocessed": 2, "ineligible-partner": 1 } as const;
export type NfrSituation = keyof typeof SITUATIONS;
export const NFR_SITUATIONS = Object.keys(SITUATIONS) as NfrSituation[];

export interface NfrPools {
  /** NFR-1 eligible: Open/Select, compliant, with a certified person. */
  eligible: readonly DemoPartner[];
  unfit: readonly DemoPartner[];
}

export function nfrPools(partners: readonly DemoPartner[]): NfrPools {
  const known = partners.filter((p) => p.sfId !== null);
  return {
    eligible: known.filter((p) => (p.track === "Open" || p.track === "Select") && p.certified && p.compliant),
    unfit: known.filter((p) => !p.certified || !p.compliant),
  };
}

export function generateNfrRequest(ctx: DemoContext, n: number, pools: NfrPools): void {
  const { rng } = ctx;
  const situation = NFR_SITUATIONS[n] ?? rng.weighted(SITUATIONS);
  const partner = rng.pick(situation === "ineligible-partner" && pools.unfit.length > 0 ? pools.unfit : pools.eligible);
  const limit = partner.track === "Select" ? 25 : 10;
  const type = rng.chance(0.5) ? "Self-Managed" : "SaaS";
  const requestedMs = situation === "expired" ? ctx.now - rng.int(380, 500) * DAY_MS
    : situation === "overdue-unprocessed" ? ctx.now - rng.int(5, 12) * DAY_MS
    : situation === "fresh-unprocessed" ? ctx.now - rng.int(0, 20) * 3_600_000 : ctx.now - rng.int(20, 330) * DAY_MS;
  const unprocessed = situation === "overdue-unprocessed" || situation === "fresh-unprocessed" || situation === "over-seat-limit";
  const processedMs = unprocessed ? null : requestedMs + rng.int(1, 2) * DAY_MS;
  const seats = situation === "over-seat-limit" ? limit + rng.int(5, 25) : rng.int(3, limit);
  const count = situation === "duplicate-type" ? 2 : 1;
  for (let i = 0; i < count; i++) {
    const reqMs = requestedMs + i * 40 * DAY_MS;
    const procMs = processedMs === null ? null : processedMs + i * 40 * DAY_MS;
    const startMs = procMs;
    const status = situation === "ineligible-partner" ? "Rejected" : procMs === null ? "Requested"
      : startMs !== null && startMs + 365 * DAY_MS < ctx.now ? "Expired" : "Active";
    const portalId = ctx.ids.nextPortal("NFR_Request");
    // Fresh requests have not reached Salesforce yet.
    const sfId = situation === "fresh-unprocessed" || partner.sfId === null ? null : ctx.ids.nextSf("NFR_License__c");
    const addOn = situation === "add-on";
    const expiry = startMs === null || status === "Rejected" ? null : isoDay(startMs + 365 * DAY_MS);
    const justification = seats > limit ? "Large enablement program for our delivery team" : null;
    if (sfId !== null) {
      pushSf(ctx, "NFR_License__c", {
        ...sfSystem(ctx, sfId, reqMs, procMs ?? reqMs, ctx.users.pams[0] ?? null),
        Name: `NFR-${String(portalId - 50_000_000).padStart(6, "0")}`, Partner_Account__c: partner.sfId, Requested_By__c: partner.firstPersonSfId,
        Requester_Email__c: partner.firstPersonEmail, License_Type__c: type, Tier__c: "Ultimate", Seats__c: seats, Add_On__c: addOn,
        Approved_By_Account_Manager__c: false, Business_Justification__c: justification, Requested_At__c: sfDateTime(reqMs),
        Processed_At__c: procMs === null ? null : sfDateTime(procMs), Start_Date__c: startMs === null || status === "Rejected" ? null : isoDay(startMs),
        Expiry_Date__c: expiry, Status__c: status, Processing_Overdue__c: false,
        Program_Reason_Codes__c: status === "Rejected" ? "NFR-1:NOT_ELIGIBLE" : null,
        Program_Reasons__c: status === "Rejected" ? "NFR-1: no certified Solution Architect or Professional Services Engineer, or not in good standing." : null,
        Portal_Id__c: String(portalId),
      });
    }
    pushPortal(ctx, "NFR_Request", {
      ...portalSystem(ctx, portalId, reqMs, procMs ?? reqMs, sfId),
      Account: partner.portalId, Requested_By: partner.firstPersonPortalId, Requester_Email: partner.firstPersonEmail, License_Type: type,
      Seats: seats, Add_On: addOn, Business_Justification: justification, Requested_Date: portalDateTime(reqMs),
      Status: status === "Rejected" ? "Rejected" : procMs === null ? "Submitted" : "Fulfilled", Processed_Date: procMs === null ? null : portalDateTime(procMs),
      Start_Date: startMs === null || status === "Rejected" ? null : isoDay(startMs), Expiration_Date: expiry,
    });
  }
}
