import { describe, expect, it } from "vitest";
import { ApiBudget, parseLimitInfo } from "../../../src/connectors/salesforce/api-budget.js";

describe("Sforce-Limit-Info", () => {
  it.each([
    ["api-usage=25/15000", { used: 25, max: 15000 }],
    ["api-usage=25/15000; api-bursts=3/100", { used: 25, max: 15000 }],
    ["per-app-api-usage=1/10(appName=x); api-usage = 7 / 100", { used: 7, max: 100 }],
  ])("reads %j", (header, expected) => {
    expect(parseLimitInfo(header)).toEqual(expected);
  });

  it.each([undefined, "", "api-bursts=3/100", "api-usage=lots"])("ignores %j", (header) => {
    expect(parseLimitInfo(header)).toBeUndefined();
  });
});

describe("budget caps", () => {
  it("allows calls until the next one would pass maxCallsPerRun", () => {
    const b = new ApiBudget({ maxCallsPerRun: 2 });
    b.take("GET /query");
    b.take("GET /query");
    expect(() => b.take("GET /query")).toThrow(expect.objectContaining({ kind: "budget", route: "GET /query" }));
    expect(b.state().calls).toBe(2);
  });

  it("applies maxPercentOfDailyLimit only once a response has told the usage", () => {
    const b = new ApiBudget({ maxPercentOfDailyLimit: 50 });
    b.take("GET /limits");
    b.observe("api-usage=49/100");
    b.take("GET /limits");
    b.observe("api-usage=50/100");
    expect(() => b.take("GET /limits")).toThrow(expect.objectContaining({ kind: "budget", serviceCode: "PS_MAX_PERCENT_OF_DAILY_LIMIT" }));
  });
});
