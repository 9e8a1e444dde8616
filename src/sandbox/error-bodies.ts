// Errors the sandbox itself produces (injected faults, unmatched routes, a crashing handler) in the
// error format of the system it stands in for (systems.md), so the clients' error parsing is exercised
// the same way as by the emulators' own errors.
import type { SystemName } from "./contracts.js";

const SF_ERROR_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "INVALID_SESSION_ID",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  429: "REQUEST_LIMIT_EXCEEDED",
  500: "UNKNOWN_EXCEPTION",
  502: "SERVER_UNAVAILABLE",
  503: "SERVER_UNAVAILABLE",
  504: "SERVER_UNAVAILABLE",
};

/** The JSON body an error of `status` has in `system`'s API. */
export function errorBody(system: SystemName, status: number, message: string): unknown {
  switch (system) {
    case "salesforce":
      return [{ message, errorCode: SF_ERROR_CODES[status] ?? (status >= 500 ? "UNKNOWN_EXCEPTION" : "BAD_REQUEST") }];
    case "portal":
      return { success: false, message };
    case "coupa":
      return { errors: { base: [message] } };
  }
}

export function errorResponse(system: SystemName, status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(system, status, message)), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
  });
}
