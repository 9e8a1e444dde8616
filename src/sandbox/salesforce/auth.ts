// `POST /services/oauth2/token`: client_credentials, JWT bearer (RS256 checked against the
// connected app's certificate) and refresh_token, answered exactly as Salesforce answers: no
// `expires_in`, `issued_at` as a string of epoch ms, a `refresh_token` only from a rotating refresh.
import { createHmac, timingSafeEqual, verify } from "node:crypto";
import { http, type HttpHandler } from "msw";
import type { SfOrg } from "./org.js";
import { json } from "./responses.js";
import { ORG_ID, USER_ID } from "./sessions.js";

const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const STANDARD_AUDIENCES = ["https://login.salesforce.com", "https://test.salesforce.com"];

class GrantError extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

export function authHandlers(org: SfOrg): HttpHandler[] {
  return [
    http.post("*/services/oauth2/token", async ({ request }) => {
      const origin = new URL(request.url).origin;
      const form = new URLSearchParams(await request.text());
      try {
        const grant = form.get("grant_type");
        let rotated: string | undefined;
        if (grant === "client_credentials") checkClient(org, form, request, true);
        else if (grant === JWT_GRANT) checkAssertion(org, form.get("assertion") ?? "", origin);
        else if (grant === "refresh_token") rotated = refresh(org, form, request);
        else throw new GrantError("unsupported_grant_type", "grant type not supported");
        return json(tokenResponse(org, origin, grant === "refresh_token", rotated));
      } catch (e) {
        if (!(e instanceof GrantError)) throw e;
        return json({ error: e.error, error_description: e.message }, 400);
      }
    }),
  ];
}

function tokenResponse(org: SfOrg, origin: string, refreshGrant: boolean, rotated: string | undefined): Record<string, string> {
  const { clientSecret } = org.opts.credentials;
  const id = `${origin}/id/${ORG_ID}/${USER_ID}`;
  const issuedAt = String(org.clock().getTime());
  const body: Record<string, string> = {
    access_token: org.sessions.issue(),
    ...(rotated ? { refresh_token: rotated } : {}),
    signature: createHmac("sha256", clientSecret).update(id + issuedAt).digest("base64"),
    scope: refreshGrant ? "refresh_token api" : "api",
    instance_url: origin,
    id,
    token_type: "Bearer",
    issued_at: issuedAt,
  };
  return body;
}

/** client_id/client_secret from the form or an HTTP Basic header. */
function checkClient(org: SfOrg, form: URLSearchParams, request: Request, secretRequired: boolean): void {
  const { clientId, clientSecret } = org.opts.credentials;
  let id = form.get("client_id");
  let secret = form.get("client_secret");
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (basic) {
    const [u, p] = Buffer.from(basic, "base64").toString().split(":");
    id = decodeURIComponent(u ?? "");
    secret = decodeURIComponent(p ?? "");
  }
  if (id !== clientId) throw new GrantError("invalid_grant", "client identifier invalid");
  if ((secretRequired || secret !== null) && !safeEqual(secret ?? "", clientSecret)) {
    throw new GrantError("invalid_grant", "invalid client credentials");
  }
}

function refresh(org: SfOrg, form: URLSearchParams, request: Request): string | undefined {
  checkClient(org, form, request, false);
  const token = form.get("refresh_token") ?? "";
  if (!org.sessions.isRefreshToken(token)) throw new GrantError("invalid_grant", "expired access/refresh token");
  return org.opts.refreshTokenRotation ? org.sessions.rotate(token) : undefined;
}

function checkAssertion(org: SfOrg, assertion: string, origin: string): void {
  const { clientId, username, publicKeyPem } = org.opts.credentials;
  const parts = assertion.split(".");
  if (parts.length !== 3) throw new GrantError("invalid_grant", "invalid assertion");
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string };
  let claims: { iss?: string; sub?: string; aud?: string | string[]; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString());
    claims = JSON.parse(Buffer.from(p, "base64url").toString());
  } catch {
    throw new GrantError("invalid_grant", "invalid assertion");
  }
  if (header.alg !== "RS256") throw new GrantError("invalid_grant", "invalid assertion");
  const ok = verify("RSA-SHA256", Buffer.from(`${h}.${p}`), publicKeyPem, Buffer.from(s, "base64url"));
  if (!ok) throw new GrantError("invalid_grant", "invalid assertion");
  if (claims.iss !== clientId) throw new GrantError("invalid_grant", "client identifier invalid");
  if (claims.sub !== username) throw new GrantError("invalid_grant", "user hasn't approved this consumer");
  const audiences = [origin, ...STANDARD_AUDIENCES];
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === "string" && audiences.includes(a.replace(/\/$/, "")))) {
    throw new GrantError("invalid_grant", "audience is invalid");
  }
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= org.clock().getTime()) {
    throw new GrantError("invalid_grant", "expired authorization code");
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
