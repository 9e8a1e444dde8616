// The portal's HTTP layer: one axios instance per connector with keep-alive agents (a sync pages
// thousands of records; a new TLS handshake per page would dominate), the tenant-bound key headers,
// a request timeout, and every failure turned into a ConnectorError the engine can act on.
import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from "axios";
import { httpDate } from "../connector.js";
import { ConnectorError, kindOfStatus, noWholeAnswer } from "../shared/connector-error.js";
import { axiosProxy } from "../shared/proxy.js";
import { parseRetryAfter } from "../shared/retry-after.js";

export const PORTAL_API_PREFIX = "/api/objects/v1";

export interface PortalHttpOptions {
  baseUrl: string;
  tenantId: number;
  apiKey: string;
  timeoutMs: number;
  /** `systems.portal.proxyUrl`: calls go through it; unset: direct. */
  proxyUrl?: string | undefined;
  now: () => number;
}

export interface PortalCall {
  method: "GET" | "PATCH" | "POST";
  /** Path below /api/objects/v1, e.g. `/Account` or `/Account/_describe`. */
  path: string;
  params?: Record<string, string | number>;
  body?: unknown;
  signal?: AbortSignal;
}

export type PortalHttp = (call: PortalCall) => Promise<AxiosResponse>;

/** The portal's error envelope `{success:false, message}`; anything else yields undefined. */
export function portalMessage(data: unknown): string | undefined {
  if (typeof data === "object" && data !== null && "message" in data) {
    const m = (data as { message: unknown }).message;
    if (typeof m === "string") return m;
  }
  return undefined;
}

export function createPortalHttp(opts: PortalHttpOptions): { call: PortalHttp; serverDate(): Date | undefined; close(): void } {
  let lastDate: Date | undefined;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  const instance: AxiosInstance = axios.create({
    baseURL: `${opts.baseUrl.replace(/\/+$/, "")}${PORTAL_API_PREFIX}`,
    headers: {
      Authorization: `prm-key ${opts.apiKey}`,
      "X-PRM-TenantId": String(opts.tenantId),
      Accept: "application/json",
    },
    timeout: opts.timeoutMs,
    httpAgent,
    httpsAgent,
    // Statuses are judged below, so that every failure becomes one typed error in one place.
    validateStatus: () => true,
    // HTTP(S)_PROXY from the environment must not silently reroute calls to a tenant's data: only
    // the configured proxy is used.
    proxy: axiosProxy(opts.proxyUrl),
  });

  const call: PortalHttp = async ({ method, path, params, body, signal }) => {
    const route = `${method} ${PORTAL_API_PREFIX}${path}`;
    let res: AxiosResponse;
    try {
      res = await instance.request({ method, url: path, ...(params ? { params } : {}), ...(body === undefined ? {} : { data: body }), ...(signal ? { signal } : {}) });
    } catch (e) {
      // A caller's abort is a decision, not a failure: it must not be classified (and retried) as network.
      if (isAxiosError(e) && e.code === "ERR_CANCELED") throw signal?.reason ?? e;
      // No answer at all (refused, reset, dropped, timed out), or one cut after its headers: whether the
      // server acted on it is unknown. Never rethrown as is: an AxiosError carries the request's headers.
      if (isAxiosError(e)) throw new ConnectorError({ system: "portal", route, kind: "network" }, noWholeAnswer(e), { cause: e });
      throw e;
    }
    lastDate = httpDate(res.headers.date) ?? lastDate;
    if (res.status >= 400) {
      const retryAfter = res.headers["retry-after"];
      const retryAfterMs = parseRetryAfter(typeof retryAfter === "string" ? retryAfter : undefined, opts.now());
      throw new ConnectorError(
        { system: "portal", route, status: res.status, kind: kindOfStatus(res.status), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
        `HTTP ${res.status}: ${portalMessage(res.data) ?? "no message"}`,
      );
    }
    if (typeof res.data !== "object" || res.data === null) {
      throw new ConnectorError({ system: "portal", route, status: res.status, kind: "server" }, `expected a JSON body, got ${typeof res.data}`);
    }
    return res;
  };

  return {
    call,
    serverDate: () => lastDate,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
