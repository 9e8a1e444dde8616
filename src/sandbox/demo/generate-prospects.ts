// Leads shared to partners (Salesforce Lead + portal Prospect) in every share/partner status and
// every recall situation of LEAD-3 (phases 1–3), plus MDF leads that are never recalled (LEAD-1).
import { type DemoContext, portalSystem, pushPortal, pushSf, sfSystem } from "./demo-context.js";
import type { DemoRegistration } from "./create-registration.js";
import type { DemoPartner } from "./generate-partners.js";
import { customerName, emailOf, personName, title } from "./names.js";
import { DAY_MS, portalDateTime, sfDateTime } from "./wire-format.js";

const SITUATIONS = {
  "sending": 4, "pending-fresh": 8, "pending-phase3": 6, "pending-phase2": 4, "pending-phase1": 4, "accepted-unactioned": 6,
  "accepted-fresh": 10, "qualified": 14, "disqualified": 6, "converted": 8, "converted-unqualified": 1, "rejected": 8,
  "recalled": 6, "mdf-old": 5, "partner-accepted-not-synced": 3,
} as const;
export type ProspectSituation = keyof typeof SITUATIONS;
export const PROSPECT_SITUATIONS = Object.keys(SITUATIONS) as ProspectSituation[];

export function generateProspect(ctx: DemoContext, n: number, partners: readonly DemoPartner[], convertible: readonly DemoRegistration[]): void {
  const { rng } = ctx;
  const situation = PROSPECT_SITUATIONS[n] ?? rng.weighted(SITUATIONS);
  const convertedTo = situation.startsWith("converted") && convertible.length > 0 ? rng.pick(convertible) : null;
  const partner = convertedTo?.partner ?? rng.pick(partners);
  const d = (min: number, max: number) => ctx.now - rng.int(min, max) * DAY_MS - rng.int(0, 86_399) * 1000;
  // [created, shared] ago; the rest follows from the situation.
  const sharedMs = situation === "pending-phase1" ? d(31, 60) : situation === "pending-phase2" ? d(16, 29) : situation === "pending-phase3" ? d(6, 14)
    : situation === "sending" || situation === "pending-fresh" ? d(0, 4) : situation === "mdf-old" ? d(40, 90) : d(12, 60);
  const createdMs = situation === "pending-phase1" ? sharedMs - rng.int(0, 2) * DAY_MS : sharedMs - rng.int(0, 3) * DAY_MS;
  const acceptedMs = ["accepted-unactioned", "qualified", "disqualified", "converted", "converted-unqualified", "partner-accepted-not-synced"].includes(situation)
    ? Math.min(ctx.now - 11 * DAY_MS, sharedMs + rng.int(1, 4) * DAY_MS)
    : situation === "accepted-fresh" ? d(1, 9) : situation === "mdf-old" ? sharedMs : null;
  const qualifiedMs = ["qualified", "converted"].includes(situation) && acceptedMs !== null ? acceptedMs + rng.int(1, 8) * DAY_MS : null;
  const rejectedMs = situation === "rejected" ? sharedMs + rng.int(0, 4) * DAY_MS : null;
  const recalledMs = situation === "recalled" ? sharedMs + 6 * DAY_MS : null;
  const share = situation === "sending" ? "Sending to Partner" : situation === "rejected" ? "Rejected" : situation === "recalled" ? "Recall"
    : acceptedMs !== null && situation !== "partner-accepted-not-synced" ? "Accepted" : "Pending";
  const partnerStatus = situation === "qualified" ? "Qualified" : situation === "disqualified" ? "Disqualified"
    : situation.startsWith("converted") && convertedTo ? "Converted to DR" : "Qualifying";
  const funding = situation === "mdf-old" ? "Partner MDF" : rng.weighted({ "Vendor Paid": 6, "Joint Event": 3, "Partner MDF": 1 } as const);
  const who = personName(rng);
  const company = customerName(rng, 50_000 + n);
  const email = emailOf(who, `${company.split(" ")[0]!.toLowerCase()}.example`);
  const sfId = ctx.ids.nextSf("Lead");
  const onPortal = situation !== "sending";
  const portalId = onPortal ? ctx.ids.nextPortal("Prospect") : null;
  const lastMs = Math.min(ctx.now, Math.max(sharedMs, acceptedMs ?? 0, qualifiedMs ?? 0, rejectedMs ?? 0, recalledMs ?? 0));
  const sfDt = (ms: number | null) => (ms === null ? null : sfDateTime(ms));
  const pDt = (ms: number | null) => (ms === null ? null : portalDateTime(ms));
  // Converted-but-not-qualified (LEAD-2) shows up on the portal only: the CRM still says Qualifying.
  const sfPartnerStatus = situation === "converted-unqualified" ? "Qualifying" : partnerStatus;
  const recallReason = situation === "recalled" ? "RECALLED_PHASE_3" : null;
  pushSf(ctx, "Lead", {
    ...sfSystem(ctx, sfId, createdMs, lastMs, recalledMs !== null ? ctx.users.leadQueue : rng.pick(ctx.users.reps)),
    Name: `${who.first} ${who.last}`, FirstName: who.first, LastName: who.last, Company: company, Title: title(rng), Email: email,
    Country: partner.country.name, Status: partnerStatus === "Converted to DR" ? "Closed - Converted" : rejectedMs !== null ? "Closed - Not Converted" : "Working - Contacted",
    LeadSource: rng.pick(["Web", "Paid Search", "Event", "Webinar", "Content Syndication"]), IsConverted: false, Lead_Funding__c: funding,
    Lead_Owner_Type__c: funding === "Partner MDF" ? "Partner" : "Vendor", Partner_Account__c: partner.sfId,
    Prospect_Share_Status__c: share, Partner_Prospect_Status__c: sfPartnerStatus, Shared_To_Partner_At__c: sfDt(sharedMs),
    Partner_Accepted_At__c: situation === "partner-accepted-not-synced" ? null : sfDt(acceptedMs), Partner_Rejected_At__c: sfDt(rejectedMs),
    Partner_Qualified_At__c: sfDt(qualifiedMs), Recalled_At__c: sfDt(recalledMs), Recall_Reason__c: recallReason,
    Converted_Deal_Registration__c: situation === "converted" ? (convertedTo?.sfId ?? null) : null,
    Program_Reason_Codes__c: recallReason === null ? null : `LEAD-3:${recallReason}`,
    Program_Reasons__c: recallReason === null ? null : "LEAD-3 RECALLED_PHASE_3: not accepted within 5 days of being shared.",
    Portal_Id__c: portalId === null ? null : String(portalId),
  });
  if (portalId === null) return;
  pushPortal(ctx, "Prospect", {
    ...portalSystem(ctx, portalId, sharedMs, lastMs, sfId),
    Account: partner.portalId, Assigned_User: partner.firstPersonPortalId, First_Name: who.first, Last_Name: who.last, Company: company,
    Title: title(rng), Email: email, Country: partner.country.name, Lead_Source_Type: funding,
    Share_Status: situation === "partner-accepted-not-synced" ? "Accepted" : share, Partner_Status: partnerStatus,
    Shared_Date: pDt(sharedMs), Accepted_Date: pDt(acceptedMs), Rejected_Date: pDt(rejectedMs),
    Rejection_Reason: rejectedMs !== null ? rng.pick(["Outside our territory", "No capacity", "Existing customer of another partner"]) : null,
    Qualified_Date: pDt(qualifiedMs), Recalled_Date: pDt(recalledMs),
    Converted_Registration: partnerStatus === "Converted to DR" ? (convertedTo?.portalId ?? null) : null,
    Program_Reasons__cf: recallReason === null ? null : "Recalled: not accepted within 5 days of being shared (phase 3).",
  });
}
