import { describe, expect, it } from "vitest";
import type { DealRegistration } from "../../src/domain/index.js";
import {
  alreadyEngagedFailures,
  approvability,
  compareByReceipt,
  registrationExpiry,
  registrationTypeFailures,
  singleOpportunityFailures,
} from "../../src/rules/deal-registration.js";
import { at, opportunity, partner, registration, wonOpportunity } from "./fixtures/entities.js";

const codes = (rs: { code: string }[]): string[] => rs.map((r) => r.code);
const now = at("2026-06-01T00:00:00Z");

describe("DR-1 one opportunity per registration", () => {
  it.each<[string, Partial<DealRegistration>, string[]]>([
    ["one opportunity", {}, []],
    ["a whole account", { accountWide: true }, ["NOT_SINGLE_OPPORTUNITY"]],
    ["several opportunities", { otherOpportunityIds: ["O2"] }, ["NOT_SINGLE_OPPORTUNITY"]],
  ])("%s → %j", (_label, overrides, expected) => {
    expect(codes(singleOpportunityFailures(registration(overrides)))).toEqual(expected);
  });
});

describe("DR-2 order of receipt: submission time, ties by lower id", () => {
  it("sorts by submission instant, then by id (numerically for digit ids)", () => {
    const t = "2026-03-01T09:00:00.000Z";
    const regs = [
      registration({ id: "10", submittedAt: at(t) }),
      registration({ id: "9", submittedAt: at(t) }),
      registration({ id: "1", submittedAt: at("2026-03-01T09:00:00.001Z") }),
      registration({ id: "5", submittedAt: at("2026-03-01T08:59:59.999Z") }),
    ];
    expect([...regs].sort(compareByReceipt).map((r) => r.id)).toEqual(["5", "9", "10", "1"]);
  });

  it("DR-6 a resubmission takes the place of its new submission time", () => {
    const original = registration({ id: "R1", submittedAt: at("2026-01-01T00:00:00Z") });
    const resubmitted = registration({ id: "R9", resubmissionOf: "R0", submittedAt: at("2026-02-01T00:00:00Z") });
    expect([resubmitted, original].sort(compareByReceipt).map((r) => r.id)).toEqual(["R1", "R9"]);
  });

  it("orders non-numeric ids by code units", () => {
    const t = at("2026-03-01T09:00:00Z");
    const regs = [registration({ id: "b", submittedAt: t }), registration({ id: "a", submittedAt: t })];
    expect(regs.sort(compareByReceipt).map((r) => r.id)).toEqual(["a", "b"]);
  });
});

describe("DR-4 expiry 90 days after original approval", () => {
  const approvedAt = at("2026-03-01T10:00:00.000Z"); // + 90 × 24h = 2026-05-30T10:00:00.000Z
  const approved = (o: Partial<DealRegistration> = {}) => registration({ status: "Approved", originalApprovedAt: approvedAt, ...o });
  it.each<[string, Partial<DealRegistration>, string, string, string | null]>([
    ["the deadline instant itself", {}, "2026-05-30T10:00:00.000Z", "ACTIVE", "2026-05-30T10:00:00.000Z"],
    ["1 ms before the deadline", {}, "2026-05-30T09:59:59.999Z", "ACTIVE", "2026-05-30T10:00:00.000Z"],
    ["1 ms after the deadline", {}, "2026-05-30T10:00:00.001Z", "EXPIRED", "2026-05-30T10:00:00.000Z"],
    ["an extension replaces the deadline (inside it)", { extendedUntil: at("2026-06-29T10:00:00.000Z") }, "2026-06-29T10:00:00.000Z", "ACTIVE", "2026-06-29T10:00:00.000Z"],
    ["an extension replaces the deadline (1 ms past)", { extendedUntil: at("2026-06-29T10:00:00.000Z") }, "2026-06-29T10:00:00.001Z", "EXPIRED", "2026-06-29T10:00:00.000Z"],
    ["an earlier extension still replaces it", { extendedUntil: at("2026-04-01T00:00:00.000Z") }, "2026-04-01T00:00:00.001Z", "EXPIRED", "2026-04-01T00:00:00.000Z"],
    ["not Approved", { status: "Submitted" }, "2027-01-01T00:00:00.000Z", "NOT_APPLICABLE", null],
    ["Approved without approval instant", { originalApprovedAt: null }, "2027-01-01T00:00:00.000Z", "UNKNOWN", null],
  ])("%s → %s", (_label, overrides, nowIso, outcome, expiresAt) => {
    const d = registrationExpiry(approved(overrides), opportunity(), at(nowIso));
    expect(d.outcome).toBe(outcome);
    expect(d.expiresAt?.toISOString() ?? null).toBe(expiresAt);
    if (outcome === "EXPIRED") expect(codes(d.reasons)).toEqual(["EXPIRED"]);
    if (outcome === "UNKNOWN") expect(codes(d.reasons)).toEqual(["APPROVAL_DATE_MISSING"]);
  });

  it("uses the ORIGINAL approval: the expiry does not move when the CRM re-approves", () => {
    const d = registrationExpiry(approved(), opportunity(), at("2026-05-30T10:00:00.001Z"));
    expect(d.outcome).toBe("EXPIRED");
  });

  it.each([
    ["won", wonOpportunity("2026-04-01T00:00:00Z")],
    ["lost", opportunity({ isClosed: true, isWon: false, stage: "Closed Lost" })],
  ])("never expires on a closed %s opportunity", (_label, opp) => {
    const d = registrationExpiry(approved(), opp, at("2027-01-01T00:00:00Z"));
    expect(d.outcome).toBe("ACTIVE");
    expect(codes(d.reasons)).toEqual(["OPPORTUNITY_CLOSED"]);
  });

  it("does not decide without the opportunity (cannot rule out closed)", () => {
    const d = registrationExpiry(approved(), null, at("2027-01-01T00:00:00Z"));
    expect(d.outcome).toBe("UNKNOWN");
    expect(codes(d.reasons)).toEqual(["OPPORTUNITY_MISSING"]);
  });
});

describe("DR-7 already engaged", () => {
  const holder = registration({ id: "H", partnerId: "P1", status: "Approved", originalApprovedAt: at("2026-03-10T00:00:00.000Z") });
  it.each<[string, Partial<DealRegistration>, string[]]>([
    ["another partner, submitted 1 ms after the approval", { partnerId: "P2", submittedAt: at("2026-03-10T00:00:00.001Z") }, ["ALREADY_ENGAGED"]],
    ["another partner, submitted at the approval instant (waits in line)", { partnerId: "P2", submittedAt: at("2026-03-10T00:00:00.000Z") }, []],
    ["another partner, submitted before the approval", { partnerId: "P2", submittedAt: at("2026-03-01T00:00:00Z") }, []],
    ["the same partner", { partnerId: "P1", submittedAt: at("2026-04-01T00:00:00Z") }, []],
  ])("%s → %j", (_label, overrides, expected) => {
    expect(codes(alreadyEngagedFailures(registration({ id: "N", ...overrides }), holder))).toEqual(expected);
  });

  it("nothing to refuse without a holder", () => {
    expect(alreadyEngagedFailures(registration(), null)).toEqual([]);
  });
});

describe("DR-8 approvable: required fields, partner standing, customer choice", () => {
  it("a complete registration of an eligible partner is approvable", () => {
    expect(approvability(registration(), partner(), now)).toEqual({ outcome: "APPROVABLE", reasons: [] });
  });

  it.each<[string, Partial<DealRegistration>, string]>([
    ["no customer name", { customerName: "  " }, "MISSING_CUSTOMER_NAME"],
    ["no contact email", { customerContactEmail: null }, "MISSING_CONTACT_EMAIL"],
    ["a contact email that is not an address", { customerContactEmail: "buyer at acme" }, "INVALID_CONTACT_EMAIL"],
    ["no opportunity", { opportunityId: null }, "MISSING_OPPORTUNITY"],
    ["no deal type", { dealType: null }, "MISSING_DEAL_TYPE"],
    ["no tier", { tier: null }, "MISSING_TIER"],
    ["customer chose another reseller", { customerChoseOtherReseller: true }, "CUSTOMER_CHOSE_OTHER_RESELLER"],
    ["several opportunities", { otherOpportunityIds: ["O2"] }, "NOT_SINGLE_OPPORTUNITY"],
  ])("%s → NOT_APPROVABLE naming %s", (_label, overrides, piece) => {
    const d = approvability(registration(overrides), partner(), now);
    expect(d.outcome).toBe("NOT_APPROVABLE");
    expect(codes(d.reasons)[0]).toBe("NOT_APPROVABLE");
    expect(codes(d.reasons)).toContain(piece);
  });

  it.each([
    ["unsigned", partner({ agreementSigned: false }), "NOT_AUTHORIZED"],
    ["untrained", partner({ people: [] }), "NO_FOUNDATIONS_TRAINING"],
    ["non-compliant", partner({ compliant: false }), "NOT_COMPLIANT"],
  ])("an %s partner → NOT_APPROVABLE with %s", (_label, p, code) => {
    expect(codes(approvability(registration(), p, now).reasons)).toEqual(["NOT_APPROVABLE", code]);
  });

  it("refuses when the partner was not read", () => {
    expect(codes(approvability(registration(), null, now).reasons)).toEqual(["NOT_APPROVABLE", "PARTNER_MISSING"]);
  });

  it("a services-attach registration needs no deal type and names its sale through the SA-1 link", () => {
    const sa = registration({ program: "Service Attached Registration", dealType: null, opportunityId: null, linkedRegistrationId: "R1" });
    expect(approvability(sa, partner(), now).outcome).toBe("APPROVABLE");
    expect(codes(approvability({ ...sa, linkedRegistrationId: null }, partner(), now).reasons)).toContain("MISSING_OPPORTUNITY");
  });
});

describe("DR-9 types", () => {
  it.each<[string, Partial<DealRegistration>, string[]]>([
    ["Resale", { dealType: "Resale" }, []],
    ["Referral", { dealType: "Referral" }, []],
    ["MSP", { dealType: "MSP" }, []],
    ["Deal Registration without deal type", { dealType: null }, ["INVALID_DEAL_TYPE"]],
    ["an unknown deal type from a bad mapping", { dealType: "Wholesale" as "Resale" }, ["INVALID_DEAL_TYPE"]],
    ["Service Attached Registration", { program: "Service Attached Registration", dealType: null }, []],
    ["an unknown program", { program: "Loyalty" as "Deal Registration" }, ["UNKNOWN_PROGRAM"]],
  ])("%s → %j", (_label, overrides, expected) => {
    expect(codes(registrationTypeFailures(registration(overrides)))).toEqual(expected);
  });
});
