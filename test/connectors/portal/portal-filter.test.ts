import { describe, expect, it } from "vitest";
import { after, allOf, instant, keyFilters, keyLiteral, literal } from "../../../src/connectors/portal/portal-filter.js";

describe("portal filter literals", () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ["plain", "'plain'"],
    [42, "42"],
    [-1.5, "-1.5"],
    [true, "true"],
    [null, "null"],
    [new Date("2026-01-02T03:04:05.678Z"), "'2026-01-02T03:04:05.678+00:00'"],
  ])("renders %j as %s", (value, expected) => {
    expect(literal(value)).toBe(expected);
  });

  it("writes instants in UTC with an explicit +00:00 offset", () => {
    expect(instant(new Date("2026-05-16T19:27:14-06:00"))).toBe("2026-05-17T01:27:14.000+00:00");
  });

  it("types keys by the key field: numbers unquoted for numeric fields, invalid numbers refused", () => {
    expect(keyLiteral({ dataType: "Integer" }, "12")).toBe("12");
    expect(keyLiteral({ dataType: "Integer" }, "12a")).toBeUndefined();
    expect(keyLiteral({ dataType: "Integer" }, " ")).toBeUndefined();
    expect(keyLiteral({ dataType: "Text" }, "12")).toBe("'12'");
    expect(keyLiteral({ dataType: "Boolean" }, "true")).toBe("true");
  });

  it("parenthesises each term of a conjunction and drops empty ones", () => {
    expect(allOf(["A = 1", undefined, "B = 2 or C = 3", " "])).toBe("(A = 1) and (B = 2 or C = 3)");
    expect(allOf(["A = 1"])).toBe("A = 1");
    expect(allOf([])).toBe("");
  });

  it("anchors a page strictly after (Updated, Id)", () => {
    expect(after("2026-04-01T00:00:00-06:00", 7)).toBe("Updated > '2026-04-01T00:00:00-06:00' or (Updated = '2026-04-01T00:00:00-06:00' and Id > 7)");
  });

  it("splits key equalities by count and by length, keeping every key once", () => {
    const lits = Array.from({ length: 10 }, (_, i) => `'k${i}'`);
    expect(keyFilters("CrmId", lits, 4, 10_000).map((f) => f.split(" or ").length)).toEqual([4, 4, 2]);
    const byLength = keyFilters("CrmId", lits, 100, 40); // "CrmId = 'k0'" is 12 chars, +4 per " or "
    expect(byLength.every((f) => f.length <= 40)).toBe(true);
    expect(byLength.join(" or ").split(" or ")).toEqual(lits.map((l) => `CrmId = ${l}`));
  });
});
