import { describe, expect, it } from "vitest";
import { jsonNetCamelCase } from "../../src/mapping/json-net-camel-case.js";

describe("Json.NET camelCase of portal keys", () => {
  it.each([
    ["CrmId", "crmId"], ["Id", "id"], ["Partner_Track__cf", "partner_Track__cf"], ["NFR_Seats__cf", "nfR_Seats__cf"],
    ["PS_Designation__cf", "pS_Designation__cf"], ["URLValue", "urlValue"], ["ID", "id"], ["already", "already"], ["", ""],
  ])("%s → %s", (pascal, camel) => expect(jsonNetCamelCase(pascal)).toBe(camel));
});
