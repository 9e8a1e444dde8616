import { describe, expect, it } from "vitest";
import type { DealRegistration, Opportunity, Partner } from "../../src/domain/index.js";
import {
  evaluateAllRegistrations,
  evaluateOpportunityRegistrations,
  groupByOpportunity,
  type RegistrationAction,
} from "../../src/rules/registration-queue.js";
import { at, opportunity, partner, registration, wonOpportunity } from "./fixtures/entities.js";

const partners = new Map<string, Partner>([
  ["P1", partner({ id: "P1" })],
  ["P2", partner({ id: "P2" })],
  ["P3", partner({ id: "P3" })],
  ["PX", partner({ id: "PX", compliant: false })],
]);
const now = at("2026-06-15T00:00:00.000Z");
const recent = at("2026-06-01T00:00:00.000Z"); // approvals from here are active on `now`
const stale = at("2026-03-01T00:00:00.000Z"); // + 90 days = 2026-05-30: expired on `now`

function run(registrations: DealRegistration[], opts: { opp?: Opportunity | null; newly?: string[]; at?: Date } = {}) {
  return evaluateOpportunityRegistrations({
    opportunityId: "O1",
    opportunity: opts.opp === undefined ? opportunity() : opts.opp,
    registrations,
    partnersById: partners,
    newlyApprovedIds: new Set(opts.newly ?? []),
    now: opts.at ?? now,
  });
}
const summary = (actions: RegistrationAction[]): string[] =>
  actions.map((a) => `${a.kind} ${"registrationId" in a ? a.registrationId : a.opportunityId} ${a.reasons.map((r) => r.code).join("+")}`);

const sub = (id: string, partnerId: string, submitted: string, o: Partial<DealRegistration> = {}) =>
  registration({ id, partnerId, submittedAt: at(submitted), ...o });
const appr = (id: string, partnerId: string, submitted: string, approvedAt: Date, o: Partial<DealRegistration> = {}) =>
  sub(id, partnerId, submitted, { status: "Approved", originalApprovedAt: approvedAt, ...o });

describe("DR-3 one approved registration per opportunity", () => {
  it("the earlier-submitted approval keeps it; the later goes back to Submitted with DUPLICATE_APPROVAL", () => {
    const r = run([appr("B", "P2", "2026-05-02T00:00:00Z", recent), appr("A", "P1", "2026-05-01T00:00:00Z", recent)]);
    expect(r.holderId).toBe("A");
    expect(summary(r.actions)).toEqual(["RESET_TO_SUBMITTED B DUPLICATE_APPROVAL"]);
  });

  it("three approvals: the first keeps it, both others are reset", () => {
    const r = run([
      appr("C", "P3", "2026-05-03T00:00:00Z", recent),
      appr("A", "P1", "2026-05-01T00:00:00Z", recent),
      appr("B", "P2", "2026-05-02T00:00:00Z", recent),
    ]);
    expect(r.holderId).toBe("A");
    expect(summary(r.actions)).toEqual(["RESET_TO_SUBMITTED B DUPLICATE_APPROVAL", "RESET_TO_SUBMITTED C DUPLICATE_APPROVAL"]);
  });

  it("an expired earlier approval does not keep it: it expires and the later one holds", () => {
    const r = run([appr("A", "P1", "2026-02-01T00:00:00Z", stale), appr("B", "P2", "2026-05-02T00:00:00Z", recent)]);
    expect(r.holderId).toBe("B");
    expect(summary(r.actions)).toEqual(["EXPIRE A EXPIRED"]);
  });

  it("a single approval is left alone (no actions: a second run makes no writes)", () => {
    const r = run([appr("A", "P1", "2026-05-01T00:00:00Z", recent), sub("B", "P2", "2026-05-02T00:00:00Z")]);
    expect(r).toEqual({ opportunityId: "O1", holderId: "A", actions: [] });
  });
});

describe("DR-4 expiry inside the opportunity pass", () => {
  const approvedAt = at("2026-03-17T00:00:00.000Z"); // deadline 2026-06-15T00:00:00.000Z = now
  it.each([
    ["at the deadline", "2026-06-15T00:00:00.000Z", []],
    ["1 ms after the deadline", "2026-06-15T00:00:00.001Z", ["EXPIRE A EXPIRED", "FLAG_OPPORTUNITY O1 REP_TO_CHOOSE_RESELLER"]],
  ])("%s", (_label, nowIso, expected) => {
    expect(summary(run([appr("A", "P1", "2026-03-16T00:00:00Z", approvedAt)], { at: at(nowIso) }).actions)).toEqual(expected);
  });

  it("reports, and does not expire, when the opportunity was not read", () => {
    const r = run([appr("A", "P1", "2026-02-01T00:00:00Z", stale)], { opp: null });
    expect(summary(r.actions)).toEqual(["REPORT A OPPORTUNITY_MISSING"]);
    expect(r.holderId).toBe("A");
  });

  it("closed opportunities never expire their approval", () => {
    expect(run([appr("A", "P1", "2026-02-01T00:00:00Z", stale)], { opp: wonOpportunity("2026-05-01T00:00:00Z") }).actions).toEqual([]);
  });
});

describe("DR-5 next in line after an approval ends", () => {
  it("marks the earliest Submitted registration (DR-2 order) when the approval expires", () => {
    const r = run([
      appr("A", "P1", "2026-02-01T00:00:00Z", stale),
      sub("C", "P3", "2026-02-03T00:00:00Z"),
      sub("B", "P2", "2026-02-02T00:00:00Z"),
    ]);
    expect(r.holderId).toBeNull();
    expect(summary(r.actions)).toEqual(["EXPIRE A EXPIRED", "MARK_NEXT_IN_LINE B NEXT_IN_LINE"]);
  });

  it.each(["Rejected", "Dissolved", "Expired"] as const)("after a %s approval, marks the next Submitted one", (status) => {
    const r = run([appr("A", "P1", "2026-02-01T00:00:00Z", stale, { status }), sub("B", "P2", "2026-02-02T00:00:00Z")]);
    expect(summary(r.actions)).toEqual(["MARK_NEXT_IN_LINE B NEXT_IN_LINE"]);
  });

  it("flags REP_TO_CHOOSE_RESELLER when nobody is in line", () => {
    const r = run([appr("A", "P1", "2026-02-01T00:00:00Z", stale, { status: "Dissolved" }), sub("B", "P2", "2026-02-02T00:00:00Z", { status: "Rejected" })]);
    expect(summary(r.actions)).toEqual(["FLAG_OPPORTUNITY O1 REP_TO_CHOOSE_RESELLER"]);
  });

  it("is idempotent: an already-marked next registration needs no write", () => {
    const r = run([appr("A", "P1", "2026-02-01T00:00:00Z", stale, { status: "Expired" }), sub("B", "P2", "2026-02-02T00:00:00Z", { nextInLine: true })]);
    expect(r.actions).toEqual([]);
  });

  it("moves the mark when an earlier submission is found, and clears it when an approval holds again", () => {
    const moved = run([
      appr("A", "P1", "2026-02-01T00:00:00Z", stale, { status: "Expired" }),
      sub("C", "P3", "2026-02-03T00:00:00Z", { nextInLine: true }),
      sub("B", "P2", "2026-02-02T00:00:00Z"),
    ]);
    expect(summary(moved.actions)).toEqual(["CLEAR_NEXT_IN_LINE C NO_LONGER_NEXT_IN_LINE", "MARK_NEXT_IN_LINE B NEXT_IN_LINE"]);
    const held = run([appr("B", "P2", "2026-02-02T00:00:00Z", recent, { nextInLine: true })]);
    expect(summary(held.actions)).toEqual(["CLEAR_NEXT_IN_LINE B NO_LONGER_NEXT_IN_LINE"]);
  });

  it("never marks or flags when no registration was ever approved", () => {
    expect(run([sub("A", "P1", "2026-02-01T00:00:00Z"), sub("B", "P2", "2026-02-02T00:00:00Z")]).actions).toEqual([]);
  });

  it("does not flag a closed opportunity (no reseller left to choose)", () => {
    const r = run([appr("A", "P1", "2026-02-01T00:00:00Z", stale, { status: "Dissolved" })], { opp: wonOpportunity("2026-04-01T00:00:00Z") });
    expect(r.actions).toEqual([]);
  });

  it("skips a registration naming several opportunities (reported) when choosing the next", () => {
    const r = run([
      appr("A", "P1", "2026-02-01T00:00:00Z", stale, { status: "Expired" }),
      sub("B", "P2", "2026-02-02T00:00:00Z", { otherOpportunityIds: ["O2"] }),
      sub("C", "P3", "2026-02-03T00:00:00Z"),
    ]);
    expect(summary(r.actions)).toEqual(["REPORT B NOT_SINGLE_OPPORTUNITY", "MARK_NEXT_IN_LINE C NEXT_IN_LINE"]);
  });
});

describe("DR-6 resubmission is a new submission", () => {
  it("a resubmitted registration queues by its new time behind earlier submissions", () => {
    const r = run([
      appr("A", "P1", "2026-01-01T00:00:00Z", stale, { status: "Expired" }),
      sub("R2", "P2", "2026-04-01T00:00:00Z", { resubmissionOf: "R0" }),
      sub("B", "P3", "2026-03-01T00:00:00Z"),
    ]);
    expect(summary(r.actions)).toEqual(["MARK_NEXT_IN_LINE B NEXT_IN_LINE"]);
  });
});

describe("DR-7 refuses a new registration of another partner while one is approved", () => {
  it("refuses one submitted after the approval, keeps one submitted before it in line", () => {
    const r = run([
      appr("A", "P1", "2026-05-01T00:00:00Z", recent),
      sub("EARLY", "P2", "2026-05-15T00:00:00Z"),
      sub("LATE", "P3", "2026-06-01T00:00:00.001Z"),
    ]);
    expect(summary(r.actions)).toEqual(["REFUSE_REGISTRATION LATE ALREADY_ENGAGED"]);
  });
});

describe("DR-8 refuses an approval from the CRM that fails approvability", () => {
  it("refuses a newly approved registration of a non-compliant partner and lets the valid one hold", () => {
    const r = run([appr("X", "PX", "2026-05-01T00:00:00Z", recent), appr("B", "P2", "2026-05-02T00:00:00Z", recent)], { newly: ["X"] });
    expect(r.holderId).toBe("B");
    expect(summary(r.actions)).toEqual(["REFUSE_APPROVAL X NOT_APPROVABLE+NOT_COMPLIANT"]);
  });

  it("does not re-review an approval that arrived in an earlier pass", () => {
    expect(run([appr("X", "PX", "2026-05-01T00:00:00Z", recent)]).actions).toEqual([]);
  });

  it("refuses when the partner is unknown", () => {
    const r = run([appr("Z", "P-unknown", "2026-05-01T00:00:00Z", recent)], { newly: ["Z"] });
    expect(summary(r.actions)).toEqual(["REFUSE_APPROVAL Z NOT_APPROVABLE+PARTNER_MISSING"]);
  });
});

describe("whole-run evaluation groups by opportunity", () => {
  it("ignores services-attach registrations and registrations without an opportunity", () => {
    const sa = registration({ id: "SA", program: "Service Attached Registration", dealType: null, status: "Approved", originalApprovedAt: stale });
    const groups = groupByOpportunity([sa, registration({ id: "N", opportunityId: null })]);
    expect([...groups.keys()]).toEqual(["O1"]);
    expect(run([sa]).actions).toEqual([]);
  });

  it("evaluates each opportunity once, with its own opportunity record", () => {
    const regs = [
      appr("A", "P1", "2026-02-01T00:00:00Z", stale, { opportunityId: "O1" }),
      appr("B", "P2", "2026-02-01T00:00:00Z", stale, { opportunityId: "O2" }),
    ];
    const opps = new Map([["O1", opportunity({ id: "O1" })], ["O2", wonOpportunity("2026-03-01T00:00:00Z", { id: "O2" })]]);
    const results = evaluateAllRegistrations(regs, opps, partners, new Set(), now);
    expect(results.map((x) => [x.opportunityId, x.holderId, summary(x.actions)])).toEqual([
      ["O1", null, ["EXPIRE A EXPIRED", "FLAG_OPPORTUNITY O1 REP_TO_CHOOSE_RESELLER"]],
      ["O2", "B", []],
    ]);
  });
});
