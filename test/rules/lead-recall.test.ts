import { describe, expect, it } from "vitest";
import type { Prospect } from "../../src/domain/prospect.js";
import {
  conversionToRegistration,
  leadOwnership,
  mdfAcceptance,
  mdfAcceptedAt,
  planLeadRecall,
  recallDue,
  recallOutcome,
  type RecallDecision,
  type RecallPhase,
} from "../../src/rules/lead-recall.js";

const DAY = 86_400_000;
const T0 = new Date("2026-03-02T09:30:00.000Z");
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function lead(overrides: Partial<Prospect> = {}): Prospect {
  return {
    id: "P-1",
    partnerId: "PA-1",
    origin: "VendorPaid",
    shareStatus: "Pending",
    partnerStatus: "Qualifying",
    createdAt: T0,
    sharedAt: T0,
    acceptedAt: null,
    rejectedAt: null,
    qualifiedAt: null,
    convertedRegistrationId: null,
    recalledAt: null,
    ownerId: "U-partner",
    firstName: null,
    lastName: "Doe",
    company: "Acme",
    email: null,
    ...overrides,
  };
}

const phase = (activeRecallPhase: RecallPhase) => ({ activeRecallPhase });
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe("LEAD-1 vendor-owned vs partner MDF leads", () => {
  it.each([
    ["VendorPaid", "vendor-owned", "VENDOR_OWNED_LEAD"],
    ["JointEvent", "vendor-owned", "VENDOR_OWNED_LEAD"],
    ["PartnerMdf", "partner-mdf", "MDF_LEAD_NEVER_RECALLED"],
  ] as const)("origin %s is %s (%s)", (origin, outcome, code) => {
    const d = leadOwnership(lead({ origin }));
    expect(d.outcome).toBe(outcome);
    expect(d.reasons[0]).toMatchObject({ rule: "LEAD-1", code });
  });

  it("accepts an MDF lead at its sharing instant", () => {
    const d = mdfAcceptance(lead({ origin: "PartnerMdf", shareStatus: "Pending" }), at(DAY));
    expect(d.outcome).toBe("accept");
    expect(d.acceptedAt).toEqual(T0);
    expect(codes(d)).toEqual(["MDF_ACCEPTED_ON_SHARING"]);
  });

  it("accepts an MDF lead as of now when the sharing instant is missing", () => {
    const d = mdfAcceptance(lead({ origin: "PartnerMdf", shareStatus: "Sending to Partner", sharedAt: null }), at(DAY));
    expect(d.acceptedAt).toEqual(at(DAY));
  });

  it.each([
    ["a vendor-owned Pending lead", lead({ shareStatus: "Pending" })],
    ["an MDF lead already Accepted", lead({ origin: "PartnerMdf", shareStatus: "Accepted" })],
  ])("leaves %s unchanged", (_name, l) => {
    const d = mdfAcceptance(l, at(DAY));
    expect(d.outcome).toBe("unchanged");
    expect(d.acceptedAt).toBeNull();
  });

  // decide asks mdfAcceptedAt of every lead and builds mdfAcceptance's reasons only for a write.
  it.each([
    ["an MDF lead Pending", lead({ origin: "PartnerMdf", shareStatus: "Pending" }), T0],
    ["an MDF lead Sending to Partner without a sharing instant", lead({ origin: "PartnerMdf", shareStatus: "Sending to Partner", sharedAt: null }), at(DAY)],
    ["an MDF lead already Accepted", lead({ origin: "PartnerMdf", shareStatus: "Accepted" }), null],
    ["an MDF lead Rejected", lead({ origin: "PartnerMdf", shareStatus: "Rejected" }), null],
    ["a vendor-owned Pending lead", lead({ shareStatus: "Pending" }), null],
  ])("mdfAcceptedAt gives mdfAcceptance's acceptedAt for %s", (_name, l, expected) => {
    expect(mdfAcceptedAt(l, at(DAY))).toEqual(expected);
    expect(mdfAcceptedAt(l, at(DAY))).toEqual(mdfAcceptance(l, at(DAY)).acceptedAt);
  });
});

describe("LEAD-2 conversion to a deal registration requires Qualified", () => {
  it.each([
    ["Accepted", "Qualified", "allowed", "QUALIFIED"],
    ["Accepted", "Qualifying", "refused", "NOT_QUALIFIED_FOR_CONVERSION"],
    ["Accepted", "Disqualified", "refused", "NOT_QUALIFIED_FOR_CONVERSION"],
    ["Accepted", "Converted to DR", "refused", "NOT_QUALIFIED_FOR_CONVERSION"],
    ["Recall", "Qualified", "refused", "NOT_QUALIFIED_FOR_CONVERSION"],
    ["Pending", "Qualified", "refused", "NOT_QUALIFIED_FOR_CONVERSION"],
  ] as const)("share %s, partner status %s → %s", (shareStatus, partnerStatus, outcome, code) => {
    const d = conversionToRegistration(lead({ shareStatus, partnerStatus }));
    expect(d.outcome).toBe(outcome);
    expect(d.reasons[0]).toMatchObject({ rule: "LEAD-2", code });
  });

  it("names the partner status that blocks the conversion", () => {
    expect(conversionToRegistration(lead({ shareStatus: "Accepted" })).reasons[0]?.message).toContain("partner status is Qualifying");
  });
});

describe("LEAD-3 phase 1 recall: created more than 30 days ago, still Pending", () => {
  it.each([
    ["exactly 30 days after creation", 30 * DAY, "keep", "WITHIN_RECALL_WINDOW"],
    ["30 days + 1 ms after creation", 30 * DAY + 1, "recall", "RECALLED_PHASE_1"],
  ] as const)("%s → %s", (_name, ms, outcome, code) => {
    const d = recallDue(lead({ sharedAt: at(20 * DAY) }), at(ms), phase(1));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.phase).toBe(1);
  });

  it("recalls a lead stuck in Sending to Partner just like Pending", () => {
    expect(recallDue(lead({ shareStatus: "Sending to Partner", sharedAt: null }), at(31 * DAY), phase(1)).outcome).toBe("recall");
  });

  it("keeps an accepted lead however old", () => {
    const d = recallDue(lead({ shareStatus: "Accepted", acceptedAt: at(25 * DAY) }), at(90 * DAY), phase(1));
    expect([d.outcome, ...codes(d)]).toEqual(["keep", "LEAD_ACCEPTED"]);
  });

  it("names the creation instant and the deadline in the message", () => {
    const msg = recallDue(lead(), at(31 * DAY), phase(1)).reasons[0]?.message;
    expect(msg).toContain(T0.toISOString());
    expect(msg).toContain(at(30 * DAY).toISOString());
  });
});

describe("LEAD-3 phase 2 recall: not accepted 15 days after sharing", () => {
  it.each([
    ["Pending exactly 15 days after sharing", lead(), 15 * DAY, "keep", "WITHIN_RECALL_WINDOW"],
    ["Pending 15 days + 1 ms after sharing", lead(), 15 * DAY + 1, "recall", "RECALLED_PHASE_2"],
    ["accepted on the last ms", lead({ shareStatus: "Accepted", acceptedAt: at(15 * DAY) }), 40 * DAY, "keep", "LEAD_ACCEPTED"],
    ["accepted 1 ms late, still Qualifying", lead({ shareStatus: "Accepted", acceptedAt: at(15 * DAY + 1) }), 16 * DAY, "recall", "RECALLED_PHASE_2"],
    ["accepted late but Qualified", lead({ shareStatus: "Accepted", acceptedAt: at(20 * DAY), partnerStatus: "Qualified" }), 21 * DAY, "exempt", "LEAD_ACTIONED"],
  ] as const)("%s → %s", (_name, l, ms, outcome, code) => {
    const d = recallDue(l, at(ms), phase(2));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});

describe("LEAD-3 phase 3 recall: not accepted within 5 days", () => {
  it.each([
    ["exactly 5 days after sharing is not yet recallable", 5 * DAY, "keep", "WITHIN_RECALL_WINDOW"],
    ["5 days + 1 ms after sharing is recallable", 5 * DAY + 1, "recall", "RECALLED_PHASE_3"],
  ] as const)("%s", (_name, ms, outcome, code) => {
    const d = recallDue(lead(), at(ms), phase(3));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });

  it("recalls a lead accepted 1 ms after the 5-day deadline and not qualified", () => {
    const d = recallDue(lead({ shareStatus: "Accepted", acceptedAt: at(5 * DAY + 1) }), at(6 * DAY), phase(3));
    expect([d.outcome, ...codes(d)]).toEqual(["recall", "RECALLED_PHASE_3"]);
    expect(d.reasons[0]?.message).toContain("accepted late");
  });
});

describe("LEAD-3 phase 3 recall: accepted but not actioned 10 days after acceptance", () => {
  // Interpretation: phase 3's "10 days to action" counts from acceptance.
  const acceptedAt = at(3 * DAY);
  it.each([
    ["Qualifying exactly 10 days after acceptance", "Qualifying", 13 * DAY, "keep", "WITHIN_RECALL_WINDOW"],
    ["Qualifying 10 days + 1 ms after acceptance", "Qualifying", 13 * DAY + 1, "recall", "RECALLED_PHASE_3"],
    ["Qualified", "Qualified", 60 * DAY, "exempt", "LEAD_ACTIONED"],
    ["Disqualified", "Disqualified", 60 * DAY, "exempt", "LEAD_ACTIONED"],
    ["Converted to DR", "Converted to DR", 60 * DAY, "exempt", "LEAD_ACTIONED"],
  ] as const)("%s → %s", (_name, partnerStatus, ms, outcome, code) => {
    const d = recallDue(lead({ shareStatus: "Accepted", acceptedAt, partnerStatus }), at(ms), phase(3));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });

  it("counts the 10 days from acceptance, not from sharing (13 days after sharing, 10 after acceptance)", () => {
    // Counted from sharing, the lead would already be overdue at 10 days + 1 ms.
    expect(recallDue(lead({ shareStatus: "Accepted", acceptedAt }), at(10 * DAY + 1), phase(3)).outcome).toBe("keep");
  });
});

describe("LEAD-3 leads no phase recalls", () => {
  it.each([
    ["an MDF lead", lead({ origin: "PartnerMdf" }), "MDF_LEAD_NEVER_RECALLED"],
    ["an already recalled lead", lead({ shareStatus: "Recall" }), "ALREADY_RECALLED"],
    ["a rejected lead", lead({ shareStatus: "Rejected", rejectedAt: at(DAY) }), "LEAD_REJECTED"],
    ["a lead converted to a registration", lead({ convertedRegistrationId: "DR-9" }), "LEAD_ACTIONED"],
  ])("exempts %s", (_name, l, code) => {
    for (const p of [1, 2, 3] as const) {
      const d = recallDue(l, at(365 * DAY), phase(p));
      expect([d.outcome, ...codes(d)]).toEqual(["exempt", code]);
    }
  });
});

describe("LEAD-3 missing inputs", () => {
  it.each([2, 3] as const)("phase %i: a Pending lead without a sharing instant is not checkable", (p) => {
    const d = recallDue(lead({ sharedAt: null }), at(365 * DAY), phase(p));
    expect([d.outcome, ...codes(d)]).toEqual(["not-checkable", "SHARED_DATE_MISSING"]);
  });

  it.each([2, 3] as const)("phase %i: an Accepted lead without an acceptance instant is not checkable", (p) => {
    const d = recallDue(lead({ shareStatus: "Accepted", acceptedAt: null }), at(365 * DAY), phase(p));
    expect([d.outcome, ...codes(d)]).toEqual(["not-checkable", "ACCEPTED_DATE_MISSING"]);
  });
});

describe("LEAD-4 recall action", () => {
  const now = at(6 * DAY);

  it("sets share status Recall, recalled date = now, owner back to the vendor, history reason RECALLED_PHASE_3", () => {
    const due = recallDue(lead(), now, phase(3));
    const d = planLeadRecall(lead(), due, now, "U-vendor-queue");
    expect(d.outcome).toBe("recall");
    expect(d.update).toMatchObject({ shareStatus: "Recall", recalledAt: now, ownerId: "U-vendor-queue" });
    expect(d.update?.historyReason).toMatchObject({ rule: "LEAD-4", code: "RECALLED_PHASE_3" });
    expect(d.update?.historyReason.message).toContain("not accepted within 5 days");
    expect(d.reasons.map((r) => r.rule)).toEqual(["LEAD-4", "LEAD-3"]);
  });

  it.each([1, 2] as const)("names phase %i in the history reason", (p) => {
    const due = recallDue(lead(), at(40 * DAY), phase(p));
    expect(planLeadRecall(lead(), due, at(40 * DAY), "U-v").update?.historyReason.code).toBe(`RECALLED_PHASE_${p}`);
  });

  it("writes nothing when LEAD-3 does not recall, passing its reasons on", () => {
    const due = recallDue(lead(), at(DAY), phase(3));
    const d = planLeadRecall(lead(), due, at(DAY), "U-v");
    expect([d.outcome, d.update, ...codes(d)]).toEqual(["unchanged", null, "WITHIN_RECALL_WINDOW"]);
  });

  it("writes nothing for a lead already recalled (a second run is a no-op)", () => {
    const due: RecallDecision = { outcome: "recall", phase: 3, reasons: [] };
    const d = planLeadRecall(lead({ shareStatus: "Recall" }), due, now, "U-v");
    expect([d.outcome, d.update, ...codes(d)]).toEqual(["unchanged", null, "ALREADY_RECALLED"]);
  });
});

describe("LEAD-3 outcome without the message", () => {
  const cases: [string, Partial<Prospect>, number][] = [
    ["MDF", { origin: "PartnerMdf" }, 40 * DAY],
    ["already recalled", { shareStatus: "Recall" }, 40 * DAY],
    ["rejected", { shareStatus: "Rejected" }, 40 * DAY],
    ["actioned", { partnerStatus: "Qualified" }, 40 * DAY],
    ["pending, late", {}, 40 * DAY],
    ["pending, in time", {}, DAY],
    ["no sharing instant", { sharedAt: null }, 40 * DAY],
    ["accepted without instant", { shareStatus: "Accepted", acceptedAt: null }, 40 * DAY],
    ["accepted late", { shareStatus: "Accepted", acceptedAt: at(20 * DAY) }, 21 * DAY],
    ["accepted, not actioned", { shareStatus: "Accepted", acceptedAt: at(DAY) }, 40 * DAY],
    ["accepted, within action window", { shareStatus: "Accepted", acceptedAt: at(DAY) }, 2 * DAY],
  ];
  for (const p of [1, 2, 3] as const) {
    it.each(cases)(`phase ${p}: %s gives recallDue's outcome`, (_name, overrides, ms) => {
      const l = lead(overrides);
      expect(recallOutcome(l, at(ms), phase(p))).toBe(recallDue(l, at(ms), phase(p)).outcome);
    });
  }
});
