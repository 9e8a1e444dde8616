// The three OAuth flows (systems.md): client_credentials, JWT bearer and refresh_token. Salesforce
// issues no `expires_in`: a session ends when a call answers 401, and jsforce then calls the
// refreshFn built here, which runs the same grant again. Only the refresh flow returns a refresh
// token, and only when rotation is on: the new one replaces the old (which stops working) and is
// handed to `onRefreshTokenRotated` so the caller can store it before anything else happens.
import { OAuth2, type HttpRequest, type HttpRequestOptions, type HttpResponse, type TokenResponse } from "jsforce";
import { installSafeRequest, type RequestStreamCreator } from "./safe-request.js";
import type { SalesforceConfig } from "../../config/config.schema.js";
import type { Secrets } from "../../config/secrets.js";
import { answerShape, ConnectorError, kindOfStatus } from "../shared/connector-error.js";
import { withRetry, type RetryPolicy } from "../shared/retry.js";
import { signJwtAssertion } from "./jwt-assertion.js";
import { toConnectorError } from "./sf-error.js";

const TOKEN_ROUTE = "POST /services/oauth2/token";
const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface SessionOptions {
  config: SalesforceConfig;
  secrets: Secrets;
  clock: () => Date;
  requestOptions: HttpRequestOptions;
  /** The HTTP exchange (safe-request.ts), shared with the connector's REST calls. */
  request: RequestStreamCreator;
  retryPolicy?: RetryPolicy;
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
}

function required(secrets: Secrets, name: keyof Secrets, flow: string): string {
  const value = secrets[name];
  if (!value) {
    throw new ConnectorError({ system: "salesforce", route: TOKEN_ROUTE, kind: "auth" }, `the ${flow} flow needs the secret ${name}`);
  }
  return value;
}

export class SalesforceSession {
  private readonly oauth2: OAuth2;
  private refreshToken: string | undefined;
  private lastStatus: number | undefined;
  /** The ConnectorError of the last failed grant: jsforce's refresh delegate rewraps it as a bare Error. */
  lastGrantError: ConnectorError | undefined;

  constructor(private readonly opts: SessionOptions) {
    const { auth, loginUrl } = opts.config;
    if (auth.flow === "client_credentials") required(opts.secrets, "salesforceClientSecret", auth.flow);
    if (auth.flow === "jwt") required(opts.secrets, "salesforcePrivateKey", auth.flow);
    if (auth.flow === "refresh_token") this.refreshToken = required(opts.secrets, "salesforceRefreshToken", auth.flow);
    // JWT needs no client secret; the refresh flow sends it when the connected app requires one.
    const clientSecret = auth.flow === "jwt" ? undefined : opts.secrets.salesforceClientSecret;
    this.oauth2 = new OAuth2({ loginUrl, clientId: auth.clientId, ...(clientSecret ? { clientSecret } : {}) });
    this.hookTransport();
  }

  /** Runs the configured grant: a new access token (and instance URL). */
  async grant(): Promise<TokenResponse> {
    const flow = this.opts.config.auth.flow;
    try {
      // A refresh with rotation is not repeatable: the first attempt may have revoked the token.
      const idempotent = flow !== "refresh_token";
      const res = await withRetry(() => this.grantOnce(), { idempotent, ...(this.opts.retryPolicy ? { policy: this.opts.retryPolicy } : {}) });
      this.lastGrantError = undefined;
      return res;
    } catch (e) {
      this.lastGrantError = e instanceof ConnectorError ? e : toConnectorError(e, { route: TOKEN_ROUTE }, this.opts.clock().getTime());
      throw this.lastGrantError;
    }
  }

  private async grantOnce(): Promise<TokenResponse> {
    try {
      return this.usable(await this.grantAnswer());
    } catch (e) {
      throw this.grantError(e);
    }
  }

  /**
   * The answer, if it holds what every later call needs. A 2xx without them (a proxy's or a sign-in
   * page, `{}`) used to surface as a TypeError or as "Failed to parse URL" at the first query.
   */
  private usable(res: unknown): TokenResponse {
    const r = res as Partial<Record<"access_token" | "instance_url", unknown>> | null | undefined;
    if (typeof r === "object" && r !== null && typeof r.access_token === "string" && r.access_token !== "" && typeof r.instance_url === "string" && /^https?:\/\/\S+$/.test(r.instance_url)) {
      return res as TokenResponse;
    }
    const got = answerShape(res);
    const status = this.lastStatus === undefined ? {} : { status: this.lastStatus };
    throw new ConnectorError({ system: "salesforce", route: TOKEN_ROUTE, kind: "server", ...status }, `expected access_token and an instance_url, got ${got}`);
  }

  private async grantAnswer(): Promise<TokenResponse> {
    const { auth, loginUrl } = this.opts.config;
    if (auth.flow === "client_credentials") return await this.oauth2.requestToken({ grant_type: "client_credentials" });
    if (auth.flow === "jwt") {
      const assertion = signJwtAssertion({
        clientId: auth.clientId,
        username: auth.username ?? "",
        audience: loginUrl,
        privateKeyPem: this.opts.secrets.salesforcePrivateKey ?? "",
        now: this.opts.clock(),
      });
      return await this.oauth2.requestToken({ grant_type: JWT_GRANT, assertion });
    }
    const res = await this.oauth2.refreshToken(this.refreshToken ?? "");
    if (res.refresh_token && res.refresh_token !== this.refreshToken) {
      this.refreshToken = res.refresh_token;
      await this.opts.onRefreshTokenRotated?.(res.refresh_token);
    }
    return res;
  }

  private grantError(e: unknown): ConnectorError {
    if (e instanceof ConnectorError) return e;
    const status = this.lastStatus;
    const err = e instanceof Error ? e : new Error(String(e));
    if (status === undefined || status < 400) return toConnectorError(err, { route: TOKEN_ROUTE }, this.opts.clock().getTime());
    // OAuth errors are `{error, error_description}`; jsforce puts `error` in the Error's name.
    const code = /^[a-z_]+$/.test(err.name) ? err.name : undefined;
    const kind = status === 400 || status === 401 ? "auth" : kindOfStatus(status);
    return new ConnectorError({ system: "salesforce", route: TOKEN_ROUTE, kind, status, ...(code ? { serviceCode: code } : {}) }, `${code ?? status}: ${err.message}`, { cause: err });
  }

  /** Our timeouts and no jsforce-internal retries for token calls too; remember the status. */
  private hookTransport(): void {
    const transport = this.oauth2._transport;
    installSafeRequest(transport, this.opts.request);
    const send = transport.httpRequest.bind(transport);
    transport.httpRequest = (req: HttpRequest, options?: HttpRequestOptions) => {
      this.lastStatus = undefined;
      const sent = send(req, { ...options, ...this.opts.requestOptions });
      sent.then(
        (res: HttpResponse) => (this.lastStatus = res.statusCode),
        () => undefined,
      );
      return sent;
    };
  }
}
