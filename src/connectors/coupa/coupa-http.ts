// Coupa's HTTP layer: one axios instance with keep-alive agents, always `Accept: application/json`
// (without it Coupa answers XML), a request timeout, and every failure — including an XML answer
// that slipped through a proxy — turned into a ConnectorError instead of a JSON parse crash.
import http from "node:http";
import https from "node:https";
import axios, { type AxiosResponse, isAxiosError } from "axios";
import { httpDate } from "../connector.js";
import { ConnectorError, kindOfStatus, noWholeAnswer } from "../shared/connector-error.js";
import { axiosProxy } from "../shared/proxy.js";
import { parseRetryAfter } from "../shared/retry-after.js";

export interface CoupaHttpOptions {
  baseUrl: string;
  timeoutMs: number;
  /** `systems.coupa.proxyUrl`: calls go through it; unset: direct. */
  proxyUrl?: string | undefined;
  now: () => number;
}

export interface CoupaHttp {
  /** `GET /api/{path}` with a bearer token; the parsed JSON body. */
  get(path: string, params: URLSearchParams, token: string, signal?: AbortSignal): Promise<unknown>;
  /** A form-encoded POST (the token endpoint); the parsed JSON body. */
  postForm(path: string, form: URLSearchParams, signal?: AbortSignal): Promise<unknown>;
  /** The `Date` of Coupa's latest answer (docs/sync-engine.md "Clocks"). */
  serverDate(): Date | undefined;
  close(): void;
}

/** The scope each resource needs (systems.md), to name it when a 403 does not. */
const RESOURCE_SCOPES: Record<string, string> = {
  suppliers: "core.supplier.read",
  supplier_information: "core.supplier.read",
  invoices: "core.invoice.read",
  "coupa_pay/payments": "core.pay.payments.read",
};

/** Coupa's `{"errors":{"<resource>":["…"]}}`, an OAuth `{error, error_description}`, or nothing. */
export function coupaMessage(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const d = data as { errors?: unknown; error?: unknown; error_description?: unknown };
  if (typeof d.errors === "object" && d.errors !== null) {
    const parts = Object.values(d.errors as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)]));
    if (parts.length > 0) return parts.join("; ");
  }
  if (typeof d.error === "string") return typeof d.error_description === "string" ? `${d.error}: ${d.error_description}` : d.error;
  return undefined;
}

function isXml(res: AxiosResponse): boolean {
  const type = String(res.headers["content-type"] ?? "");
  return /xml/i.test(type) || (typeof res.data === "string" && res.data.trimStart().startsWith("<"));
}

export function createCoupaHttp(opts: CoupaHttpOptions): CoupaHttp {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  const instance = axios.create({
    baseURL: opts.baseUrl.replace(/\/+$/, ""),
    headers: { Accept: "application/json" },
    timeout: opts.timeoutMs,
    httpAgent,
    httpsAgent,
    validateStatus: () => true,
    // Only the configured proxy, never HTTP(S)_PROXY from the environment.
    proxy: axiosProxy(opts.proxyUrl),
    // Bodies are parsed below, so an XML or HTML answer is recognised rather than half-parsed.
    responseType: "text",
    transformResponse: [(data: unknown) => data],
  });

  let lastDate: Date | undefined;

  async function send(route: string, resource: string | undefined, request: Parameters<typeof instance.request>[0]): Promise<unknown> {
    let res: AxiosResponse;
    try {
      res = await instance.request(request);
    } catch (e) {
      // A caller's abort is a decision, not a failure: it must not be classified (and retried) as network.
      if (isAxiosError(e) && e.code === "ERR_CANCELED") throw request.signal instanceof AbortSignal ? (request.signal.reason ?? e) : e;
      // No answer, or one cut after its headers. Never rethrown as is: an AxiosError carries the request's headers.
      if (isAxiosError(e)) throw new ConnectorError({ system: "coupa", route, kind: "network" }, noWholeAnswer(e), { cause: e });
      throw e;
    }
    lastDate = httpDate(res.headers.date) ?? lastDate;
    const xml = isXml(res);
    let body: unknown;
    if (!xml && typeof res.data === "string" && res.data.trim() !== "") {
      try {
        body = JSON.parse(res.data);
      } catch (e) {
        throw new ConnectorError({ system: "coupa", route, status: res.status, kind: res.status >= 500 ? "server" : "client" }, `HTTP ${res.status} with a body that is not JSON: ${res.data.slice(0, 120)}`, { cause: e });
      }
    }
    if (res.status >= 400) {
      const retryAfter = res.headers["retry-after"];
      const retryAfterMs = parseRetryAfter(typeof retryAfter === "string" ? retryAfter : undefined, opts.now());
      let message = `HTTP ${res.status}: ${coupaMessage(body) ?? (xml ? "an XML error body" : "no message")}`;
      if (res.status === 403) {
        const scope = /scope\s+([\w.]+)/i.exec(message)?.[1] ?? (resource ? RESOURCE_SCOPES[resource] : undefined);
        message += scope ? ` (the token lacks the scope ${scope}: add it to systems.coupa.scopes and to the Coupa OAuth client)` : " (a scope the token was not granted)";
      }
      throw new ConnectorError({ system: "coupa", route, status: res.status, kind: kindOfStatus(res.status), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }, message);
    }
    if (xml) {
      throw new ConnectorError(
        { system: "coupa", route, status: res.status, kind: "client" },
        "Coupa answered XML instead of JSON: the request reached it without 'Accept: application/json' (a proxy rewriting headers?)",
      );
    }
    return body;
  }

  return {
    get: (path, params, token, signal) =>
      send(`GET /api/${path}`, path, { method: "GET", url: `/api/${path}`, params, headers: { Authorization: `Bearer ${token}` }, ...(signal ? { signal } : {}) }),
    postForm: (path, form, signal) =>
      send(`POST ${path}`, undefined, {
        method: "POST",
        url: path,
        data: form.toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        ...(signal ? { signal } : {}),
      }),
    serverDate: () => lastDate,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
