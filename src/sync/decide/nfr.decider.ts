// NFR-1..6 on every NFR license: expiry (12 months, add-ons with the oldest base license) written as
// `expiresAt` and status Expired, overdue processing flagged, and requests that break eligibility,
// one-of-each, seat limits or renewal-while-compliant reported for partner operations.
import type { NfrLicense } from "../../domain/nfr-license.js";
import type { Partner } from "../../domain/partner.js";
import { reason, type Reason } from "../../rules/decision.js";
import { NFR_SEAT_LIMITS, nfrEligibility, nfrExpiry, nfrOneOfEach, nfrProcessing, nfrRenewal, nfrSeatLimit } from "../../rules/nfr.js";
import { NO_REPORT, type DecisionSink } from "./decisions.js";
import { currentDerived, type DecideContext, type World } from "./world.js";

// NFR-4 — expiry written back; a license past it goes to Expired.
function decideExpiry(ctx: DecideContext, sink: DecisionSink, license: NfrLicense, partnerLicenses: readonly NfrLicense[]): void {
  if (license.status !== "Active" && license.status !== "Expired") return;
  const expiry = nfrExpiry(license, partnerLicenses, ctx.now);
  if (expiry.outcome === "not-checkable") {
    sink.reportAll("not-checkable", "NfrLicense", license.id, expiry.reasons);
    return;
  }
  sink.propose("NfrLicense", license.id, license, { expiresAt: expiry.expiresAt }, expiry.reasons, NO_REPORT);
  if (expiry.outcome === "expired" && license.status === "Active") {
    sink.propose("NfrLicense", license.id, license, { status: "Expired" }, expiry.reasons, { related: [{ entity: "Partner", key: license.partnerId }] });
  }
}

// NFR-1, 2, 3, 5 — a pending request the form must not grant as it stands.
function reviewRequest(ctx: DecideContext, sink: DecisionSink, license: NfrLicense, partner: Partner | null, partnerLicenses: readonly NfrLicense[]): void {
  const related = [{ entity: "Partner", key: license.partnerId }];
  if (partner === null) {
    sink.report("not-checkable", "NfrLicense", license.id, reason("NFR-1", "PARTNER_MISSING", `NFR request ${license.id}: partner ${license.partnerId} was not read`));
    return;
  }
  const eligibility = nfrEligibility(partner, ctx.now);
  if (eligibility.outcome === "ineligible") sink.reportAll("violation", "NfrLicense", license.id, eligibility.reasons, related);
  const oneOfEach = nfrOneOfEach(license, partnerLicenses, ctx.now);
  if (oneOfEach.outcome === "refuse") sink.reportAll("violation", "NfrLicense", license.id, oneOfEach.reasons, related);
  const seats = nfrSeatLimit(partner, license);
  if (seats.outcome === "needs-account-manager") sink.reportAll("violation", "NfrLicense", license.id, seats.reasons, related);
  if (seats.outcome === "not-checkable") sink.reportAll("not-checkable", "NfrLicense", license.id, seats.reasons);
  const renewal = nfrRenewal(partner, license);
  if (renewal.outcome === "refuse") sink.reportAll("violation", "NfrLicense", license.id, renewal.reasons, related);
}

// NFR-6 — requests unprocessed after two business days are flagged overdue until processed.
function decideProcessing(world: World, ctx: DecideContext, sink: DecisionSink, license: NfrLicense): void {
  const open = license.status === "Requested" && (license.processedAt === null || license.processedAt > ctx.now);
  const flagged = currentDerived(world, "NfrLicense", license.id, "derived.processingOverdue") === true;
  // Only open requests (or a flag to take down) need the business-day arithmetic.
  if (!open && !flagged) return;
  const verdict = nfrProcessing(license, ctx.now, ctx.rules.holidays);
  const overdue = open && verdict.outcome === "overdue";
  sink.propose("NfrLicense", license.id, license, { "derived.processingOverdue": overdue }, verdict.reasons, NO_REPORT);
  if (overdue) sink.reportAll("violation", "NfrLicense", license.id, verdict.reasons, [{ entity: "Partner", key: license.partnerId }]);
}

export function decideNfr(world: World, ctx: DecideContext, sink: DecisionSink): void {
  for (const [partnerId, licenses] of world.nfrByPartner) {
    const partner = world.partnersById.get(partnerId) ?? null;
    for (const license of licenses) {
      decideExpiry(ctx, sink, license, licenses);
      if (license.status === "Requested") reviewRequest(ctx, sink, license, partner, licenses);
      decideProcessing(world, ctx, sink, license);
    }
  }
  // NFR-3 — the form's seat allowance, shown on every partner so requesters see their limit: a partner
  // with no license yet (its first request) as much as one with licenses, and in the pass that reads a
  // track change, whatever page of licenses comes later.
  for (const partner of world.partners) {
    const limit = NFR_SEAT_LIMITS[partner.track] ?? null;
    const why = (): Reason[] => [reason("NFR-3", "SEAT_LIMIT", `Partner ${partner.id} (${partner.track}) may request ${limit ?? "no"} users per NFR license through the form`)];
    sink.propose("Partner", partner.id, partner, { "derived.nfrSeatLimit": limit }, why, NO_REPORT);
  }
}
