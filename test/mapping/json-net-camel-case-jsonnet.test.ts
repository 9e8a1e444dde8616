import { describe, expect, it } from "vitest";
import { jsonNetCamelCase } from "../../src/mapping/json-net-camel-case.js";

describe("jsonNetCamelCase reproduces Json.NET's ToCamelCase", () => {
  it.each([
    ["CrmId", "crmId"],
    ["Partner_Track__cf", "partner_Track__cf"],
    ["NFR_Seats__cf", "nfR_Seats__cf"],
    ["ID", "id"],
    ["Id", "id"],
    ["URLValue", "urlValue"],
    ["URL", "url"],
    ["IPhone", "iPhone"],
    ["IPHONE", "iphone"],
    ["IsCIA", "isCIA"],
    ["VmQ", "vmQ"],
    ["Xml2Json", "xml2Json"],
    ["SnAkEcAsE", "snAkEcAsE"],
    ["SnA__kEcAsE", "snA__kEcAsE"],
    ["SnA__ kEcAsE", "snA__ kEcAsE"],
    ["already_snake_case_ ", "already_snake_case_ "],
    ["IsJSONProperty", "isJSONProperty"],
    ["SHOUTING_CASE", "shoutinG_CASE"],
    ["9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z"],
    ["Hi!! This is text. Time to test.", "hi!! This is text. Time to test."],
    ["BUILDING", "building"],
    ["BUILDING Property", "building Property"],
    ["Building Property", "building Property"],
    ["BUILDING PROPERTY", "building PROPERTY"],
    ["A", "a"],
    ["a", "a"],
    ["", ""],
    ["ABCd", "abCd"],
    ["RecordVersion", "recordVersion"],
    ["Deal_Registration__c", "deal_Registration__c"],
  ])("%s → %s", (input, expected) => {
    expect(jsonNetCamelCase(input)).toBe(expected);
  });

  it("lowers only the leading capital run, treating a non-ASCII capital like any other", () => {
    expect(jsonNetCamelCase("ÄÖÜber")).toBe("äöÜber");
  });
});
