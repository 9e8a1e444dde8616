import { describe, expect, it } from "vitest";
import { reason } from "../../../src/rules/decision.js";
import { ReasonCodeTexts } from "../../../src/sync/decide/reason-code-texts.js";

describe("ReasonCodeTexts", () => {
  it("lists rule:code texts in first-occurrence order without repeats", () => {
    const codes = new ReasonCodeTexts();
    const a = reason("DR-4", "EXPIRED", "one");
    const b = reason("DISC-1", "PARTNER_SOURCED", "two");
    expect(codes.list([a])).toEqual(["DR-4:EXPIRED"]);
    expect(codes.list([b, a])).toEqual(["DISC-1:PARTNER_SOURCED", "DR-4:EXPIRED"]);
    expect(codes.list([a, reason("DR-4", "EXPIRED", "other message")])).toEqual(["DR-4:EXPIRED"]);
    expect(codes.list([a, b, a, reason("DR-3", "DUPLICATE_APPROVAL", "x")])).toEqual(["DR-4:EXPIRED", "DISC-1:PARTNER_SOURCED", "DR-3:DUPLICATE_APPROVAL"]);
    expect(codes.list([])).toEqual([]);
  });

  it("tells apart the same code under two rules", () => {
    const codes = new ReasonCodeTexts();
    expect(codes.list([reason("LEAD-3", "ALREADY_RECALLED", "m"), reason("LEAD-4", "ALREADY_RECALLED", "m")])).toEqual(["LEAD-3:ALREADY_RECALLED", "LEAD-4:ALREADY_RECALLED"]);
    expect(codes.list([reason("LEAD-4", "ALREADY_RECALLED", "m"), reason("LEAD-3", "ALREADY_RECALLED", "m")])).toEqual(["LEAD-4:ALREADY_RECALLED", "LEAD-3:ALREADY_RECALLED"]);
  });

  it("gives a code its text again after another code was asked for", () => {
    const codes = new ReasonCodeTexts();
    const first = codes.list([reason("NFR-4", "NFR_EXPIRED", "m")])[0];
    codes.list([reason("NFR-6", "NFR_REQUEST_OVERDUE", "m")]);
    expect(codes.of(reason("NFR-4", "NFR_EXPIRED", "n"))).toBe(first);
  });
});

describe("ReasonCodeTexts one-code lists", () => {
  it("gives writes with the same single code one shared list, and a repeated code that list too", () => {
    const codes = new ReasonCodeTexts();
    const first = codes.list([reason("DISC-1", "PARTNER_SOURCED", "one")]);
    codes.list([reason("DR-4", "EXPIRY_DEADLINE", "m")]);
    expect(codes.list([reason("DISC-1", "PARTNER_SOURCED", "two")])).toBe(first);
    expect(codes.list([reason("DISC-1", "PARTNER_SOURCED", "a"), reason("DISC-1", "PARTNER_SOURCED", "b")])).toBe(first);
    expect(first).toEqual(["DISC-1:PARTNER_SOURCED"]);
  });
});
