import { createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JWT_LIFETIME_SECONDS, signJwtAssertion } from "../../../src/connectors/salesforce/jwt-assertion.js";
import { credentials } from "./harness.js";

describe("JWT bearer assertion", () => {
  it("is RS256-signed with the connected app's key and claims iss, sub, aud and an exp at most 3 minutes out", () => {
    const c = credentials();
    const now = new Date("2026-05-07T22:07:19.000Z");
    const jwt = signJwtAssertion({ clientId: c.clientId, username: c.username, audience: "https://login.salesforce.com/", privateKeyPem: c.privateKeyPem, now });
    const [h, p, s] = jwt.split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toMatchObject({ alg: "RS256" });
    const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toEqual({ iss: c.clientId, sub: c.username, aud: "https://login.salesforce.com", exp: now.getTime() / 1000 + JWT_LIFETIME_SECONDS });
    expect(JWT_LIFETIME_SECONDS).toBeLessThanOrEqual(180);
    expect(createVerify("RSA-SHA256").update(`${h}.${p}`).verify(c.publicKeyPem, Buffer.from(s, "base64url"))).toBe(true);
  });
});
