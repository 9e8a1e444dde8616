// Every failure of a Salesforce call becomes a ConnectorError naming the route, the HTTP status and
// Salesforce's errorCode, with the kind the engine acts on. jsforce's errors carry the errorCode but
// not the status: the status comes from the response our transport hook saw for the same call.
import { ConnectorError, kindOfStatus, type ConnectorErrorKind } from "../shared/connector-error.js";
import { parseRetryAfter } from "../shared/retry-after.js";

export interface CallOutcome {
  route: string;
  status?: number | undefined;
  headers?: Record<string, string> | undefined;
}

const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "ENETDOWN", "ENETUNREACH", "EHOSTDOWN", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Salesforce's errorCode of a jsforce HttpApiError (a list of several: the first one's). */
function serviceCodeOf(e: { errorCode?: unknown; data?: unknown }): string | undefined {
  if (e.errorCode === "MULTIPLE_API_ERRORS" && Array.isArray(e.data)) {
    const first = e.data[0] as { errorCode?: unknown } | undefined;
    if (typeof first?.errorCode === "string") return first.errorCode;
  }
  return typeof e.errorCode === "string" ? e.errorCode : undefined;
}

function isNetworkError(e: Error): boolean {
  if (e.name === "AbortError" || e.name === "TimeoutError" || e.message === "Request Timeout") return true;
  for (let c: unknown = e; c instanceof Error; c = c.cause) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    if (c instanceof TypeError && c.message === "fetch failed") return true;
  }
  return false;
}

export function kindOf(status: number, serviceCode: string | undefined): ConnectorErrorKind {
  // 429 is a rate limit whatever its body says; 403 REQUEST_LIMIT_EXCEEDED is the daily allocation.
  if (status === 403 && serviceCode === "REQUEST_LIMIT_EXCEEDED") return "budget";
  return kindOfStatus(status);
}

export function toConnectorError(e: unknown, call: CallOutcome, nowMs: number): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const route = call.route;
  if (isNetworkError(err)) return new ConnectorError({ system: "salesforce", route, kind: "network" }, err.message, { cause: err });
  if (err.message.startsWith("Unable to refresh session")) {
    return new ConnectorError({ system: "salesforce", route, kind: "auth", status: 401, serviceCode: "INVALID_SESSION_ID" }, err.message, { cause: err });
  }
  const serviceCode = serviceCodeOf(err as { errorCode?: unknown; data?: unknown });
  const status = call.status !== undefined && call.status >= 300 ? call.status : undefined;
  const retryAfterMs = parseRetryAfter(call.headers?.["retry-after"], nowMs);
  const kind: ConnectorErrorKind = status === undefined ? "client" : kindOf(status, serviceCode);
  return new ConnectorError(
    {
      system: "salesforce",
      route,
      kind,
      ...(status === undefined ? {} : { status }),
      ...(serviceCode === undefined ? {} : { serviceCode }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
    serviceCode ? `${serviceCode}: ${err.message}` : err.message,
    { cause: err },
  );
}
