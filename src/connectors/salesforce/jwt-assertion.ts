// The JWT bearer flow's assertion (RFC 7523 as Salesforce reads it): RS256 over
// `{iss: client id, sub: username, aud: login URL, exp}`, signed with the private key whose
// certificate is uploaded to the connected app. Salesforce refuses an exp more than 3 minutes out.
import { createSign } from "node:crypto";

export const JWT_LIFETIME_SECONDS = 180;

export interface JwtClaimsInput {
  clientId: string;
  username: string;
  /** The login URL (https://login.salesforce.com, https://test.salesforce.com or My Domain). */
  audience: string;
  privateKeyPem: string;
  now: Date;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signJwtAssertion(input: JwtClaimsInput): string {
  const exp = Math.floor(input.now.getTime() / 1000) + JWT_LIFETIME_SECONDS;
  const head = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url({ iss: input.clientId, sub: input.username, aud: input.audience.replace(/\/$/, ""), exp })}`;
  const signature = createSign("RSA-SHA256").update(head).sign(input.privateKeyPem).toString("base64url");
  return `${head}.${signature}`;
}
