// One deal registration on both sides (portal Deal_Registration + Salesforce Deal_Registration__c),
// with its services-attach proof of execution and evaluation licenses when it has them.
import type { DR_DEAL_TYPES, DR_SCOPES, DR_STATUSES, POE_STATUSES } from "../default-org/picklists.js";
import { type DemoContext, portalSystem, pushPortal, pushSf, sfSystem, syncState } from "./demo-context.js";
import type { DemoOpportunity, Tier } from "./generate-opportunities.js";
import type { DemoPartner } from "./generate-partners.js";
import { emailOf, personName } from "./names.js";
import { DAY_MS, portalDateTime, sfDateTime } from "./wire-format.js";

export interface DemoRegistration { sfId: string | null; portalId: number; partner: DemoPartner; opp: DemoOpportunity | null }

export interface RegistrationSpec {
  partner: DemoPartner;
  opp: DemoOpportunity | null;
  program?: "Deal Registration" | "Service Attached Registration";
  dealType?: (typeof DR_DEAL_TYPES)[number] | null;
  status: (typeof DR_STATUSES)[number];
  submittedMs: number;
  originalApprovedMs?: number | null;
  approvedMs?: number | null;
  extendedUntilMs?: number | null;
  rejectedMs?: number | null;
  dissolvedMs?: number | null;
  nextInLine?: boolean;
  scope?: (typeof DR_SCOPES)[number];
  additionalOpportunityIds?: string | null;
  resubmissionOf?: DemoRegistration | null;
  linkedRegistration?: DemoRegistration | null;
  linkedOpportunity?: DemoOpportunity | null;
  poe?: { status: (typeof POE_STATUSES)[number]; submittedMs: number | null; approvedMs: number | null } | null;
  customerChoseOther?: boolean;
  /** DR-8: leave the customer contact email out. */
  incomplete?: boolean;
  tier?: Tier | null;
  reason?: { codes: string; message: string } | null;
  /** Whether this registration may be only on the portal (not yet synced) or drift. */
  mayDrift?: boolean;
}

export function createRegistration(ctx: DemoContext, spec: RegistrationSpec): DemoRegistration {
  const { rng } = ctx;
  const { partner, opp } = spec;
  const state = spec.mayDrift === false || partner.sfId === null ? "synced" : syncState(ctx, 0.04, 0.02);
  // Not yet synced: only a fresh submission can be missing from Salesforce.
  const onlyPortal = partner.sfId === null || (state === "one-side" && spec.status === "Submitted");
  const portalId = ctx.ids.nextPortal("Deal_Registration");
  const sfId = onlyPortal ? null : ctx.ids.nextSf("Deal_Registration__c");
  const program = spec.program ?? "Deal Registration";
  const dealType = spec.dealType === undefined ? (program === "Deal Registration" ? "Resale" : "Services Attach") : spec.dealType;
  const contact = personName(rng);
  const customer = opp?.customer.name ?? `Prospect ${portalId}`;
  const email = spec.incomplete ? null : emailOf(contact, opp?.customer.domain ?? "example.com");
  const tier = spec.tier === undefined ? (opp?.tier ?? "Premium") : spec.tier;
  const originalApproved = spec.originalApprovedMs ?? null;
  const approved = spec.approvedMs ?? originalApproved;
  const expires = spec.status === "Approved" && originalApproved !== null ? (spec.extendedUntilMs ?? originalApproved + 90 * DAY_MS) : null;
  const events = [spec.submittedMs, approved ?? 0, spec.rejectedMs ?? 0, spec.dissolvedMs ?? 0, spec.poe?.approvedMs ?? 0, spec.poe?.submittedMs ?? 0];
  const lastMs = Math.min(ctx.now, Math.max(...events) + rng.int(0, 2) * 3_600_000);
  const sfDt = (ms: number | null | undefined) => (ms == null ? null : sfDateTime(ms));
  const pDt = (ms: number | null | undefined) => (ms == null ? null : portalDateTime(ms));
  const arr = opp ? Math.round(opp.netArrCents * (0.8 + rng.next() * 0.4)) / 100 : rng.int(5_000, 400_000);
  const currency = opp?.currency ?? partner.currency;
  const scope = spec.scope ?? "Single Opportunity";
  const poeSfId = spec.poe?.submittedMs != null ? ctx.ids.nextPortal("Services_POE") : null;

  if (sfId !== null) {
    pushSf(ctx, "Deal_Registration__c", {
      ...sfSystem(ctx, sfId, spec.submittedMs, lastMs, rng.pick(ctx.users.reps)),
      Name: `DR-${String(portalId - 30_000_000).padStart(6, "0")}`, Partner_Account__c: partner.sfId, Program__c: program, Deal_Type__c: dealType,
      Registration_Scope__c: scope, Status__c: spec.status, Submitted_At__c: sfDateTime(spec.submittedMs),
      Original_Approved_At__c: sfDt(originalApproved), Approved_At__c: sfDt(approved), Rejected_At__c: sfDt(spec.rejectedMs),
      Extended_Until__c: sfDt(spec.extendedUntilMs), Dissolved_At__c: sfDt(spec.dissolvedMs), Customer_Name__c: customer,
      Customer_Contact_Name__c: `${contact.first} ${contact.last}`, Customer_Contact_Email__c: email, Product_Tier__c: tier,
      Estimated_Net_ARR__c: arr, CurrencyIsoCode: currency, Opportunity__c: opp?.sfId ?? null,
      Additional_Opportunity_Ids__c: spec.additionalOpportunityIds ?? null, Linked_Registration__c: spec.linkedRegistration?.sfId ?? null,
      Linked_Opportunity__c: spec.linkedOpportunity?.sfId ?? null, Resubmission_Of__c: spec.resubmissionOf?.sfId ?? null,
      Customer_Chose_Other_Reseller__c: spec.customerChoseOther ?? false,
      POE_Status__c: spec.poe?.status ?? (program === "Service Attached Registration" ? "Not Submitted" : null),
      POE_Submitted_At__c: sfDt(spec.poe?.submittedMs), POE_Approved_At__c: sfDt(spec.poe?.approvedMs),
      POE_Portal_Id__c: poeSfId === null ? null : String(poeSfId), Expires_At__c: sfDt(expires), Next_In_Line__c: spec.nextInLine ?? false,
      Conflict__c: false, Program_Reason_Codes__c: spec.reason?.codes ?? null, Program_Reasons__c: spec.reason?.message ?? null,
      Program_Evaluated_At__c: spec.reason ? sfDateTime(lastMs) : null, Portal_Id__c: String(portalId),
    });
  }
  // Drift: the vendor's decision has not reached the portal yet (portal still says Submitted).
  const drifted = state === "drifted" && sfId !== null && spec.status !== "Submitted";
  const portalStatus = drifted ? "Submitted" : spec.status;
  pushPortal(ctx, "Deal_Registration", {
    ...portalSystem(ctx, portalId, spec.submittedMs, drifted ? spec.submittedMs : lastMs, sfId),
    Account: partner.portalId, Submitted_By: partner.firstPersonPortalId, Program: program, Deal_Type: dealType, Registration_Scope: scope,
    Status: portalStatus, Submitted_Date: portalDateTime(spec.submittedMs),
    Original_Approved_Date: drifted ? null : pDt(originalApproved), Approved_Date: drifted ? null : pDt(approved),
    Rejected_Date: drifted ? null : pDt(spec.rejectedMs), Extended_Until: drifted ? null : pDt(spec.extendedUntilMs),
    Expiration_Date: drifted ? null : pDt(expires), Customer_Name: customer, Customer_Contact_Name: `${contact.first} ${contact.last}`,
    Customer_Contact_Email: email, Product_Tier: tier, Estimated_Net_ARR: arr, Currency: currency, Opportunity_CrmId: opp?.sfId ?? null,
    Additional_Opportunity_CrmIds: spec.additionalOpportunityIds ?? null, Linked_Registration: spec.linkedRegistration?.portalId ?? null,
    Linked_Opportunity_CrmId: spec.linkedOpportunity?.sfId ?? null, Resubmission_Of: spec.resubmissionOf?.portalId ?? null,
    Next_In_Line__cf: drifted ? false : (spec.nextInLine ?? false), Conflict__cf: false, Program_Reasons__cf: drifted ? null : (spec.reason?.message ?? null),
  });
  if (poeSfId !== null && spec.poe) {
    pushPortal(ctx, "Services_POE", {
      ...portalSystem(ctx, poeSfId, spec.poe.submittedMs!, spec.poe.approvedMs ?? spec.poe.submittedMs!, sfId),
      Account: partner.portalId, Deal_Registration: portalId, Submitted_Date: portalDateTime(spec.poe.submittedMs!),
      Document_Name: `SOW-${portalId}-signed.pdf`, Document_Url: `https://files.partners.example.com/poe/${poeSfId}`,
      Services_Description: rng.pick(["CI/CD migration from Jenkins", "GitLab Ultimate rollout and SSO", "Security scanning onboarding", "Self-managed HA deployment"]),
      Customer_Confirmed: spec.poe.status !== "Submitted" || rng.chance(0.5), Status: spec.poe.status, Approved_Date: pDt(spec.poe.approvedMs),
    });
  }
  return { sfId, portalId, partner, opp };
}

/** 1–3 evaluation licenses for a registration; the third is a managed evaluation (EVAL-2). */
export function createEvaluations(ctx: DemoContext, reg: DemoRegistration, count: number, fromMs: number): void {
  if (reg.sfId === null || reg.partner.sfId === null) return;
  let previous: string | null = null;
  for (let seq = 1; seq <= count; seq++) {
    const requestedMs = Math.min(ctx.now - DAY_MS, fromMs + (seq - 1) * 30 * DAY_MS + DAY_MS);
    const sfId = ctx.ids.nextSf("Evaluation_License__c");
    const issued = requestedMs + DAY_MS <= ctx.now;
    const expiresMs = requestedMs + 31 * DAY_MS;
    const managed = seq >= 3;
    pushSf(ctx, "Evaluation_License__c", {
      ...sfSystem(ctx, sfId, requestedMs, requestedMs + DAY_MS, ctx.rng.pick(ctx.users.reps)),
      Name: `EVAL-${sfId.slice(-9, -3)}`, Partner_Account__c: reg.partner.sfId, Deal_Registration__c: reg.sfId, Sequence__c: seq,
      Renewal_Of__c: previous, Status__c: !issued ? "Requested" : expiresMs < ctx.now ? "Expired" : "Issued",
      Requested_At__c: sfDateTime(requestedMs), Issued_At__c: issued ? sfDateTime(requestedMs + DAY_MS) : null,
      Expires_At__c: issued ? sfDateTime(expiresMs) : null, Managed_Evaluation__c: managed,
      Solutions_Architect__c: managed ? ctx.rng.pick(ctx.users.reps) : null, Evaluation_Key__c: `${reg.portalId}-${seq}`,
    });
    previous = sfId;
  }
}
