// The REST call layer through the connector's public calls: session refresh and replay, retries of
// transient failures (counted at the emulator), and errors that name route, status and errorCode.
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../../../src/connectors/shared/connector-error.js";
import { accounts, connect, sfConfig, startOrg, stopOrgs, type Org } from "./harness.js";

afterEach(stopOrgs);

const QUERY = "/query";
const read = { fields: ["Name"] };
const all = async (it: AsyncIterable<{ records: unknown[] }>) => {
  let n = 0;
  for await (const p of it) n += p.records.length;
  return n;
};

describe("session expiry", () => {
  it("on 401 INVALID_SESSION_ID refreshes once and replays the call", async () => {
    const org = await startOrg({ records: { Account: accounts(5) }, faults: { sessionExpiresAfterCalls: 1 } });
    const sf = connect(org, { flow: "jwt" });
    expect(await all(sf.readAll("Account", read))).toBe(5);
    expect(await all(sf.readAll("Account", read))).toBe(5);
    expect(org.count("POST", "/services/oauth2/token")).toBe(2);
    expect(org.recorder.counts().systems.salesforce?.statuses["401"]).toBe(1);
  });

  it("fails the run with kind auth when the replay after a refresh answers 401 again", async () => {
    const org = await startOrg({ records: { Account: accounts(5) } });
    org.faults.add("salesforce", { kind: "status", status: 401, path: "/services/data/:version/query", times: 5 });
    const sf = connect(org);
    const e = await all(sf.readAll("Account", read)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ kind: "auth", status: 401, serviceCode: "INVALID_SESSION_ID", route: "GET /query" });
    expect(org.count("GET", QUERY)).toBe(2);
    expect(org.count("POST", "/services/oauth2/token")).toBe(2);
  });
});

describe("transient failures", () => {
  it.each([
    ["429 with Retry-After", { kind: "status", status: 429, retryAfter: 0, times: 3 }],
    ["503", { kind: "status", status: 503, times: 3 }],
    ["a dropped connection", { kind: "drop", times: 2 }],
  ] as const)("recovers from a storm of %s by retrying the read", async (_name, fault) => {
    const org = await startOrg({ records: { Account: accounts(7) } });
    org.faults.add("salesforce", { ...fault, path: "/services/data/:version/query" });
    const sf = connect(org);
    expect(await all(sf.readAll("Account", read))).toBe(7);
    expect(org.count("GET", QUERY)).toBe(1 + fault.times);
  });

  it("times a hung request out and retries it", async () => {
    const org = await startOrg({ records: { Account: accounts(2) } });
    org.faults.add("salesforce", { kind: "latency", ms: 1500, path: "/services/data/:version/query", times: 1 });
    const sf = connect(org, { timeoutMs: 200 });
    expect(await all(sf.readAll("Account", read))).toBe(2);
    expect(sf.budget().calls).toBe(2);
  });

  // jsforce 3.10's own exchange let a body that failed after the headers throw on a stream with no
  // listener: an uncaught exception that ended the process (safe-request.ts).
  it("fails a call whose answer is cut mid-body as a network error, and retries the read", async () => {
    const org = await startOrg({ records: { Account: accounts(7) } });
    org.faults.add("salesforce", { kind: "drop", at: "body", path: "/services/data/:version/query", times: 2 });
    const sf = connect(org);
    expect(await all(sf.readAll("Account", read))).toBe(7);
    expect(org.count("GET", QUERY)).toBe(3);
  });

  it("names the route and kind network once the retries of a cut answer are spent", async () => {
    const org = await startOrg({ records: { Account: accounts(1) } });
    org.faults.add("salesforce", { kind: "drop", at: "body", path: "/services/data/:version/query" });
    const sf = connect(org, { retryPolicy: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } });
    const e = await all(sf.readAll("Account", read)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ kind: "network", system: "salesforce", route: "GET /query" });
    expect(org.count("GET", QUERY)).toBe(2);
  });

  // Not the stall's 60 s, nor undici's default 300 s body timeout.
  it.each([
    ["the factory's timeoutMs", (org: Org) => connect(org, { timeoutMs: 300 })],
    ["the config's systems.salesforce.timeoutMs (the factory setting none)", (org: Org) => connect(org, { config: { ...sfConfig(org), timeoutMs: 1_000 } })],
  ])("times out an answer that stalls after its headers (the timeout between body chunks) and retries it: %s", async (_name, open) => {
    const org = await startOrg({ records: { Account: accounts(2) } });
    org.faults.add("salesforce", { kind: "drop", at: "body", stallMs: 60_000, path: "/services/data/:version/query", times: 1 });
    const started = performance.now();
    expect(await all(open(org).readAll("Account", read))).toBe(2);
    expect(org.count("GET", QUERY)).toBe(2);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("retries a token grant whose answer is cut mid-body", async () => {
    const org = await startOrg({ records: { Account: accounts(3) } });
    org.faults.add("salesforce", { kind: "drop", at: "body", path: "/services/oauth2/token", times: 1 });
    const sf = connect(org);
    expect(await all(sf.readAll("Account", read))).toBe(3);
    expect(org.count("POST", "/services/oauth2/token")).toBe(2);
  });

  it("gives up after the policy's retries with the last error's kind and status", async () => {
    const org = await startOrg({ records: { Account: accounts(1) } });
    org.faults.add("salesforce", { kind: "status", status: 503, path: "/services/data/:version/query" });
    const sf = connect(org, { retryPolicy: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    const e = await all(sf.readAll("Account", read)).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "server", status: 503, serviceCode: "SERVER_UNAVAILABLE", route: "GET /query" });
    expect(org.count("GET", QUERY)).toBe(3);
  });

  it("does not retry 403 REQUEST_LIMIT_EXCEEDED: kind budget, one call", async () => {
    const org = await startOrg({ records: { Account: accounts(1) }, faults: { apiBudgetRemaining: 0 } });
    const sf = connect(org);
    const e = await all(sf.readAll("Account", read)).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "budget", status: 403, serviceCode: "REQUEST_LIMIT_EXCEEDED" });
    expect((e as ConnectorError).transient).toBe(false);
    expect(org.count("GET", QUERY)).toBe(1);
  });

  it("reports a SOQL error as a client error with Salesforce's errorCode, not retried", async () => {
    const org = await startOrg({ records: { Account: accounts(1) } });
    const sf = connect(org);
    const e = await all(sf.readAll("Account", { fields: ["NoSuchField__c"] })).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: "client", status: 400, serviceCode: "INVALID_FIELD", system: "salesforce" });
    expect(org.count("GET", QUERY)).toBe(1);
  });
});
