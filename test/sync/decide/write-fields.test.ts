import { describe, expect, it } from "vitest";
import { fieldsInOrder, insertSorted, REASON_CODES, sortedFieldNames } from "../../../src/sync/decide/write-fields.js";

describe("write-fields", () => {
  it("inserts names in code-unit order, once each", () => {
    const names: string[] = [];
    for (const name of ["status", "derived.expiresAt", "nextInLine", "derived.discountRate", "status", REASON_CODES]) insertSorted(names, name);
    expect(names).toEqual(["derived.discountRate", "derived.expiresAt", REASON_CODES, "nextInLine", "status"]);
  });

  it("sorts a write's field names with derived.reasonCodes among them", () => {
    expect(sortedFieldNames({ status: "Expired", "derived.expiresAt": null })).toEqual(["derived.expiresAt", REASON_CODES, "status"]);
  });

  it("accepts fields laid out in order with derived.reasonCodes, turning undefined into null", () => {
    const fields = { "derived.discountRate": 0.1, [REASON_CODES]: null, status: undefined as unknown as null };
    expect(fieldsInOrder(fields)).toBe(true);
    expect(Object.entries(fields)).toEqual([["derived.discountRate", 0.1], [REASON_CODES, null], ["status", null]]);
  });

  it("refuses fields out of order or without derived.reasonCodes", () => {
    expect(fieldsInOrder({ status: "Expired", [REASON_CODES]: null })).toBe(false);
    expect(fieldsInOrder({ "derived.discountRate": 0.1, status: "Approved" })).toBe(false);
  });
});
