import { describe, expect, it } from "vitest";
import { decide } from "../../../src/sync/decide/decide.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, partner, prospect, registration } from "./world-builders.js";

const SHARED = "2026-03-02T10:00:00Z";
// Phase 3: not accepted within 5 days of sharing.
const ACCEPT_BY = "2026-03-07T10:00:00.000Z";
const world = (leads: ReturnType<typeof prospect>[], extra = {}) => buildWorld(emptyWorld({ partners: [partner()], prospects: leads, ...extra }));
const writeOf = (d: ReturnType<typeof decide>, key: string) => d.writes.find((w) => w.entity === "Prospect" && w.key === key);

describe("LEAD-3/4 recall in the configured phase", () => {
  it("keeps a Pending lead at the 5-day deadline instant", () => {
    expect(writeOf(decide(world([prospect()]), context(ACCEPT_BY)), "L1")).toBeUndefined();
  });

  it("recalls it 1 ms later: share status Recall, recalled date, owner back to the vendor, the history reason", () => {
    const now = "2026-03-07T10:00:00.001Z";
    const d = decide(world([prospect()]), context(now));
    const w = writeOf(d, "L1");
    expect(w?.fields).toMatchObject({ shareStatus: "Recall", recalledAt: at(now), ownerId: "vendor-queue" });
    expect(w?.fields["derived.recallReason"]).toBe("RECALLED_PHASE_3");
    expect(w?.reasons).toContainEqual(expect.objectContaining({ rule: "LEAD-3", code: "RECALLED_PHASE_3", message: expect.stringMatching(/shared 2026-03-02T10:00:00.000Z/) }));
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "LEAD-4", code: "RECALLED_PHASE_3", severity: "action", key: "L1" }));
  });

  it("applies phase 2's 15 days when phase 2 is configured", () => {
    const rules = { ...context(SHARED).rules, activeRecallPhase: 2 as const };
    expect(writeOf(decide(world([prospect()]), context("2026-03-10T00:00:00Z", { rules })), "L1")).toBeUndefined();
    expect(writeOf(decide(world([prospect()]), context("2026-03-17T10:00:00.001Z", { rules })), "L1")?.fields.shareStatus).toBe("Recall");
  });

  it("never recalls an MDF lead; accepts it as of its sharing instant instead", () => {
    const d = decide(world([prospect({ origin: "PartnerMdf" })]), context("2026-04-01T00:00:00Z"));
    expect(writeOf(d, "L1")?.fields).toMatchObject({ shareStatus: "Accepted", acceptedAt: at(SHARED) });
  });

  it("recalls without reassigning the owner when no vendor owner is configured, and says so", () => {
    const d = decide(world([prospect()]), context("2026-04-01T00:00:00Z", { leadRecallOwnerId: null }));
    expect(writeOf(d, "L1")?.fields.ownerId).toBeUndefined();
    expect(d.findings).toContainEqual(expect.objectContaining({ code: "RECALL_OWNER_NOT_CONFIGURED", severity: "not-checkable" }));
  });

  it("reports a lead whose sharing instant is missing as not checkable", () => {
    const d = decide(world([prospect({ sharedAt: null })]), context("2026-04-01T00:00:00Z"));
    expect(writeOf(d, "L1")).toBeUndefined();
    expect(d.findings).toContainEqual(expect.objectContaining({ code: "SHARED_DATE_MISSING", severity: "not-checkable" }));
  });
});

describe("LEAD-2 conversions without qualification", () => {
  const converted = { shareStatus: "Accepted" as const, partnerStatus: "Converted to DR" as const, acceptedAt: at("2026-03-03T00:00:00Z"), convertedRegistrationId: "R1" };

  it("reports a lead converted without ever being Qualified, naming the registration", () => {
    const d = decide(world([prospect({ ...converted, qualifiedAt: null })]), context("2026-04-01T00:00:00Z"));
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "LEAD-2", code: "NOT_QUALIFIED_FOR_CONVERSION", severity: "violation", related: [{ entity: "DealRegistration", key: "R1" }] }));
    expect(writeOf(d, "L1")).toBeUndefined();
  });

  it("reports a qualification dated after the registration's submission, and not one before it", () => {
    const reg = registration({ submittedAt: at("2026-03-05T00:00:00Z") });
    const late = decide(world([prospect({ ...converted, qualifiedAt: at("2026-03-06T00:00:00Z") })], { registrations: [reg] }), context("2026-04-01T00:00:00Z"));
    expect(late.findings.filter((f) => f.rule === "LEAD-2")).toHaveLength(1);
    const onTime = decide(world([prospect({ ...converted, qualifiedAt: at("2026-03-04T00:00:00Z") })], { registrations: [reg] }), context("2026-04-01T00:00:00Z"));
    expect(onTime.findings.filter((f) => f.rule === "LEAD-2")).toEqual([]);
  });
});

describe("the partner's accept/reject on the portal makes the share status", () => {
  it("an MDF lead whose acceptance at its sharing instant reached only the portal (a stopped run) is LEAD-1's acceptance, not the partner's", () => {
    const d = decide(world([prospect({ origin: "PartnerMdf", acceptedAt: at(SHARED) })]), context("2026-04-01T00:00:00Z"));
    expect(writeOf(d, "L1")?.fields).toMatchObject({ shareStatus: "Accepted" });
    expect(writeOf(d, "L1")?.reasons.map((r) => `${r.rule}:${r.code}`)).toEqual(["LEAD-1:MDF_ACCEPTED_ON_SHARING"]);
    // Accepted at another instant, it is the partner's answer.
    const other = decide(world([prospect({ origin: "PartnerMdf", acceptedAt: at("2026-03-03T00:00:00Z") })]), context("2026-04-01T00:00:00Z"));
    expect(writeOf(other, "L1")?.reasons).toContainEqual(expect.objectContaining({ rule: "LEAD", code: "PARTNER_ACCEPTED" }));
  });

  it("a Pending lead the partner accepted becomes Accepted (not recalled past the deadline), with the reason", () => {
    // Past the 5-day acceptance deadline (accepted in time), within the 10 days to action it.
    const d = decide(world([prospect({ acceptedAt: at("2026-03-04T00:00:00Z") })]), context("2026-03-10T00:00:00Z"));
    expect(writeOf(d, "L1")?.fields).toMatchObject({ shareStatus: "Accepted" });
    expect(writeOf(d, "L1")?.fields.recalledAt).toBeUndefined();
    expect(writeOf(d, "L1")?.reasons).toContainEqual(expect.objectContaining({ rule: "LEAD", code: "PARTNER_ACCEPTED" }));
  });

  it("an accepted lead left Qualifying past its 10 days to action is accepted and recalled in the same pass, so a second pass writes nothing", () => {
    const lead = prospect({ acceptedAt: at("2026-03-04T00:00:00Z") });
    const now = context("2026-04-01T00:00:00Z");
    const w = writeOf(decide(world([lead]), now), "L1");
    expect(w?.fields).toMatchObject({ shareStatus: "Recall", recalledAt: at("2026-04-01T00:00:00Z"), "derived.recallReason": "RECALLED_PHASE_3" });
    expect(w?.reasons.map((r) => `${r.rule}:${r.code}`)).toEqual(expect.arrayContaining(["LEAD:PARTNER_ACCEPTED", "LEAD-3:RECALLED_PHASE_3"]));
    const applied = { ...lead, ...(w!.fields as Partial<typeof lead>) };
    expect(writeOf(decide(world([applied]), now), "L1")).toBeUndefined();
  });

  it("a rejection dated after the acceptance wins; Sending to Partner awaits an answer too", () => {
    const d = decide(world([prospect({ shareStatus: "Sending to Partner", acceptedAt: at("2026-03-04T00:00:00Z"), rejectedAt: at("2026-03-05T00:00:00Z") })]), context("2026-03-06T00:00:00Z"));
    expect(writeOf(d, "L1")?.fields).toMatchObject({ shareStatus: "Rejected" });
  });

  it("changes nothing once the share status is the answer, and never undoes a Recall", () => {
    const accepted = prospect({ shareStatus: "Accepted", acceptedAt: at("2026-03-04T00:00:00Z") });
    expect(writeOf(decide(world([accepted]), context("2026-03-06T00:00:00Z")), "L1")).toBeUndefined();
    const recalled = prospect({ shareStatus: "Recall", acceptedAt: at("2026-03-20T00:00:00Z"), recalledAt: at("2026-03-10T00:00:00Z") });
    expect(writeOf(decide(world([recalled]), context("2026-04-01T00:00:00Z")), "L1")).toBeUndefined();
  });
});
