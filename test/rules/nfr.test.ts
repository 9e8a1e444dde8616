import { describe, expect, it } from "vitest";
import type { NfrLicense } from "../../src/domain/nfr-license.js";
import { nfrEligibility, nfrExpiry, nfrOneOfEach, nfrProcessing, nfrRenewal, nfrSeatLimit } from "../../src/rules/nfr.js";
import { at, partner, person } from "./fixtures/entities.js";

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
const now = at("2026-06-01T10:00:00.000Z");

function license(o: Partial<NfrLicense> = {}): NfrLicense {
  return {
    id: "N1", partnerId: "P1", deployment: "SelfManaged", tier: "Ultimate", seats: 10, status: "Active",
    requestedAt: at("2026-01-01T00:00:00Z"), processedAt: at("2026-01-02T00:00:00Z"),
    startsAt: at("2026-01-02T00:00:00Z"), expiresAt: at("2027-01-02T00:00:00Z"),
    isAddOn: false, renewalOf: null, approvedByAccountManager: false, ...o,
  };
}

describe("NFR-1 eligible partner: Open/Select, good standing, SA or PSE certified person", () => {
  const cert = (name: string, earnedAt: string | null = "2025-01-01T00:00:00Z", expiresAt: string | null = null) => ({
    name, earnedAt: earnedAt === null ? null : at(earnedAt), expiresAt: expiresAt === null ? null : at(expiresAt),
  });
  const certified = (c = cert("Solution Architect"), active = true) => [person({ certifications: [c], active })];
  it.each([
    ["Select with a Solution Architect", partner({ people: certified() }), "eligible", ["NFR_ELIGIBLE"]],
    ["Open with a Professional Services Engineer", partner({ track: "Open", people: certified(cert("Professional Services Engineer")) }), "eligible", ["NFR_ELIGIBLE"]],
    ["certification expiring exactly now", partner({ people: certified(cert("Solution Architect", undefined, "2026-06-01T10:00:00.000Z")) }), "eligible", ["NFR_ELIGIBLE"]],
    ["certification expired 1 ms before now", partner({ people: certified(cert("Solution Architect", undefined, "2026-06-01T09:59:59.999Z")) }), "ineligible", ["NO_CERTIFIED_PERSON"]],
    ["certification earned 1 ms after now", partner({ people: certified(cert("Solution Architect", "2026-06-01T10:00:00.001Z")) }), "ineligible", ["NO_CERTIFIED_PERSON"]],
    ["certification without an earned date", partner({ people: certified(cert("Solution Architect", null)) }), "ineligible", ["NO_CERTIFIED_PERSON"]],
    ["certified person inactive", partner({ people: certified(undefined, false) }), "ineligible", ["NO_CERTIFIED_PERSON"]],
    ["another certification only", partner({ people: certified(cert("Sales Core")) }), "ineligible", ["NO_CERTIFIED_PERSON"]],
    ["Alliance track", partner({ track: "Alliance", people: certified() }), "ineligible", ["TRACK_NOT_ELIGIBLE"]],
    ["not in good standing", partner({ compliant: false, people: certified() }), "ineligible", ["NOT_IN_GOOD_STANDING"]],
    ["everything wrong at once", partner({ track: "Unassigned", compliant: false, people: [] }), "ineligible", ["TRACK_NOT_ELIGIBLE", "NOT_IN_GOOD_STANDING", "NO_CERTIFIED_PERSON"]],
  ] as const)("%s → %s", (_name, p, outcome, expected) => {
    const d = nfrEligibility(p, now);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, ...expected]);
  });
});

describe("NFR-2 one active Self-Managed and one active SaaS license per partner", () => {
  const request = license({ id: "REQ", status: "Requested", startsAt: null, expiresAt: null });
  it.each([
    ["no licenses yet", request, [], "allow", "NO_ACTIVE_LICENSE_OF_TYPE"],
    ["an active SaaS license only", request, [license({ deployment: "SaaS" })], "allow", "NO_ACTIVE_LICENSE_OF_TYPE"],
    ["an active Self-Managed license", request, [license()], "refuse", "ACTIVE_LICENSE_EXISTS"],
    ["a Self-Managed license expiring exactly now", request, [license({ expiresAt: now })], "refuse", "ACTIVE_LICENSE_EXISTS"],
    ["a Self-Managed license that expired 1 ms ago", request, [license({ expiresAt: plus(now, -1) })], "allow", "NO_ACTIVE_LICENSE_OF_TYPE"],
    ["an expired-status Self-Managed license", request, [license({ status: "Expired" })], "allow", "NO_ACTIVE_LICENSE_OF_TYPE"],
    ["an active add-on of the same type", request, [license({ isAddOn: true })], "allow", "NO_ACTIVE_LICENSE_OF_TYPE"],
    ["a renewal of the active license", { ...request, renewalOf: "N1" }, [license()], "allow", "NO_ACTIVE_LICENSE_OF_TYPE"],
    ["an add-on request", { ...request, isAddOn: true }, [license()], "not-applicable", "ADD_ON_VIA_ACCOUNT_MANAGER"],
  ] as const)("%s → %s", (_name, req, existing, outcome, code) => {
    const d = nfrOneOfEach(req, existing, now);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("NFR-3 seat limits: Select 25, Open 10 per license type", () => {
  it.each([
    ["Select", 25, false, "allow", "WITHIN_SEAT_LIMIT"],
    ["Select", 26, false, "needs-account-manager", "NEEDS_ACCOUNT_MANAGER"],
    ["Open", 10, false, "allow", "WITHIN_SEAT_LIMIT"],
    ["Open", 11, false, "needs-account-manager", "NEEDS_ACCOUNT_MANAGER"],
    ["Open", 40, true, "allow", "ACCOUNT_MANAGER_APPROVED"],
    ["Open", 0, false, "not-checkable", "SEATS_INVALID"],
    ["Open", 2.5, false, "not-checkable", "SEATS_INVALID"],
    ["Distributor", 5, false, "not-applicable", "TRACK_NOT_ELIGIBLE"],
  ] as const)("%s, %s seats, account manager %s → %s", (track, seats, approvedByAccountManager, outcome, code) => {
    const d = nfrSeatLimit(partner({ track }), license({ seats, approvedByAccountManager }));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("NFR-4 expiry 12 calendar months after the start; add-ons with the oldest active license", () => {
  it.each([
    ["mid-month start", "2026-03-15T08:00:00.000Z", "2027-03-15T08:00:00.000Z"],
    ["leap day start clamps to Feb 28", "2024-02-29T12:00:00.000Z", "2025-02-28T12:00:00.000Z"],
  ])("%s", (_name, start, end) => {
    const d = nfrExpiry(license({ startsAt: at(start) }), [], at(start));
    expect(d.expiresAt).toEqual(at(end));
  });

  it.each([
    ["exactly at expiry", 0, "active", "NFR_ACTIVE"],
    ["1 ms after expiry", 1, "expired", "NFR_EXPIRED"],
  ] as const)("%s → %s", (_name, ms, outcome, code) => {
    const start = at("2025-06-01T10:00:00.000Z");
    const d = nfrExpiry(license({ startsAt: start }), [], plus(at("2026-06-01T10:00:00.000Z"), ms));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });

  const baseA = license({ id: "A", deployment: "SaaS", startsAt: at("2026-01-15T00:00:00Z") });
  const baseB = license({ id: "B", startsAt: at("2026-03-01T00:00:00Z") });
  const addOn = license({ id: "X", isAddOn: true, startsAt: at("2026-04-01T00:00:00Z") });
  it.each([
    ["expires with the oldest active base license", [baseA, baseB, addOn], "2027-01-15T00:00:00.000Z"],
    ["ignores a base license that expired before the add-on started", [license({ id: "old", startsAt: at("2025-01-01T00:00:00Z"), status: "Expired" }), baseB], "2027-03-01T00:00:00.000Z"],
    ["ignores base licenses started after the add-on", [license({ id: "late", startsAt: at("2026-05-01T00:00:00Z") }), baseB], "2027-03-01T00:00:00.000Z"],
    ["ignores other add-ons", [license({ id: "Y", isAddOn: true, startsAt: at("2025-12-01T00:00:00Z") }), baseB], "2027-03-01T00:00:00.000Z"],
    ["counts a base license that has since expired", [license({ id: "C", startsAt: at("2025-05-01T00:00:00Z"), status: "Expired" }), baseB], "2026-05-01T00:00:00.000Z"],
  ])("add-on %s", (_name, others, end) => {
    const d = nfrExpiry(addOn, others, at("2026-04-02T00:00:00Z"));
    expect(d.expiresAt).toEqual(at(end));
    expect(d.reasons[0]?.message).toContain("expires with the oldest active license");
  });

  it.each([
    ["an add-on without an active base license", addOn, [license({ id: "R", status: "Rejected", startsAt: at("2026-01-01T00:00:00Z") })], "NO_ACTIVE_BASE_LICENSE"],
    ["a license without a start", license({ startsAt: null }), [], "NOT_STARTED"],
  ])("%s is not checkable", (_name, l, others, code) => {
    const d = nfrExpiry(l, others, now);
    expect([d.outcome, d.expiresAt, ...codes(d)]).toEqual(["not-checkable", null, code]);
  });
});

describe("NFR-5 renewal only while compliant", () => {
  it.each([
    [true, "N0", "allow", "COMPLIANT_RENEWAL"],
    [false, "N0", "refuse", "NOT_COMPLIANT"],
    [false, null, "not-applicable", "NOT_A_RENEWAL"],
  ] as const)("compliant %s, renewal of %s → %s", (compliant, renewalOf, outcome, code) => {
    const d = nfrRenewal(partner({ compliant }), license({ renewalOf }));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("NFR-6 processing within two business days (Mon–Fri, holidays)", () => {
  const monday = at("2026-06-01T10:00:00.000Z");
  const req = (requestedAt: Date, processedAt: Date | null = null) => license({ requestedAt, processedAt });
  it.each([
    ["Monday request, unprocessed Wednesday at the same time", req(monday), at("2026-06-03T10:00:00.000Z"), [], "pending", "WITHIN_PROCESSING_TIME", "2026-06-03T10:00:00.000Z"],
    ["Monday request, unprocessed 1 ms later", req(monday), at("2026-06-03T10:00:00.001Z"), [], "overdue", "NFR_REQUEST_OVERDUE", "2026-06-03T10:00:00.000Z"],
    ["Friday request skips the weekend", req(at("2026-06-05T10:00:00.000Z")), at("2026-06-08T12:00:00.000Z"), [], "pending", "WITHIN_PROCESSING_TIME", "2026-06-09T10:00:00.000Z"],
    ["Friday request skips a Monday holiday", req(at("2026-06-05T10:00:00.000Z")), at("2026-06-09T10:00:00.001Z"), ["2026-06-08"], "pending", "WITHIN_PROCESSING_TIME", "2026-06-10T10:00:00.000Z"],
    ["Saturday request", req(at("2026-06-06T10:00:00.000Z")), at("2026-06-09T10:00:00.001Z"), [], "overdue", "NFR_REQUEST_OVERDUE", "2026-06-09T10:00:00.000Z"],
    ["processed at the deadline", req(monday, at("2026-06-03T10:00:00.000Z")), at("2026-06-10T00:00:00Z"), [], "processed", "PROCESSED_ON_TIME", "2026-06-03T10:00:00.000Z"],
    ["processed 1 ms late", req(monday, at("2026-06-03T10:00:00.001Z")), at("2026-06-10T00:00:00Z"), [], "processed-late", "PROCESSED_LATE", "2026-06-03T10:00:00.000Z"],
    ["processed after now counts as unprocessed", req(monday, at("2026-06-05T00:00:00Z")), at("2026-06-04T00:00:00Z"), [], "overdue", "NFR_REQUEST_OVERDUE", "2026-06-03T10:00:00.000Z"],
  ] as const)("%s → %s", (_name, r, evalAt, holidays, outcome, code, due) => {
    const d = nfrProcessing(r, evalAt, holidays);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.dueBy).toEqual(at(due));
  });
});
