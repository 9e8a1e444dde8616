import { describe, expect, it } from "vitest";
import type { SupplierBanking } from "../../src/domain/index.js";
import { reason } from "../../src/rules/decision.js";
import { bankingFailures, earnedQuarter, payoutDueAt, payoutStatus, type PayoutInput } from "../../src/rules/payout.js";
import type { RebateDecision } from "../../src/rules/rebate-decision.js";
import { at } from "./fixtures/entities.js";

const config = { fiscalYearStartMonth: 2, fxToUsd: { EUR: { usdPerUnit: 1.08, minorUnitExponent: 2 } } };
const connected: SupplierBanking = { partnerId: "P1", coupaSupplierId: "S1", status: "connected" };
const earned = (earnedAtIso: string, o: Partial<RebateDecision> = {}): RebateDecision => ({
  outcome: "ELIGIBLE",
  reasons: [],
  amount: { amountMinor: 100_000, currency: "USD" },
  earnedAt: at(earnedAtIso),
  ...o,
});
const input = (o: Partial<PayoutInput>): PayoutInput => ({
  partnerId: "P1",
  rebate: earned("2026-09-15T12:00:00Z"),
  banking: connected,
  paidAt: null,
  now: at("2026-10-01T00:00:00Z"),
  config,
  ...o,
});
const codes = (d: { reasons: { code: string }[] } | null): string[] => d?.reasons.map((r) => r.code) ?? [];

describe("PAY-1 earned quarter: the fiscal quarter of the earning instant", () => {
  it.each([
    ["2026-10-31T23:59:59.999Z", 2, "FY2027-Q3"],
    ["2026-11-01T00:00:00.000Z", 2, "FY2027-Q4"],
    ["2027-01-31T23:59:59.999Z", 2, "FY2027-Q4"],
    ["2027-02-01T00:00:00.000Z", 2, "FY2028-Q1"],
    ["2026-12-31T23:59:59.999Z", 1, "FY2026-Q4"],
  ])("%s (start month %i) → %s", (iso, start, name) => {
    expect(earnedQuarter(at(iso), start).name).toBe(name);
  });
});

describe("PAY-2 due 45 days after the end of the earned quarter (Interpretation: all rebates)", () => {
  it.each([
    ["2026-09-15T12:00:00Z", 2, "2026-12-15T23:59:59.999Z"], // FY2027-Q3 ends 2026-10-31T23:59:59.999Z
    ["2026-12-01T00:00:00Z", 2, "2027-03-17T23:59:59.999Z"], // FY2027-Q4 ends 2027-01-31
    ["2027-11-15T00:00:00Z", 2, "2028-03-16T23:59:59.999Z"], // ends 2028-01-31; Feb 2028 has 29 days
    ["2026-03-31T00:00:00Z", 1, "2026-05-15T23:59:59.999Z"],
  ])("earned %s (start %i) → due %s", (iso, start, due) => {
    expect(payoutDueAt(at(iso), start).toISOString()).toBe(due);
  });

  it.each([
    ["at the due instant", "2026-12-15T23:59:59.999Z", false],
    ["1 ms after", "2026-12-16T00:00:00.000Z", true],
  ])("unpaid %s → overdue %s", (_label, nowIso, overdue) => {
    const d = payoutStatus(input({ now: at(nowIso) }));
    expect([d?.outcome, d?.overdue]).toEqual(["READY", overdue]);
    expect(codes(d)).toEqual(overdue ? ["OVERDUE"] : []);
  });
});

describe("PAY-3 banking: connected in Coupa with bank details", () => {
  it.each<[string, SupplierBanking | null, string[]]>([
    ["connected", connected, []],
    ["remit-to address without bank details", { ...connected, status: "remit_to_only" }, ["NO_COUPA_BANKING"]],
    ["no active supplier", { ...connected, coupaSupplierId: null, status: "none" }, ["NO_COUPA_BANKING"]],
    ["partner not mapped to Coupa", null, ["NO_COUPA_BANKING"]],
  ])("%s → %j", (_label, banking, expected) => {
    expect(codes({ reasons: bankingFailures("P1", banking) })).toEqual(expected);
  });
});

describe("PAY-4 status: exactly one of PAID, READY, BLOCKED, INELIGIBLE, plus overdue", () => {
  const late = at("2027-01-01T00:00:00Z"); // after the 2026-12-15 due date
  it.each<[string, Partial<PayoutInput>, string, boolean, string[]]>([
    ["eligible, connected, unpaid", {}, "READY", false, []],
    ["paid", { paidAt: at("2026-09-30T00:00:00Z") }, "PAID", false, ["PAID"]],
    ["paid late is PAID, not overdue", { paidAt: at("2026-12-20T00:00:00Z"), now: late }, "PAID", false, ["PAID"]],
    ["a payment dated after now is not yet paid", { paidAt: at("2026-10-01T00:00:00.001Z") }, "READY", false, []],
    ["no banking", { banking: null }, "BLOCKED", false, ["NO_COUPA_BANKING"]],
    ["no banking, past due", { banking: null, now: late }, "BLOCKED", true, ["NO_COUPA_BANKING", "OVERDUE"]],
    ["ready but past due", { now: late }, "READY", true, ["OVERDUE"]],
    [
      "POE missing (blocked, never earned, so never overdue)",
      { rebate: { outcome: "BLOCKED", reasons: [reason("SA-2", "POE_NOT_APPROVED", "x")], amount: { amountMinor: 5, currency: "USD" }, earnedAt: null }, now: late },
      "BLOCKED", false, ["POE_NOT_APPROVED"],
    ],
    [
      "a rule fails",
      { rebate: { outcome: "INELIGIBLE", reasons: [reason("FOI-3", "NOT_SELECT_PARTNER", "x")], amount: null, earnedAt: null }, now: late },
      "INELIGIBLE", false, ["NOT_SELECT_PARTNER"],
    ],
    [
      "informational rebate reasons travel along without blocking",
      { rebate: earned("2026-09-15T12:00:00Z", { reasons: [reason("REF-3", "MARKETPLACE_QUALIFIES", "x")] }) },
      "READY", false, ["MARKETPLACE_QUALIFIES"],
    ],
  ])("%s → %s", (_label, overrides, outcome, overdue, reasonCodes) => {
    const d = payoutStatus(input(overrides));
    expect([d?.outcome, d?.overdue, codes(d)]).toEqual([outcome, overdue, reasonCodes]);
  });

  it("has no accrual for a PENDING rebate", () => {
    expect(payoutStatus(input({ rebate: { outcome: "PENDING", reasons: [], amount: null, earnedAt: null } }))).toBeNull();
  });

  it("reports the earned quarter, due date and USD amount", () => {
    const d = payoutStatus(input({ rebate: earned("2026-09-15T12:00:00Z", { amount: { amountMinor: 10_000, currency: "EUR" } }) }));
    expect(d).toMatchObject({ earnedQuarter: "FY2027-Q3", amountUsd: { amountMinor: 10_800, currency: "USD" } });
    expect(d?.dueAt?.toISOString()).toBe("2026-12-15T23:59:59.999Z");
  });
});

describe("PAY-5 an amount without a configured rate blocks the payout", () => {
  it("BLOCKED with CURRENCY_UNCONVERTIBLE and no USD amount", () => {
    const d = payoutStatus(input({ rebate: earned("2026-09-15T12:00:00Z", { amount: { amountMinor: 10_000, currency: "CHF" } }) }));
    expect([d?.outcome, d?.amountUsd, codes(d)]).toEqual(["BLOCKED", null, ["CURRENCY_UNCONVERTIBLE"]]);
  });
});
