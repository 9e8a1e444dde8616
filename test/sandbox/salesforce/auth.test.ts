import { createSign } from "node:crypto";
import { Connection, OAuth2 } from "jsforce";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceEmulator, type SalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { accounts, credentials, describes, fixedClock, unsetProxies } from "./fixture.js";
import { serve, type Served } from "./serve.js";
import { generateKeyPairSync } from "node:crypto";

beforeAll(unsetProxies);

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const creds = credentials();
const now = fixedClock()();

async function start(opts: { refreshTokenRotation?: boolean; faults?: unknown } = {}): Promise<SalesforceEmulator> {
  const emu = createSalesforceEmulator({
    seed: { describes: describes(), records: { Account: accounts(3) } },
    credentials: creds,
    clock: fixedClock(),
    ...opts,
  });
  served = await serve(emu.handlers);
  return emu;
}

function jwt(claims: Record<string, unknown>, privateKeyPem = creds.privateKeyPem): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = `${enc({ alg: "RS256" })}.${enc(claims)}`;
  const sig = createSign("RSA-SHA256").update(head).sign(privateKeyPem).toString("base64url");
  return `${head}.${sig}`;
}

const goodClaims = () => ({ iss: creds.clientId, sub: creds.username, aud: served!.url, exp: Math.floor(now.getTime() / 1000) + 180 });

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${served!.url}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("token endpoint", () => {
  it("issues a session for a JWT bearer assertion signed with the connected app's key, shaped like Salesforce's", async () => {
    await start();
    const { status, body } = await token({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: jwt(goodClaims()) });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["access_token", "id", "instance_url", "issued_at", "scope", "signature", "token_type"]);
    expect(body).toMatchObject({ token_type: "Bearer", instance_url: served!.url, issued_at: String(now.getTime()) });
    const conn = new Connection({ instanceUrl: body.instance_url as string, accessToken: body.access_token as string });
    expect((await conn.query("SELECT Id FROM Account")).totalSize).toBe(3);
  });

  it.each([
    ["a signature from another key", () => jwt(goodClaims(), generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString())],
    ["another subject", () => jwt({ ...goodClaims(), sub: "someone@else" })],
    ["another audience", () => jwt({ ...goodClaims(), aud: "https://evil.example" })],
    ["an expired assertion", () => jwt({ ...goodClaims(), exp: Math.floor(now.getTime() / 1000) - 1 })],
  ])("refuses %s with 400 invalid_grant", async (_name, assertion) => {
    await start();
    const { status, body } = await token({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: assertion() });
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_grant");
  });

  it("issues client_credentials sessions without a refresh token and refuses a wrong secret", async () => {
    await start();
    const ok = await token({ grant_type: "client_credentials", client_id: creds.clientId, client_secret: creds.clientSecret });
    expect(ok.status).toBe(200);
    expect(ok.body.refresh_token).toBeUndefined();
    expect(ok.body.expires_in).toBeUndefined();
    const bad = await token({ grant_type: "client_credentials", client_id: creds.clientId, client_secret: "nope" });
    expect(bad).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("rotates refresh tokens when rotation is on: the new one works, the old one is refused", async () => {
    await start({ refreshTokenRotation: true });
    const oauth2 = new OAuth2({ loginUrl: served!.url, clientId: creds.clientId, clientSecret: creds.clientSecret });
    const first = await oauth2.refreshToken(creds.refreshToken);
    expect(first.refresh_token).toBeTruthy();
    expect(first.refresh_token).not.toBe(creds.refreshToken);
    await expect(oauth2.refreshToken(creds.refreshToken)).rejects.toMatchObject({ name: "invalid_grant" });
    const second = await oauth2.refreshToken(first.refresh_token!);
    expect(second.access_token).toBeTruthy();
  });

  it("keeps the refresh token and returns none when rotation is off", async () => {
    await start();
    const oauth2 = new OAuth2({ loginUrl: served!.url, clientId: creds.clientId, clientSecret: creds.clientSecret });
    const a = await oauth2.refreshToken(creds.refreshToken);
    expect(a.refresh_token).toBeUndefined();
    await expect(oauth2.refreshToken(creds.refreshToken)).resolves.toMatchObject({ token_type: "Bearer" });
  });
});

describe("session expiry", () => {
  it("answers 401 INVALID_SESSION_ID after N calls; jsforce's refreshFn runs the grant again and replays", async () => {
    await start({ faults: { sessionExpiresAfterCalls: 2 } });
    let refreshes = 0;
    const grant = async () => {
      refreshes++;
      return (await token({ grant_type: "client_credentials", client_id: creds.clientId, client_secret: creds.clientSecret })).body.access_token as string;
    };
    const conn = new Connection({
      instanceUrl: served!.url,
      accessToken: await grant(),
      refreshFn: (_c, callback) => {
        grant().then((t) => callback(null, t), (e: Error) => callback(e));
      },
    });
    refreshes = 0;
    for (let i = 0; i < 5; i++) expect((await conn.query("SELECT Id FROM Account")).totalSize).toBe(3);
    expect(refreshes).toBe(2);
  });

  it("refuses an unknown token with 401 and the Salesforce body", async () => {
    await start();
    const res = await fetch(`${served!.url}/services/data/v62.0/limits`, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
  });
});
