// A failed call to one of the three systems, typed so the engine can decide what to do with it:
// retry (transient), quarantine the record (a data error), stop the run (budget, auth, config).
import type { SystemName } from "../../sandbox/contracts.js";

export type ConnectorErrorKind =
  | "network" // connection refused/reset/dropped, timeout
  | "rate-limited" // 429
  | "server" // 5xx
  | "auth" // 401 after a refresh, 403 scope
  | "budget" // Salesforce REQUEST_LIMIT_EXCEEDED, our own API caps
  | "data" // the record was refused (validation, duplicate, too long…)
  | "client"; // any other 4xx: our request is wrong

export class ConnectorError extends Error {
  readonly system: SystemName;
  readonly route: string;
  readonly status: number | undefined;
  readonly kind: ConnectorErrorKind;
  /** The service's own code, e.g. UNABLE_TO_LOCK_ROW, INVALID_SESSION_ID. */
  readonly serviceCode: string | undefined;
  /** From Retry-After, when the service sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    init: { system: SystemName; route: string; kind: ConnectorErrorKind; status?: number; serviceCode?: string; retryAfterMs?: number },
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${init.system} ${init.route}: ${message}`, options);
    this.name = "ConnectorError";
    this.system = init.system;
    this.route = init.route;
    this.status = init.status;
    this.kind = init.kind;
    this.serviceCode = init.serviceCode;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Transient: worth another attempt of an idempotent operation. */
  get transient(): boolean {
    return this.kind === "network" || this.kind === "rate-limited" || this.kind === "server" || this.serviceCode === "UNABLE_TO_LOCK_ROW";
  }
}

export function kindOfStatus(status: number): ConnectorErrorKind {
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  if (status === 401 || status === 403) return "auth";
  return "client";
}

/**
 * Why an axios call got no whole answer: none at all (refused, reset, dropped, timed out), or one cut
 * after its headers (the connection lost mid-body: axios's "stream has been aborted").
 */
export function noWholeAnswer(e: { code?: string | undefined; message: string; response?: { status: number } | undefined }): string {
  const why = e.code ?? e.message;
  return e.response ? `the answer was cut after its headers (HTTP ${e.response.status}, ${why}: ${e.message})` : `no response (${why})`;
}

/**
 * What came back, for an error about an answer not in the promised shape: the start of a text (white
 * space folded), an object's keys (never its values: a token may be among them), or the type.
 */
export function answerShape(value: unknown): string {
  if (value === undefined || value === null) return "no JSON body";
  if (typeof value === "string") return `text: ${textStart(value)}`;
  if (typeof value === "object") return `an object with ${Object.keys(value).join(", ") || "no keys"}`;
  return typeof value;
}

/** The first `chars` characters of a text answer, white space folded, "…" when cut. */
export function textStart(text: string, chars = 120): string {
  const folded = text.replace(/\s+/g, " ").trim();
  return folded.length > chars ? `${folded.slice(0, chars)}…` : folded;
}
