import { describe, expect, it } from "vitest";
import { decide } from "../../../src/sync/decide/decide.js";
import { buildWorld, type WorldInput } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, opportunity, partner, registration } from "./world-builders.js";

const APPROVED = at("2026-03-01T10:00:00Z");
// 90 days of 24h after the original approval.
const DEADLINE = "2026-05-30T10:00:00.000Z";

function world(input: Partial<WorldInput>) {
  return buildWorld(emptyWorld({ partners: [partner(), partner({ id: "P2" })], opportunities: [opportunity()], ...input }));
}
const writeOf = (d: ReturnType<typeof decide>, key: string) => d.writes.find((w) => w.entity === "DealRegistration" && w.key === key);

describe("DR-4 expiry 90 days after the original approval", () => {
  const approved = registration({ status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-20T00:00:00Z") });

  it("keeps the registration Approved at the deadline instant, writing only its expiry", () => {
    const d = decide(world({ registrations: [approved] }), context(DEADLINE));
    expect(writeOf(d, "R1")?.fields).toMatchObject({ "derived.expiresAt": at(DEADLINE) });
    expect(writeOf(d, "R1")?.fields.status).toBeUndefined();
    expect(d.findings.filter((f) => f.severity === "action")).toEqual([]);
  });

  it("sets status Expired 1 ms after the deadline, as an action with its reason", () => {
    const d = decide(world({ registrations: [approved] }), context("2026-05-30T10:00:00.001Z"));
    expect(writeOf(d, "R1")?.fields).toMatchObject({ status: "Expired", "derived.expiresAt": at(DEADLINE) });
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "DR-4", code: "EXPIRED", severity: "action", entity: "DealRegistration", key: "R1" }));
  });

  it("does not expire a registration whose opportunity closed", () => {
    const d = decide(world({ registrations: [approved], opportunities: [opportunity({ isClosed: true, isWon: true, closeDate: at("2026-04-01T00:00:00Z") })] }), context("2026-07-01T00:00:00Z"));
    expect(writeOf(d, "R1")?.fields.status).toBeUndefined();
    expect(d.findings.filter((f) => f.rule === "DR-4")).toEqual([]);
  });

  it("reports an Approved registration whose opportunity was not read as not checkable, without writing", () => {
    const d = decide(world({ registrations: [approved], opportunities: [] }), context("2026-07-01T00:00:00Z"));
    expect(writeOf(d, "R1")).toBeUndefined();
    expect(d.findings).toContainEqual(expect.objectContaining({ code: "OPPORTUNITY_MISSING", severity: "not-checkable" }));
  });
});

describe("DR-3 duplicate approvals and DR-5 next in line", () => {
  it("keeps the earlier submission Approved and sets the later one back to Submitted", () => {
    const early = registration({ id: "R1", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-01T00:00:00Z") });
    const late = registration({ id: "R2", partnerId: "P2", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-02T00:00:00Z") });
    const d = decide(world({ registrations: [late, early] }), context("2026-03-10T00:00:00Z"));
    expect(writeOf(d, "R2")?.fields.status).toBe("Submitted");
    expect(writeOf(d, "R1")?.fields.status).toBeUndefined();
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "DR-3", code: "DUPLICATE_APPROVAL", key: "R2", severity: "action" }));
  });

  it("marks the next Submitted registration in line when the approval expires", () => {
    const holder = registration({ id: "R1", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-01T00:00:00Z") });
    const waiting = registration({ id: "R2", partnerId: "P2", submittedAt: at("2026-02-15T00:00:00Z") });
    const d = decide(world({ registrations: [holder, waiting] }), context("2026-06-01T00:00:00Z"));
    expect(writeOf(d, "R1")?.fields.status).toBe("Expired");
    expect(writeOf(d, "R2")?.fields).toMatchObject({ nextInLine: true });
    expect(d.writes.find((w) => w.entity === "Opportunity")).toBeUndefined();
  });

  it("flags the opportunity REP_TO_CHOOSE_RESELLER when no registration is left in line, and unflags it once one is", () => {
    const holder = registration({ id: "R1", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-01T00:00:00Z") });
    const d = decide(world({ registrations: [holder] }), context("2026-06-01T00:00:00Z"));
    expect(d.writes.find((w) => w.entity === "Opportunity")?.fields).toMatchObject({ "derived.repToChooseReseller": true });
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "DR-5", code: "REP_TO_CHOOSE_RESELLER", entity: "Opportunity", key: "O1" }));

    const newcomer = registration({ id: "R3", partnerId: "P2", submittedAt: at("2026-06-02T00:00:00Z") });
    const later = decide(world({
      registrations: [{ ...holder, status: "Expired" }, newcomer],
      derived: [{ entity: "Opportunity", key: "O1", fields: { "derived.repToChooseReseller": true } }],
    }), context("2026-06-03T00:00:00Z"));
    expect(later.writes.find((w) => w.entity === "Opportunity")?.fields).toMatchObject({ "derived.repToChooseReseller": false });
    expect(writeOf(later, "R3")?.fields).toMatchObject({ nextInLine: true });
  });

  it("keeps a flag when none of the opportunity's registrations is in view (an Opportunity page alone)", () => {
    const alone = decide(world({ registrations: [], derived: [{ entity: "Opportunity", key: "O1", fields: { "derived.repToChooseReseller": true } }] }), context("2026-06-03T00:00:00Z"));
    expect(alone.writes.find((w) => w.entity === "Opportunity")).toBeUndefined();
  });
});

describe("DR-7 already engaged", () => {
  it("refuses another partner's registration submitted after the holder's approval", () => {
    const holder = registration({ id: "R1", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-01T00:00:00Z") });
    const intruder = registration({ id: "R2", partnerId: "P2", submittedAt: at("2026-03-02T00:00:00Z") });
    const now = "2026-03-05T00:00:00Z";
    const d = decide(world({ registrations: [holder, intruder] }), context(now));
    expect(writeOf(d, "R2")?.fields).toMatchObject({ status: "Rejected", rejectedAt: at(now) });
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "DR-7", code: "ALREADY_ENGAGED", key: "R2" }));
  });
});

describe("DR-8 approvals arriving from Salesforce", () => {
  const arrived = registration({ status: "Approved", originalApprovedAt: APPROVED, customerContactEmail: null });

  it("reports an approval of a registration that is not approvable and withholds it, without writing", () => {
    const d = decide(world({ registrations: [arrived] }), context("2026-03-02T00:00:00Z", { newlyApprovedIds: new Set(["R1"]) }));
    expect(writeOf(d, "R1")).toBeUndefined();
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "DR-8", code: "NOT_APPROVABLE", severity: "violation", key: "R1" }));
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "DR-8", code: "MISSING_CONTACT_EMAIL" }));
    expect(d.withheld).toEqual([expect.objectContaining({ entity: "DealRegistration", key: "R1", field: "status", value: "Approved" })]);
  });

  it("leaves an approval that did not arrive in this pass alone", () => {
    const d = decide(world({ registrations: [arrived] }), context("2026-03-02T00:00:00Z"));
    expect(d.withheld).toEqual([]);
    expect(d.findings.filter((f) => f.rule === "DR-8")).toEqual([]);
  });

  it("judges a services-attach approval too, which the opportunity queue does not see", () => {
    const sa = registration({ id: "S1", program: "Service Attached Registration", dealType: null, opportunityId: null, status: "Approved", linkedOpportunityId: "O1" });
    const d = decide(world({ registrations: [sa], partners: [partner({ agreementSigned: false })] }), context("2026-03-02T00:00:00Z", { newlyApprovedIds: new Set(["S1"]) }));
    expect(d.withheld.map((w) => w.key)).toEqual(["S1"]);
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "ELIG-1", code: "NOT_AUTHORIZED", key: "S1" }));
  });
});

describe("DISC-1..2 discount type on registrations", () => {
  it("gives the holder partner-sourced and another partner's waiting registration co-sell, with the configured rates", () => {
    const holder = registration({ id: "R1", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-01T00:00:00Z") });
    const other = registration({ id: "R2", partnerId: "P2", submittedAt: at("2026-02-15T00:00:00Z") });
    const d = decide(world({ registrations: [holder, other], partners: [partner(), partner({ id: "P2", track: "Open" })] }), context("2026-03-10T00:00:00Z"));
    expect(writeOf(d, "R1")?.fields).toMatchObject({ "derived.discountType": "partnerSourced", "derived.discountRate": 0.25 });
    expect(writeOf(d, "R2")?.fields).toMatchObject({ "derived.discountType": "coSell", "derived.discountRate": 0.05 });
  });

  it("takes the discount away from a registration that expires in this pass", () => {
    const holder = registration({ id: "R1", status: "Approved", originalApprovedAt: APPROVED, submittedAt: at("2026-02-01T00:00:00Z") });
    const d = decide(world({ registrations: [holder], derived: [{ entity: "DealRegistration", key: "R1", fields: { "derived.discountType": "partnerSourced", "derived.discountRate": 0.25 } }] }), context("2026-06-01T00:00:00Z"));
    expect(writeOf(d, "R1")?.fields).toMatchObject({ status: "Expired" });
    expect(writeOf(d, "R1")?.fields["derived.discountType"]).toBeUndefined();
  });
});
