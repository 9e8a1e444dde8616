// The sandbox core carrying the real emulators to the real clients, the way the worker will use it.
import { readFile } from "node:fs/promises";
import axios from "axios";
import jsforce from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySandboxData } from "../../src/sandbox/sandbox-data.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";

let sandbox: Sandbox;
const ROWS = 4500;

beforeAll(async () => {
  // jsforce reads HTTP(S)_PROXY and ignores NO_PROXY (systems.md)
  for (const v of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) delete process.env[v];
  const data = emptySandboxData();
  data.salesforce.records.Account = Array.from({ length: ROWS }, (_, i) => ({ Name: `Account ${i}` }));
  data.portal.records.Account = [{ Name: "Acme Partners" }];
  sandbox = await startSandbox({ data });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("real clients through the sandbox", () => {
  it("jsforce logs in with client credentials and pages a query to the end, every page counted", async () => {
    const sf = sandbox.config.systems.salesforce;
    const token = await axios.post(
      `${sf.loginUrl}/services/oauth2/token`,
      new URLSearchParams({ grant_type: "client_credentials", client_id: sf.auth.clientId, client_secret: await readFile(sf.auth.clientSecretFile, "utf8") }),
    );
    const conn = new jsforce.Connection({ instanceUrl: token.data.instance_url, accessToken: token.data.access_token, version: sf.apiVersion });
    const records: unknown[] = [];
    let result = await conn.query<{ Name: string }>("SELECT Id, Name FROM Account");
    records.push(...result.records);
    while (!result.done && result.nextRecordsUrl) {
      result = await conn.queryMore<{ Name: string }>(result.nextRecordsUrl);
      records.push(...result.records);
    }
    expect(records).toHaveLength(ROWS);
    const routes = sandbox.recorder.counts().systems.salesforce?.routes ?? {};
    expect(routes["GET /services/data/:version/query"]).toBe(1);
    expect(routes["GET /services/data/:version/query/:locator"]).toBe(Math.ceil(ROWS / 2000) - 1);
  });

  it("axios sees a generic 429 with Retry-After in the portal's format, then the data", async () => {
    const portal = sandbox.config.systems.portal;
    const client = axios.create({
      baseURL: `${portal.baseUrl}/api/objects/v1`,
      headers: { Authorization: `prm-key ${await readFile(portal.apiKeyFile, "utf8")}`, "X-PRM-TenantId": String(portal.tenantId) },
      validateStatus: () => true,
    });
    const remove = sandbox.faults.add("portal", { kind: "status", status: 429, retryAfter: 1, times: 1 });
    const limited = await client.get("/Account");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("1");
    expect(limited.data).toEqual({ success: false, message: "sandbox fault: 429" });
    const ok = await client.get("/Account", { params: { fields: "Name" } });
    expect(ok.status).toBe(200);
    expect(ok.data.data.results).toMatchObject([{ name: "Acme Partners" }]);
    remove();
  });
});
