import { describe, expect, it } from "vitest";
import { soqlDate, soqlDateTime, soqlIdentifier, soqlInList, soqlLiteral, soqlNumber, soqlString } from "../../../src/connectors/salesforce/soql-literal.js";

describe("SOQL string literals", () => {
  it.each([
    ["plain", "'plain'"],
    ["O'Brien", "'O\\'Brien'"],
    ["back\\slash", "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"], // backslash escaped first, so the quote's escape is not doubled
    ["a\nb\rc\td", "'a\\nb\\rc\\td'"],
    ["\b\f", "'\\b\\f'"],
    ['say "x"', "'say \\\"x\\\"'"],
  ])("escapes %j as %s", (input, expected) => {
    expect(soqlString(input)).toBe(expected);
  });
});

describe("other literals", () => {
  it("writes datetimes unquoted in UTC with milliseconds", () => {
    expect(soqlDateTime(new Date("2026-01-01T02:00:00+02:00"))).toBe("2026-01-01T00:00:00.000Z");
    expect(() => soqlDateTime(new Date("nope"))).toThrow(TypeError);
  });

  it("writes dates unquoted and refuses what is not a calendar date", () => {
    expect(soqlLiteral(soqlDate("2026-02-28"))).toBe("2026-02-28");
    expect(() => soqlDate("2026-2-28")).toThrow(TypeError);
    expect(() => soqlDate("2026-13-01")).toThrow(TypeError);
  });

  it("keeps 0 and false as themselves (jsforce's builder turns them into '')", () => {
    expect(soqlLiteral(0)).toBe("0");
    expect(soqlLiteral(false)).toBe("false");
    expect(soqlLiteral(true)).toBe("true");
    expect(soqlLiteral(null)).toBe("null");
    expect(soqlLiteral(-12.5)).toBe("-12.5");
  });

  it("refuses numbers without a SOQL form", () => {
    for (const n of [Number.NaN, Infinity, 1e21]) expect(() => soqlNumber(n)).toThrow(TypeError);
  });

  it("writes IN lists of mixed literals and refuses an empty one", () => {
    expect(soqlInList(["a'b", 1, null])).toBe("('a\\'b', 1, null)");
    expect(() => soqlInList([])).toThrow(TypeError);
  });

  it("accepts plain and dotted identifiers and refuses anything else", () => {
    expect(soqlIdentifier("Account.Portal_Id__c")).toBe("Account.Portal_Id__c");
    for (const bad of ["Name FROM User", "x'", "", "1abc", "a..b"]) expect(() => soqlIdentifier(bad)).toThrow(TypeError);
  });
});
