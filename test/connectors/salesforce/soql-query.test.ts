import { describe, expect, it } from "vitest";
import { buildQuery } from "../../../src/connectors/salesforce/soql-query.js";

const window = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-01-02T00:00:00Z") };

describe("read SOQL", () => {
  it("selects a half-open SystemModstamp window, ANDs the caller's filter in parentheses, orders by (SystemModstamp, Id)", () => {
    expect(buildQuery({ object: "Account", fields: ["Name", "id"], window, where: "Partner__c = true OR Name = 'x'" })).toBe(
      "SELECT Id, SystemModstamp, Name FROM Account WHERE SystemModstamp >= 2026-01-01T00:00:00.000Z AND SystemModstamp < 2026-01-02T00:00:00.000Z AND (Partner__c = true OR Name = 'x') ORDER BY SystemModstamp, Id",
    );
  });

  it("has no lower bound for a window from the beginning, and selects deleted rows with IsDeleted = true", () => {
    expect(buildQuery({ object: "Account", fields: [], window: { start: null, end: window.end }, deleted: true })).toBe(
      "SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp < 2026-01-02T00:00:00.000Z AND IsDeleted = true ORDER BY SystemModstamp, Id",
    );
  });

  it("restarts a windowed read at the last instant seen, and a full read after the last Id seen", () => {
    expect(buildQuery({ object: "Account", fields: [], window }, { stamp: new Date("2026-01-01T12:00:00Z") })).toContain("SystemModstamp >= 2026-01-01T12:00:00.000Z AND");
    expect(buildQuery({ object: "Account", fields: ["Name"] }, { id: "001000000000001AAA" })).toBe("SELECT Id, Name FROM Account WHERE Id > '001000000000001AAA' ORDER BY Id");
  });

  it("refuses an object or field name that is not an identifier", () => {
    expect(() => buildQuery({ object: "Account WHERE", fields: [] })).toThrow(TypeError);
    expect(() => buildQuery({ object: "Account", fields: ["Name, (SELECT Id FROM Contacts)"] })).toThrow(TypeError);
  });
});
