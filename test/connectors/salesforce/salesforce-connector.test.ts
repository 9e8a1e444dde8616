// The connector's API budget (caps checked before a call, usage read from every response) and its
// describe/limits calls, against the emulator.
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../../../src/connectors/shared/connector-error.js";
import { accounts, connect, drain, startOrg, stopOrgs } from "./harness.js";

afterEach(stopOrgs);

const read = { fields: ["Name"] };

describe("API budget", () => {
  it("reports the org's usage from Sforce-Limit-Info and counts its own calls", async () => {
    const org = await startOrg({ records: { Account: accounts(3) }, dailyApiLimit: 1000 });
    const sf = connect(org);
    await drain(sf.readAll("Account", read));
    await sf.limits();
    expect(sf.budget()).toEqual({ used: 2, max: 1000, calls: 2 });
  });

  it("stops with kind budget BEFORE the call that would pass maxCallsPerRun", async () => {
    const org = await startOrg({ records: { Account: accounts(5) }, pageSize: 1 });
    const sf = connect(org, { budget: { maxCallsPerRun: 3 } });
    const seen: unknown[] = [];
    const e = await (async () => {
      for await (const p of sf.readAll("Account", read)) seen.push(...p.records);
    })().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ kind: "budget", serviceCode: "PS_MAX_CALLS_PER_RUN", route: "GET /query/{locator}" });
    expect(seen).toHaveLength(3);
    expect(org.count("GET")).toBe(3);
  });

  it("stops before the org's usage would pass maxPercentOfDailyLimit", async () => {
    // 100 calls a day, 88 used: a 90% cap leaves exactly 2 calls.
    const org = await startOrg({ records: { Account: accounts(1) }, dailyApiLimit: 100, faults: { apiBudgetRemaining: 12 } });
    const sf = connect(org, { budget: { maxPercentOfDailyLimit: 90 } });
    await sf.limits();
    await sf.limits();
    await expect(sf.limits()).rejects.toMatchObject({ kind: "budget", serviceCode: "PS_MAX_PERCENT_OF_DAILY_LIMIT" });
    expect(org.count("GET", "/limits")).toBe(2);
    expect(sf.budget()).toMatchObject({ used: 90, max: 100 });
  });

  it("does not spend a retry on a call the cap refuses", async () => {
    const org = await startOrg({ records: { Account: accounts(1) } });
    org.faults.add("salesforce", { kind: "status", status: 503, path: "/services/data/:version/limits" });
    const sf = connect(org, { budget: { maxCallsPerRun: 2 } });
    await expect(sf.limits()).rejects.toMatchObject({ kind: "budget" });
    expect(org.count("GET", "/limits")).toBe(2);
  });
});

describe("describe and limits", () => {
  it("describes an object's fields for the mappings check", async () => {
    const org = await startOrg();
    const d = await connect(org).describe("Account");
    expect(d.name).toBe("Account");
    expect(d.fields.find((f) => f.name === "Portal_Id__c")).toMatchObject({ externalId: true, type: "string" });
  });

  it("lists the org's objects", async () => {
    const org = await startOrg();
    const g = await connect(org).describeGlobal();
    expect(g.sobjects.map((s) => s.name)).toContain("Account");
  });

  it("names the route, status and NOT_FOUND of an unknown object", async () => {
    const org = await startOrg();
    await expect(connect(org).describe("Nope__c")).rejects.toMatchObject({ kind: "client", status: 404, serviceCode: "NOT_FOUND", route: "GET /sobjects/{object}/describe" });
  });

  it("reads the daily API allocation", async () => {
    const org = await startOrg({ dailyApiLimit: 5000 });
    expect((await connect(org).limits()).DailyApiRequests).toEqual({ Max: 5000, Remaining: 4999 });
  });
});
