// Every REST call to the instance goes through `request`: one jsforce Connection over our HTTP
// exchange (safe-request.ts: undici, keep-alive agent, a body that fails midway fails the call), our timeout, no jsforce-internal retries (they ignore Retry-After and would spend API calls
// behind our back: we retry idempotent calls ourselves), the budget checked before each attempt, the
// usage header read from each answer, and a second 401 of one call ending it instead of letting
// jsforce refresh and replay forever.
import { Connection, type HttpRequest, type HttpRequestOptions, type HttpResponse } from "jsforce";
import type { Logger } from "pino";
import { httpDate } from "../connector.js";
import { ConnectorError, textStart } from "../shared/connector-error.js";
import { withRetry, type RetryPolicy } from "../shared/retry.js";
import type { ApiBudget } from "./api-budget.js";
import { installSafeRequest, type RequestStreamCreator } from "./safe-request.js";
import type { SalesforceSession } from "./session.js";
import { toConnectorError } from "./sf-error.js";

export interface ApiRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** `/query?q=…` (relative to /services/data/vNN.N) or `/services/data/…` (nextRecordsUrl). */
  path: string;
  /** For errors and logs: `GET /query`, `PATCH /composite/sobjects/Account/Ext__c`. */
  route: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Whether repeating it is safe (reads, upserts by external id). */
  idempotent: boolean;
  /** Return the body as text rather than parsed (CSV results). */
  raw?: boolean;
  signal?: AbortSignal;
}

interface CallState {
  route: string;
  status: number | undefined;
  headers: Record<string, string> | undefined;
  unauthorized: number;
}

export interface ApiClientOptions {
  apiVersion: string;
  session: SalesforceSession;
  budget: ApiBudget;
  requestOptions: HttpRequestOptions;
  /** The HTTP exchange (safe-request.ts): jsforce's own lets a body that fails midway crash the process. */
  request: RequestStreamCreator;
  retryPolicy?: RetryPolicy;
  clock: () => Date;
  logger?: Logger;
}

/** A 2xx whose body is not the JSON every non-raw call expects: kind `server` (retried when safe). */
function notJson(state: CallState, body: string): ConnectorError {
  const type = state.headers?.["content-type"] ?? "no content type";
  return new ConnectorError(
    { system: "salesforce", route: state.route, kind: "server", ...(state.status === undefined ? {} : { status: state.status }) },
    `expected a JSON answer, got ${type}: ${textStart(body)}`,
  );
}

export class SalesforceApiClient {
  readonly conn: Connection;
  /** Keyed by the headers object of a request: jsforce passes that same object down to the transport. */
  private readonly calls = new WeakMap<object, CallState>();
  private sessionReady: Promise<void> | undefined;
  /** The `Date` of the instance's latest answer (docs/sync-engine.md "Clocks"). */
  serverDate: Date | undefined;

  constructor(private readonly opts: ApiClientOptions) {
    this.conn = new Connection({
      version: opts.apiVersion,
      refreshFn: (_conn, callback) => {
        opts.session.grant().then(
          (res) => {
            this.conn.instanceUrl = res.instance_url;
            callback(null, res.access_token, res);
          },
          (e: Error) => callback(e),
        );
      },
    });
    this.hookTransport();
  }

  async request<T>(req: ApiRequest): Promise<T> {
    await this.ensureSession();
    const state: CallState = { route: req.route, status: undefined, headers: undefined, unauthorized: 0 };
    const now = () => this.opts.clock().getTime();
    return withRetry(
      async () => {
        const headers: Record<string, string> = { ...req.headers };
        if (req.contentType) headers["content-type"] = req.contentType;
        this.calls.set(headers, state);
        const httpReq: HttpRequest = { method: req.method, url: req.path, headers, ...(req.body === undefined ? {} : { body: req.body }) };
        try {
          const body = await this.conn.request<T>(httpReq, req.raw ? { responseType: "text/plain" } : {});
          // jsforce hands over the text of a body it could not parse as JSON (a proxy's or a maintenance
          // page, a truncated answer): a failed call naming the route, not a string for the caller to trip on.
          if (!req.raw && typeof body === "string" && body !== "") throw notJson(state, body);
          return body;
        } catch (e) {
          if (e instanceof Error && e.message.startsWith("Unable to refresh session") && this.opts.session.lastGrantError) throw this.opts.session.lastGrantError;
          throw toConnectorError(e, state, now());
        }
      },
      {
        idempotent: req.idempotent,
        now,
        ...(this.opts.retryPolicy ? { policy: this.opts.retryPolicy } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        onRetry: ({ error, attempt, waitMs }) =>
          this.opts.logger?.warn({ route: error.route, status: error.status, code: error.serviceCode, attempt, waitMs }, "salesforce call failed; retrying"),
      },
    );
  }

  private ensureSession(): Promise<void> {
    this.sessionReady ??= this.opts.session.grant().then(
      (res) => {
        this.conn.accessToken = res.access_token;
        this.conn.instanceUrl = res.instance_url;
      },
      (e: unknown) => {
        this.sessionReady = undefined;
        throw e;
      },
    );
    return this.sessionReady;
  }

  private hookTransport(): void {
    const transport = this.conn._transport;
    installSafeRequest(transport, this.opts.request);
    const send = transport.httpRequest.bind(transport);
    transport.httpRequest = (req: HttpRequest, options?: HttpRequestOptions) => {
      const state = req.headers ? this.calls.get(req.headers) : undefined;
      if (!state) return send(req, { ...options, ...this.opts.requestOptions });
      // Thrown synchronously inside jsforce's async request: it rejects that call, nothing is sent.
      this.opts.budget.take(state.route);
      state.status = undefined;
      state.headers = undefined;
      const sent = send(req, { ...options, ...this.opts.requestOptions });
      const observed = sent.then((res: HttpResponse) => {
        state.status = res.statusCode;
        state.headers = res.headers;
        this.opts.budget.observe(res.headers["sforce-limit-info"]);
        this.serverDate = httpDate(res.headers.date) ?? this.serverDate;
        if (res.statusCode === 401 && ++state.unauthorized > 1) {
          throw new ConnectorError(
            { system: "salesforce", route: state.route, kind: "auth", status: 401, serviceCode: "INVALID_SESSION_ID" },
            "the session was refused again right after a refresh",
          );
        }
        return res;
      });
      return Object.assign(observed, { stream: () => sent.stream() }) as typeof sent;
    };
  }
}
