import { describe, expect, it } from "vitest";
import type { Partner } from "../../src/domain/index.js";
import {
  FOUNDATIONS_TRAINING,
  inGoodStanding,
  mayEarnRebates,
  mayHaveRegistrationApproved,
  mayRegisterDeals,
  mayRequestQuote,
} from "../../src/rules/standing.js";
import { at, partner, person } from "./fixtures/entities.js";

const now = at("2026-03-01T12:00:00.000Z");
const codes = (d: { reasons: { code: string }[] }): string[] => d.reasons.map((r) => r.code);

describe("ELIG-1 authorized: unsigned partners are refused registrations, discounts, quotes and rebates", () => {
  const unsigned = partner({ agreementSigned: false, agreementSignedAt: null });
  it.each([
    ["register deals", () => mayRegisterDeals(unsigned, now)],
    ["request a quote", () => mayRequestQuote(unsigned)],
    ["have a registration approved", () => mayHaveRegistrationApproved(unsigned, now)],
    ["earn rebates", () => mayEarnRebates(unsigned)],
  ])("may not %s", (_what, check) => {
    const d = check();
    expect(d.outcome).toBe("INELIGIBLE");
    expect(d.reasons).toContainEqual(expect.objectContaining({ rule: "ELIG-1", code: "NOT_AUTHORIZED" }));
  });

  it("a signed partner may earn rebates", () => {
    expect(mayEarnRebates(partner())).toEqual({ outcome: "ELIGIBLE", reasons: [] });
  });
});

describe("ELIG-2 Foundations training: at least one person completed it", () => {
  const trainedAt = (completedAt: Date | null, extra: Partial<Parameters<typeof person>[0]> = {}): Partner =>
    partner({ people: [person({ trainings: [{ name: FOUNDATIONS_TRAINING, completedAt }], ...extra })] });

  it.each<[string, Partner, string]>([
    ["completed before now", trainedAt(at("2026-02-01T00:00:00Z")), "ELIGIBLE"],
    ["completed exactly at now", trainedAt(now), "ELIGIBLE"],
    ["completed 1 ms after now (not yet, as of now)", trainedAt(at("2026-03-01T12:00:00.001Z")), "INELIGIBLE"],
    ["enrolled, no completion date", trainedAt(null), "INELIGIBLE"],
    ["completed by a person who left (inactive)", trainedAt(at("2025-01-01T00:00:00Z"), { active: false }), "INELIGIBLE"],
    ["no people at all", partner({ people: [] }), "INELIGIBLE"],
    ["only another course", partner({ people: [person({ trainings: [{ name: "GitLab Sales Core", completedAt: now }] })] }), "INELIGIBLE"],
    [
      "one of two people trained",
      partner({ people: [person({ id: "x", trainings: [] }), person({ id: "y" })] }),
      "ELIGIBLE",
    ],
  ])("%s → %s", (_label, p, outcome) => {
    const d = mayRegisterDeals(p, now);
    expect(d.outcome).toBe(outcome);
    expect(codes(d)).toEqual(outcome === "ELIGIBLE" ? [] : ["NO_FOUNDATIONS_TRAINING"]);
  });
});

describe("ELIG-3 quote: only Open or Select track", () => {
  it.each([
    ["Open", "ELIGIBLE"],
    ["Select", "ELIGIBLE"],
    ["Distributor", "INELIGIBLE"],
    ["Alliance", "INELIGIBLE"],
    ["Unassigned", "INELIGIBLE"],
  ] as const)("track %s → %s", (track, outcome) => {
    const d = mayRequestQuote(partner({ track }));
    expect(d.outcome).toBe(outcome);
    expect(codes(d)).toEqual(outcome === "ELIGIBLE" ? [] : ["TRACK_CANNOT_QUOTE"]);
  });

  it("does not need Foundations training to quote", () => {
    expect(mayRequestQuote(partner({ people: [] })).outcome).toBe("ELIGIBLE");
  });
});

describe("ELIG-4 compliance: a non-compliant partner cannot have a registration approved", () => {
  it("refuses approval and good standing with NOT_COMPLIANT", () => {
    const p = partner({ compliant: false });
    expect(codes(mayHaveRegistrationApproved(p, now))).toEqual(["NOT_COMPLIANT"]);
    expect(codes(inGoodStanding(p))).toEqual(["NOT_COMPLIANT"]);
    expect(inGoodStanding(partner()).outcome).toBe("ELIGIBLE");
  });

  it("still lets a non-compliant partner register (ELIG-4 limits approval, not submission)", () => {
    expect(mayRegisterDeals(partner({ compliant: false }), now).outcome).toBe("ELIGIBLE");
  });

  it("reports every failing standing rule at once", () => {
    const p = partner({ agreementSigned: false, compliant: false, people: [] });
    expect(codes(mayHaveRegistrationApproved(p, now))).toEqual(["NOT_AUTHORIZED", "NO_FOUNDATIONS_TRAINING", "NOT_COMPLIANT"]);
  });
});
