// 2xx answers that are not what the API promises — a proxy's or a maintenance page, a truncated or
// empty JSON, a token answer without its token — from a bare server on 127.0.0.1 (the emulator always
// answers in shape). Each must fail as a ConnectorError naming the route and what came, not as a
// TypeError from deep inside a read or a "Failed to parse URL" at the first query.
import "./no-proxy.js";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSalesforceConnector } from "../../../src/connectors/salesforce/index.js";
import { ConnectorError } from "../../../src/connectors/shared/connector-error.js";

type Answer = { type: string; body: string; status?: number; location?: string };
const TOKEN: Answer = { type: "application/json", body: "" };
const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A bare Salesforce: `token` answers the grant (the instance URL filled in), `query` every other call. */
async function bareOrg(answers: { token?: Answer; query: Answer }): Promise<{ url: string; calls: Map<string, number> }> {
  const calls = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = req.url?.startsWith("/services/oauth2/token") ? "token" : "query";
    calls.set(route, (calls.get(route) ?? 0) + 1);
    const self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const a = route === "token" ? (answers.token ?? { type: "application/json", body: JSON.stringify({ access_token: "t0k", instance_url: self, id: "i", token_type: "Bearer", issued_at: "1", signature: "s" }) }) : answers.query;
    const moved = a.location !== undefined && route === "query" && !req.url?.startsWith(a.location);
    res.writeHead(moved ? (a.status ?? 302) : 200, { "content-type": a.type, ...(moved ? { location: `${self}${a.location}` } : {}) });
    res.end(moved ? "" : a.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

async function readFails(url: string): Promise<ConnectorError> {
  const sf = createSalesforceConnector({
    config: { loginUrl: url, apiVersion: "62.0", auth: { flow: "client_credentials", clientId: "c" } },
    secrets: { salesforceClientSecret: "s" },
    retryPolicy: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
  });
  const e = await (async () => {
    for await (const _page of sf.readAll("Account", { fields: ["Name"] })) void _page;
  })().catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

describe("a 2xx answer that is not what the API promises", () => {
  it("a query answered by an HTML page: kind server, the route and the content type named, retried", async () => {
    const org = await bareOrg({ query: { type: "text/html; charset=utf-8", body: "<html>\n<body>Down for maintenance</body></html>" } });
    const e = await readFails(org.url);
    expect(e).toMatchObject({ system: "salesforce", route: "GET /query", kind: "server", status: 200 });
    expect(e.message).toContain("expected a JSON answer, got text/html; charset=utf-8: <html> <body>Down for maintenance");
    expect(org.calls.get("query")).toBe(3);
  });

  it("a query answered by truncated JSON", async () => {
    const org = await bareOrg({ query: { type: "application/json", body: '{"totalSize":1,"done":tru' } });
    const e = await readFails(org.url);
    expect(e).toMatchObject({ route: "GET /query", kind: "server" });
    expect(e.message).toContain('got application/json: {"totalSize":1,"done":tru');
  });

  it("a query answered by JSON without done and records", async () => {
    const org = await bareOrg({ query: { type: "application/json", body: '{"totalSize":1}' } });
    const e = await readFails(org.url);
    expect(e).toMatchObject({ route: "GET /query", kind: "server" });
    expect(e.message).toContain("expected a query answer with done and records, got an object with totalSize");
  });

  it("follows a redirect as jsforce does (a GET of the new location)", async () => {
    const body = JSON.stringify({ totalSize: 1, done: true, records: [{ attributes: { type: "Account" }, Id: "001000000000001AAA", Name: "A" }] });
    const org = await bareOrg({ query: { type: "application/json", body, location: "/moved/services/data/v62.0/query" } });
    const sf = createSalesforceConnector({
      config: { loginUrl: org.url, apiVersion: "62.0", auth: { flow: "client_credentials", clientId: "c" } },
      secrets: { salesforceClientSecret: "s" },
    });
    const ids: unknown[] = [];
    for await (const page of sf.readAll("Account", { fields: ["Name"] })) ids.push(...page.records.map((r) => r.Id));
    expect(ids).toEqual(["001000000000001AAA"]);
    expect(org.calls.get("query")).toBe(2);
  });

  it.each([
    ["an HTML sign-in page", { type: "text/html", body: "<html>Sign in</html>" }, "no JSON body"],
    ["{}", { type: "application/json", body: "{}" }, "an object with no keys"],
    ["a token without its instance URL", { type: "application/json", body: '{"access_token":"SECRET-TOKEN"}' }, "an object with access_token"],
  ])("a token grant answered by %s: kind server on the token route, the values never in the message", async (_name, token, got) => {
    const org = await bareOrg({ token, query: TOKEN });
    const e = await readFails(org.url);
    expect(e).toMatchObject({ system: "salesforce", route: "POST /services/oauth2/token", kind: "server" });
    expect(e.message).toContain(`expected access_token and an instance_url, got ${got}`);
    expect(e.message).not.toContain("SECRET-TOKEN");
    expect(org.calls.get("query") ?? 0).toBe(0);
  });
});
