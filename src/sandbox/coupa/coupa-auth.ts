// Coupa's OAuth2 client-credentials grant and bearer tokens: each token carries the scopes it was
// issued for and expires on the emulator's clock, so a client's refresh-before-expiry logic and its
// 401 handling both meet the real situations.
import { randomBytes } from "node:crypto";
import type { Clock, SandboxCredentials } from "../contracts.js";

export type TokenGrant =
  | { ok: true; body: { access_token: string; token_type: "bearer"; expires_in: number } }
  | { ok: false; status: 400 | 401; body: { error: string; error_description: string } };

export type TokenCheck = { ok: true; scopes: ReadonlySet<string> } | { ok: false; message: string };

export class CoupaTokens {
  private readonly tokens = new Map<string, { scopes: Set<string>; expiresAt: number }>();

  constructor(
    private readonly credentials: SandboxCredentials["coupa"],
    private readonly clock: Clock,
    private readonly expiresInSeconds: number,
  ) {}

  /** `form` is the decoded body; `basic` the client id/secret of an HTTP Basic header, if any. */
  grant(form: URLSearchParams, basic?: { id: string; secret: string }): TokenGrant {
    const fail = (status: 400 | 401, error: string, error_description: string): TokenGrant => ({ ok: false, status, body: { error, error_description } });
    if (form.get("grant_type") !== "client_credentials") {
      return fail(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported");
    }
    const id = form.get("client_id") ?? basic?.id;
    const secret = form.get("client_secret") ?? basic?.secret;
    if (id !== this.credentials.clientId || secret !== this.credentials.clientSecret) {
      return fail(401, "invalid_client", "Client authentication failed");
    }
    const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    const unknown = requested.filter((s) => !this.credentials.scopes.includes(s));
    if (unknown.length > 0) return fail(400, "invalid_scope", `Scope not granted to this client: ${unknown.join(" ")}`);
    // No scope asked: the client's full grant *(choice)*; a client should always ask for what it needs.
    const scopes = new Set(requested.length > 0 ? requested : this.credentials.scopes);
    const token = randomBytes(24).toString("base64url");
    this.tokens.set(token, { scopes, expiresAt: this.clock().getTime() + this.expiresInSeconds * 1000 });
    return { ok: true, body: { access_token: token, token_type: "bearer", expires_in: this.expiresInSeconds } };
  }

  check(authorization: string | null): TokenCheck {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
    if (!m) return { ok: false, message: "Missing bearer token" };
    const entry = this.tokens.get(m[1] as string);
    if (!entry) return { ok: false, message: "Invalid access token" };
    if (this.clock().getTime() >= entry.expiresAt) return { ok: false, message: "Access token expired" };
    return { ok: true, scopes: entry.scopes };
  }

  reset(): void {
    this.tokens.clear();
  }
}
