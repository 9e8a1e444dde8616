// Access tokens and refresh tokens the org has issued. A session has no lifetime of its own (the
// token response carries no expires_in); it ends when a call answers 401, which the
// `sessionExpiresAfterCalls` fault triggers after N calls.
import { randomBytes } from "node:crypto";

export const ORG_ID = "00D5g000004ORGAEAX";
export const USER_ID = "0055g00000USERAAAE";

export class SessionRegistry {
  private readonly sessions = new Map<string, { served: number }>();
  private readonly refreshTokens = new Set<string>();

  constructor(initialRefreshToken: string) {
    this.refreshTokens.add(initialRefreshToken);
  }

  issue(): string {
    const token = `${ORG_ID.slice(0, 15)}!${randomBytes(48).toString("base64url")}`;
    this.sessions.set(token, { served: 0 });
    return token;
  }

  /** Count one call on a token; false when the token is unknown or has used up its calls. */
  use(token: string | undefined, expiresAfterCalls: number | undefined): boolean {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s || !token) return false;
    if (expiresAfterCalls !== undefined && s.served >= expiresAfterCalls) {
      this.sessions.delete(token);
      return false;
    }
    s.served++;
    return true;
  }

  isRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  /** Rotation: the presented refresh token stops working and a new one takes its place. */
  rotate(old: string): string {
    this.refreshTokens.delete(old);
    const next = `5Aep8${randomBytes(40).toString("base64url")}`;
    this.refreshTokens.add(next);
    return next;
  }

  /** Test hook: end every session now, as an admin's "revoke sessions" would. */
  expireAll(): void {
    this.sessions.clear();
  }
}
