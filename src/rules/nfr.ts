// Not-for-resale licenses (program-rules.md NFR-1..6; handbook "NFR Program and Policy", "NFR Program
// Eligibility", "NFR Program Terms and Conditions", "NFR Renewals"). Pure: the evaluation instant and the
// holidays arrive as arguments.
import type { NfrLicense } from "../domain/nfr-license.js";
import type { Partner } from "../domain/partner.js";
import { decision, reason, type Decision, type Reason } from "./decision.js";
import { addBusinessDays, addCalendarMonths } from "./fiscal-calendar.js";

/** NFR-1: the certifications that qualify a partner, by their portal names. */
export const NFR_CERTIFICATIONS: ReadonlySet<string> = new Set(["Solution Architect", "Professional Services Engineer"]);
/** NFR-3: users per license the form may grant, by track (handbook numbers, not incentive-guide rates). */
export const NFR_SEAT_LIMITS: Readonly<Record<string, number>> = { Select: 25, Open: 10 };
export const NFR_TERM_MONTHS = 12;
export const NFR_PROCESSING_BUSINESS_DAYS = 2;

const iso = (d: Date): string => d.toISOString();
type LicenseFacts = Pick<NfrLicense, "id" | "deployment" | "status" | "startsAt" | "expiresAt" | "isAddOn">;

// NFR-1 — handbook "NFR Program Eligibility": Open or Select, in good standing, one SA or PSE certified person.
export function nfrEligibility(partner: Pick<Partner, "id" | "track" | "compliant" | "people">, now: Date): Decision<"eligible" | "ineligible"> {
  const failures: Reason[] = [];
  if (partner.track !== "Open" && partner.track !== "Select") failures.push(reason("NFR-1", "TRACK_NOT_ELIGIBLE", `Partner ${partner.id} is on track ${partner.track}, not Open or Select`));
  if (!partner.compliant) failures.push(reason("NFR-1", "NOT_IN_GOOD_STANDING", `Partner ${partner.id} is not in good standing with the program`));
  // Held = earned by now and not expired; an expiry instant still counts as held (deadline convention).
  const certified = partner.people.some((p) => p.active && p.certifications.some((c) =>
    NFR_CERTIFICATIONS.has(c.name) && c.earnedAt !== null && c.earnedAt <= now && (c.expiresAt === null || now <= c.expiresAt)));
  if (!certified) failures.push(reason("NFR-1", "NO_CERTIFIED_PERSON", `No active person of partner ${partner.id} holds the Solution Architect or Professional Services Engineer certification at ${iso(now)}`));
  if (failures.length > 0) return decision("ineligible", ...failures);
  return decision("eligible", reason("NFR-1", "NFR_ELIGIBLE", `Partner ${partner.id} (${partner.track}) is eligible for NFR licenses`));
}

function activeAt(l: LicenseFacts, now: Date): boolean {
  return l.status === "Active" && l.startsAt !== null && l.startsAt <= now && (l.expiresAt === null || now <= l.expiresAt);
}

// NFR-2 — handbook "NFR Program and Policy": at most one active Self-Managed and one active SaaS license.
export function nfrOneOfEach(
  request: Pick<NfrLicense, "id" | "deployment" | "isAddOn" | "renewalOf">,
  partnerLicenses: readonly LicenseFacts[],
  now: Date,
): Decision<"allow" | "refuse" | "not-applicable"> {
  const r = (code: string, why: string) => reason("NFR-2", code, `NFR request ${request.id} (${request.deployment}): ${why}`);
  if (request.isAddOn) return decision("not-applicable", r("ADD_ON_VIA_ACCOUNT_MANAGER", "an add-on, granted through the partner account manager outside the one-of-each limit"));
  // A renewal replaces the license it renews, so that one does not count against it.
  const clash = partnerLicenses.find((l) => l.id !== request.id && l.id !== request.renewalOf && !l.isAddOn && l.deployment === request.deployment && activeAt(l, now));
  if (clash) return decision("refuse", r("ACTIVE_LICENSE_EXISTS", `license ${clash.id} of the same type is active${clash.expiresAt ? ` until ${iso(clash.expiresAt)}` : ""}`));
  return decision("allow", r("NO_ACTIVE_LICENSE_OF_TYPE", `no other active ${request.deployment} license at ${iso(now)}`));
}

// NFR-3 — handbook "NFR Program and Policy": Select up to 25 users per license, Open up to 10 per license type.
export function nfrSeatLimit(
  partner: Pick<Partner, "id" | "track">,
  request: Pick<NfrLicense, "id" | "seats" | "approvedByAccountManager">,
): Decision<"allow" | "needs-account-manager" | "not-applicable" | "not-checkable"> {
  const limit = NFR_SEAT_LIMITS[partner.track];
  const r = (code: string, why: string) => reason("NFR-3", code, `NFR request ${request.id}: ${why}`);
  if (limit === undefined) return decision("not-applicable", r("TRACK_NOT_ELIGIBLE", `partner ${partner.id} is on track ${partner.track}, which has no NFR seat allowance`));
  if (!Number.isInteger(request.seats) || request.seats <= 0) return decision("not-checkable", r("SEATS_INVALID", `seat count ${request.seats} is not a positive whole number`));
  if (request.seats <= limit) return decision("allow", r("WITHIN_SEAT_LIMIT", `${request.seats} users, within the ${partner.track} limit of ${limit}`));
  if (request.approvedByAccountManager) return decision("allow", r("ACCOUNT_MANAGER_APPROVED", `${request.seats} users over the ${partner.track} limit of ${limit}, justified through the partner account manager`));
  return decision("needs-account-manager", r("NEEDS_ACCOUNT_MANAGER", `${request.seats} users exceed the ${partner.track} limit of ${limit}; more needs business justification through the partner account manager, not the form`));
}

export type NfrExpiry = Decision<"active" | "expired" | "not-checkable"> & { expiresAt: Date | null };

// NFR-4 — handbook "NFR Renewals": expiry 12 calendar months after the start; an add-on expires with the
// partner's oldest active NFR license.
export function nfrExpiry(license: Pick<NfrLicense, "id" | "startsAt" | "isAddOn">, partnerLicenses: readonly LicenseFacts[], now: Date): NfrExpiry {
  const r = (code: string, why: string) => reason("NFR-4", code, `NFR license ${license.id}: ${why}`);
  const start = license.startsAt;
  if (start === null) return { ...decision("not-checkable", r("NOT_STARTED", "no start instant recorded")), expiresAt: null };
  let expiresAt: Date;
  let basis: string;
  if (!license.isAddOn) {
    expiresAt = addCalendarMonths(start, NFR_TERM_MONTHS);
    basis = `started ${iso(start)}, ${NFR_TERM_MONTHS}-month term ends ${iso(expiresAt)}`;
  } else {
    // "Oldest active" is judged when the add-on starts: later expiries of other licenses must not extend it.
    let oldest: { id: string; startsAt: Date } | null = null;
    for (const l of partnerLicenses) {
      if (l.id === license.id || l.isAddOn || l.startsAt === null || (l.status !== "Active" && l.status !== "Expired")) continue;
      if (l.startsAt > start || addCalendarMonths(l.startsAt, NFR_TERM_MONTHS) < start) continue;
      if (oldest === null || l.startsAt < oldest.startsAt) oldest = { id: l.id, startsAt: l.startsAt };
    }
    if (oldest === null) {
      return { ...decision("not-checkable", r("NO_ACTIVE_BASE_LICENSE", `an add-on started ${iso(start)} while the partner had no active base NFR license to expire with`)), expiresAt: null };
    }
    expiresAt = addCalendarMonths(oldest.startsAt, NFR_TERM_MONTHS);
    basis = `add-on started ${iso(start)}, expires with the oldest active license ${oldest.id} at ${iso(expiresAt)}`;
  }
  if (now > expiresAt) return { ...decision("expired", r("NFR_EXPIRED", `${basis}; expired as of ${iso(now)}`)), expiresAt };
  return { ...decision("active", r("NFR_ACTIVE", basis)), expiresAt };
}

// NFR-5 — handbook "NFR Renewals": renewal only while compliant with the program.
export function nfrRenewal(partner: Pick<Partner, "id" | "compliant">, request: Pick<NfrLicense, "id" | "renewalOf">): Decision<"allow" | "refuse" | "not-applicable"> {
  const r = (code: string, why: string) => reason("NFR-5", code, `NFR request ${request.id}: ${why}`);
  if (request.renewalOf === null) return decision("not-applicable", r("NOT_A_RENEWAL", "a new license, not a renewal"));
  if (!partner.compliant) return decision("refuse", r("NOT_COMPLIANT", `renews ${request.renewalOf} but partner ${partner.id} is not compliant with the program`));
  return decision("allow", r("COMPLIANT_RENEWAL", `renews ${request.renewalOf}; partner ${partner.id} is compliant`));
}

// NFR-6 — handbook "NFR Program and Policy": requests are processed within two business days (Mon–Fri, not a holiday).
export function nfrProcessing(
  request: Pick<NfrLicense, "id" | "requestedAt" | "processedAt">,
  now: Date,
  holidays: readonly string[],
): Decision<"processed" | "processed-late" | "pending" | "overdue"> & { dueBy: Date } {
  const dueBy = addBusinessDays(request.requestedAt, NFR_PROCESSING_BUSINESS_DAYS, holidays);
  const facts = `requested ${iso(request.requestedAt)}, due by ${iso(dueBy)}`;
  const out = (o: "processed" | "processed-late" | "pending" | "overdue", code: string, why: string) => ({ ...decision(o, reason("NFR-6", code, `NFR request ${request.id} ${facts}: ${why}`)), dueBy });
  const processedAt = request.processedAt !== null && request.processedAt <= now ? request.processedAt : null;
  if (processedAt !== null) {
    return processedAt <= dueBy ? out("processed", "PROCESSED_ON_TIME", `processed ${iso(processedAt)}`) : out("processed-late", "PROCESSED_LATE", `processed late, at ${iso(processedAt)}`);
  }
  if (now > dueBy) return out("overdue", "NFR_REQUEST_OVERDUE", `still unprocessed at ${iso(now)}`);
  return out("pending", "WITHIN_PROCESSING_TIME", "not yet processed, within the processing time");
}
