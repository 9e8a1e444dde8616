import { describe, expect, it } from "vitest";
import { SfStore } from "../../../src/sandbox/salesforce/store.js";
import { runQuery } from "../../../src/sandbox/salesforce/soql-eval.js";
import { parseSoql } from "../../../src/sandbox/salesforce/soql-parser.js";
import { describes, fixedClock } from "./fixture.js";

function store(): SfStore {
  const s = new SfStore(describes(), fixedClock());
  s.insert("Account", { Name: "acme", Industry: "Tech", AnnualRevenue: 10, Signed_On__c: "2026-02-01" });
  s.insert("Account", { Name: "Beta_Co", Industry: null, AnnualRevenue: 20, Signed_On__c: "2026-03-01" });
  s.insert("Account", { Name: "Gamma", Industry: "Retail", AnnualRevenue: null }, { systemModstamp: "2026-05-07T23:00:00+01:00" });
  return s;
}

const names = (soql: string, includeDeleted = false) => runQuery(store(), parseSoql(soql), { includeDeleted }).rows.map((r) => r.Name);

describe("SOQL evaluation", () => {
  it("compares text case-insensitively and LIKE with % and _ and escaped _", () => {
    expect(names("SELECT Name FROM Account WHERE Name = 'ACME'")).toEqual(["acme"]);
    expect(names("SELECT Name FROM Account WHERE Name LIKE '%a'")).toEqual(["Gamma"]);
    expect(names("SELECT Name FROM Account WHERE Name LIKE 'B___\\_%'")).toEqual(["Beta_Co"]);
  });

  it("compares datetimes as instants whatever the literal's zone", () => {
    // Gamma's stamp is 22:00Z, written as 23:00+01:00
    expect(names("SELECT Name FROM Account WHERE SystemModstamp < 2026-05-07T22:00:00.001Z")).toEqual(["Gamma"]);
    expect(names("SELECT Name FROM Account WHERE SystemModstamp = 2026-05-07T20:00:00-02:00")).toEqual(["Gamma"]);
    expect(names("SELECT Name FROM Account WHERE SystemModstamp > 2026-05-07T22:00:00.000+0000")).toEqual(["acme", "Beta_Co"]);
  });

  it("handles null, IN, NOT IN, numbers, dates and booleans", () => {
    expect(names("SELECT Name FROM Account WHERE Industry = null")).toEqual(["Beta_Co"]);
    expect(names("SELECT Name FROM Account WHERE Industry NOT IN ('Tech')")).toEqual(["Beta_Co", "Gamma"]);
    expect(names("SELECT Name FROM Account WHERE AnnualRevenue >= 15")).toEqual(["Beta_Co"]);
    expect(names("SELECT Name FROM Account WHERE Signed_On__c < 2026-02-15")).toEqual(["acme"]);
    expect(names("SELECT Name FROM Account WHERE Partner__c = false OR Name = 'x'")).toEqual([]);
  });

  it("orders by several keys with NULLS FIRST by default and NULLS LAST on request", () => {
    expect(names("SELECT Name FROM Account ORDER BY AnnualRevenue")).toEqual(["Gamma", "acme", "Beta_Co"]);
    expect(names("SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS LAST")).toEqual(["Beta_Co", "acme", "Gamma"]);
    expect(names("SELECT Name FROM Account ORDER BY Industry NULLS LAST, Name LIMIT 2")).toEqual(["Gamma", "acme"]);
  });

  it.each([
    ["SELECT Name FROM Account WHERE Name = 5", "INVALID_FIELD"],
    ["SELECT Name FROM Account WHERE AnnualRevenue = '5'", "INVALID_FIELD"],
    ["SELECT Name FROM Account WHERE Notes__c = 'x'", "INVALID_FIELD"],
    ["SELECT Owner.Name FROM Account", "INVALID_FIELD"],
    ["SELECT Name FROM Acount", "INVALID_TYPE"],
    ["SELECT Name FROM Account WHERE Id = 'nope'", "INVALID_QUERY_FILTER_OPERATOR"],
  ])("refuses %j with %s", (soql, code) => {
    expect(() => names(soql)).toThrow(expect.objectContaining({ errorCode: code }));
  });
});
