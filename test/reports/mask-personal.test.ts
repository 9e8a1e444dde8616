import { describe, expect, it } from "vitest";
import { maskEmails, maskPersonal, maskPhone } from "../../src/reports/mask-personal.js";

describe("maskPersonal", () => {
  it("keeps the first letter and the domain of every email in a text", () => {
    expect(maskEmails("jane.doe@example.com")).toBe("j***@example.com");
    expect(maskEmails("ask finance@acme.example or b@x.io today")).toBe("ask f***@acme.example or b***@x.io today");
  });

  it("keeps the shape and the last two digits of a phone number", () => {
    expect(maskPhone("+1 (415) 555-0167")).toBe("+* (***) ***-**67");
    expect(maskPersonal("endUserContact.phone", "0049 30 1234")).toBe("**** ** **34");
  });

  it("hides an email field's value even when it is not a well-formed email", () => {
    expect(maskPersonal("customerContactEmail", "jane at example")).toBe("***");
    expect(maskPersonal("customerName", "Jane at Example")).toBe("Jane at Example");
  });
});
