import { describe, expect, it } from "vitest";
import { SoqlError } from "../../../src/sandbox/salesforce/soql-error.js";
import { parseSoql } from "../../../src/sandbox/salesforce/soql-parser.js";

const fail = (q: string): SoqlError => {
  try {
    parseSoql(q);
  } catch (e) {
    return e as SoqlError;
  }
  throw new Error(`parsed: ${q}`);
};

describe("SOQL parser", () => {
  it("parses fields, nested AND/OR/NOT, IN, NOT IN, LIKE, ORDER BY with NULLS, LIMIT and OFFSET", () => {
    const q = parseSoql(
      "select Id, Name from Account where (Name like 'A%' or Name = null) and not Industry in ('Tech') and Id not in ('001000000000001') order by Name desc nulls last, Id limit 10 offset 5",
    );
    expect(q.select).toMatchObject({ kind: "fields", fields: [{ name: "Id" }, { name: "Name" }] });
    expect(q.where).toMatchObject({ kind: "and", terms: [{ kind: "or" }, { kind: "not", term: { kind: "in", negated: false } }, { kind: "in", negated: true }] });
    expect(q.orderBy).toMatchObject([{ field: { name: "Name" }, descending: true, nullsLast: true }, { field: { name: "Id" }, descending: false, nullsLast: false }]);
    expect([q.limit, q.offset]).toEqual([10, 5]);
  });

  it("decodes every string escape", () => {
    const q = parseSoql("SELECT Id FROM Account WHERE Name = 'a\\\\b\\'c\\nd\\re\\tf\\bg\\fh\\\"i'");
    expect(q.where).toMatchObject({ value: { kind: "string", value: "a\\b'c\nd\re\tf\bg\fh\"i" } });
  });

  it.each([
    ["2026-01-01T00:00:00Z", "datetime"],
    ["2026-01-01T00:00:00+02:00", "datetime"],
    ["2026-01-01T00:00:00.000+0000", "datetime"],
    ["2026-01-01", "date"],
    ["-12.5", "number"],
    ["TRUE", "boolean"],
  ])("reads %s as a %s literal", (lit, kind) => {
    expect(parseSoql(`SELECT Id FROM Account WHERE X = ${lit}`).where).toMatchObject({ value: { kind } });
  });

  it("parses COUNT()", () => {
    expect(parseSoql("SELECT COUNT() FROM Account").select.kind).toBe("count");
  });

  it.each([
    ["SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3", "unexpected token: 'OR'", "1:46"],
    ["SELECT Id FROM", "unexpected token: '<EOF>'", "1:15"],
    ["SELECT Id,\nName FROM Account WHERE", "unexpected token: '<EOF>'", "2:24"],
    ["SELECT Id FROM Account WHERE Name = 'x", "unexpected token: '<EOF>'", "1:39"],
    ["SELECT Id, Id FROM Account", "duplicate field selected: Id", "1:12"],
  ])("rejects %j with MALFORMED_QUERY: %s at %s", (q, detail, at) => {
    const e = fail(q);
    expect(e.errorCode).toBe("MALFORMED_QUERY");
    const [row, col] = at.split(":");
    expect(e.message).toContain(`ERROR at Row:${row}:Column:${col}\n${detail}`);
  });

  it("refuses an OFFSET over 2000", () => {
    expect(fail("SELECT Id FROM Account OFFSET 2001").errorCode).toBe("NUMBER_OUTSIDE_VALID_RANGE");
  });
});
