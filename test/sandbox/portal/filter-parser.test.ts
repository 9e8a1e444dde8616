import { describe, expect, it } from "vitest";
import { FilterSyntaxError, parseFilter } from "../../../src/sandbox/portal/filter-parser.js";

describe("parseFilter", () => {
  it("binds and tighter than or", () => {
    expect(parseFilter("A = 1 or B = 2 and C = 3")).toEqual({
      kind: "or",
      terms: [
        { kind: "cmp", field: "A", position: 1, op: "=", value: { type: "number", value: 1 } },
        {
          kind: "and",
          terms: [
            { kind: "cmp", field: "B", position: 10, op: "=", value: { type: "number", value: 2 } },
            { kind: "cmp", field: "C", position: 20, op: "=", value: { type: "number", value: 3 } },
          ],
        },
      ],
    });
  });

  it("lets parentheses override precedence", () => {
    const tree = parseFilter("(A = 1 OR B = 2) AND C = 3");
    expect(tree.kind).toBe("and");
    expect(tree.kind === "and" && tree.terms[0]?.kind).toBe("or");
  });

  it("reads literals: escaped quotes, negative and decimal numbers, booleans, null, <> as !=", () => {
    const lits = ["'it''s'", "-1.5", "TRUE", "false", "Null"].map((v) => {
      const n = parseFilter(`X = ${v}`);
      return n.kind === "cmp" ? n.value : undefined;
    });
    expect(lits).toEqual([
      { type: "string", value: "it's" },
      { type: "number", value: -1.5 },
      { type: "boolean", value: true },
      { type: "boolean", value: false },
      { type: "null" },
    ]);
    const ne = parseFilter("X <> 1");
    expect(ne.kind === "cmp" && ne.op).toBe("!=");
  });

  it.each([
    ["X = 'a' and", 12],
    ["X == 1", 4],
    ["= 1", 1],
    ["X like 5", 8],
    ["X = 1)", 6],
    ["X = @", 5],
  ])("reports %s as a syntax error at position %i", (text, position) => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FilterSyntaxError);
      expect((err as FilterSyntaxError).position).toBe(position);
    }
  });
});
