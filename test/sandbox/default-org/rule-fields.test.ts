import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldRefExists } from "../../../src/sandbox/default-org/field-ref.js";
import { ruleFields } from "../../../src/sandbox/default-org/rule-fields.js";

const rulesDoc = readFileSync("/work/shared/docs/program-rules.md", "utf8");
const ruleIdsInDoc = [...new Set([...rulesDoc.matchAll(/\*\*([A-Z]+-\d+)\b/g)].map((m) => m[1]!))];

describe("every rule input has a home in the default org", () => {
  it("reads the rule ids of program-rules.md", () => {
    expect(ruleIdsInDoc.length).toBeGreaterThan(50);
  });

  it("maps every rule id of program-rules.md to at least one field", () => {
    const missing = ruleIdsInDoc.filter((id) => (ruleFields[id]?.length ?? 0) === 0);
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(ruleFields))("%s: every field it reads exists", (_, refs) => {
    expect(refs.filter((r) => !fieldRefExists(r))).toEqual([]);
  });

  it("rejects a reference to a field the org lacks", () => {
    expect(fieldRefExists("sf:Account.Nope__c")).toBe(false);
    expect(fieldRefExists("portal:Prospect.Nope")).toBe(false);
    expect(fieldRefExists("coupa:invoices.nope")).toBe(false);
  });
});
