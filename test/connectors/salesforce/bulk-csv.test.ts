import { describe, expect, it } from "vitest";
import { parseCsvRecords, toIngestCsv } from "../../../src/connectors/salesforce/bulk-csv.js";

describe("ingest CSV", () => {
  it("writes null as #N/A, an absent field as an empty cell, and quotes , \" and newlines", () => {
    const csv = toIngestCsv("Ext__c", [
      { key: "k1", fields: { Name: "a,b", Notes__c: null } },
      { key: "k,2", fields: { Name: 'say "hi"\nthere', Amount__c: 12.5, Flag__c: false } },
    ]);
    expect(csv).toBe(['Ext__c,Name,Notes__c,Amount__c,Flag__c', 'k1,"a,b",#N/A,,', '"k,2","say ""hi""\nthere",,12.5,false', ""].join("\n"));
  });

  it("treats an empty string as null (Salesforce stores it as null) rather than 'leave unchanged'", () => {
    expect(toIngestCsv("E", [{ key: "k", fields: { Name: "" } }])).toBe("E,Name\nk,#N/A\n");
  });

  it("never writes the external id twice, whatever its case in the fields", () => {
    expect(toIngestCsv("Ext__c", [{ key: "k", fields: { ext__c: "other", Name: "n" } }])).toBe("Ext__c,Name\nk,n\n");
  });

  it("refuses a value with no CSV form", () => {
    expect(() => toIngestCsv("E", [{ key: "k", fields: { Obj: { a: 1 } } }])).toThrow(/Obj/);
  });
});

describe("result CSV", () => {
  it("reads quoted cells holding commas, doubled quotes, newlines and CRLF line ends", () => {
    const text = '"sf__Id","sf__Error","Name"\r\n"","X:y, z --","a ""b""\nc"\r\n"001","",""\r\n';
    expect(parseCsvRecords(text)).toEqual([
      { sf__Id: "", sf__Error: "X:y, z --", Name: 'a "b"\nc' },
      { sf__Id: "001", sf__Error: "", Name: "" },
    ]);
  });

  it("reads a header-only file as no rows", () => {
    expect(parseCsvRecords('"sf__Id","sf__Created","Ext__c"\n')).toEqual([]);
  });
});
