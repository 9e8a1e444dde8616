// Coupa OAuth2 client-credentials tokens, cached and refreshed BEFORE they expire: Coupa suggests
// renewing at 20 h of a ~24 h token, and we also never keep one past 90% of its `expires_in`
// (whichever comes first), so a long run never spends a call on a 401. A 401 anyway (token revoked,
// clock skew) is handled by the caller: `invalidate` and ask again, once.
import { ConnectorError } from "../shared/connector-error.js";

export const REFRESH_AFTER_MS = 20 * 3_600_000;

export interface TokenResponse {
  access_token: string;
  expires_in: number;
}

export class CoupaTokenSource {
  private current: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<unknown>,
    private readonly now: () => number,
  ) {}

  /** A token valid for a while yet; concurrent callers share one token request. */
  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.pending ??= this.obtain().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget `token` (it was refused) unless a newer one replaced it already. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async obtain(): Promise<string> {
    const issuedAt = this.now();
    const body = (await this.fetchToken()) as Partial<TokenResponse> | undefined;
    if (typeof body?.access_token !== "string" || body.access_token === "") {
      throw new ConnectorError({ system: "coupa", route: "POST /oauth2/token", kind: "auth" }, "the token response has no access_token");
    }
    // Without expires_in, fall back to Coupa's documented 24 h lifetime.
    const lifetimeMs = (typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 86_400) * 1000;
    this.current = { token: body.access_token, refreshAt: issuedAt + Math.min(REFRESH_AFTER_MS, 0.9 * lifetimeMs) };
    return body.access_token;
  }
}
