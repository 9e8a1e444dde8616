// Every error the product raises on purpose carries a stable code (documented in the README with
// what to do about it), whether retrying can help, and its scope:
//   record → quarantine that record and go on;  run → stop the run, checkpoint untouched;
//   config → refuse to start.

export type ErrorScope = "record" | "run" | "config";

export const ERROR_CODES = {
  PS_E_CONFIG_INVALID: { scope: "config", retryable: false, summary: "the configuration has problems (each one is listed)" },
  PS_E_CONFIG_FILE: { scope: "config", retryable: false, summary: "a file given on the command line (data folder, faults file) cannot be read or is invalid" },
  PS_E_STORE_NEWER_SCHEMA: { scope: "config", retryable: false, summary: "the store was written by a newer partner-sync" },
  PS_E_STORE_OPEN: { scope: "run", retryable: false, summary: "the checkpoint store cannot be opened" },
  PS_E_LEASE_HELD: { scope: "run", retryable: true, summary: "another process is running this flow" },
  PS_E_LEASE_LOST: { scope: "run", retryable: true, summary: "this run's lease expired or was taken over" },
  PS_E_CLOCK_SKEW: { scope: "run", retryable: true, summary: "the worker's clock is ahead of a system's by more than the lookback: advancing the watermark would lose changes" },
  PS_E_HEAP_TOO_SMALL: { scope: "run", retryable: false, summary: "the run needs more memory than the process's heap bound (a reconcile holds every record)" },
  PS_E_RECORD_INVALID: { scope: "record", retryable: false, summary: "a record does not convert to its canonical form, or cannot be written (each field named)" },
  PS_E_RECORD_UNRESOLVED_REFERENCE: { scope: "record", retryable: true, summary: "a record refers to a record no system knows (yet)" },
  PS_E_INVOICE_NO_ACCRUAL: { scope: "record", retryable: true, summary: "a partner's paid Coupa invoice matches no rebate accrual (yet)" },
  PS_E_INVOICE_CONFLICT: { scope: "record", retryable: true, summary: "a paid Coupa invoice is for an accrual another invoice already is" },
} as const satisfies Record<string, { scope: ErrorScope; retryable: boolean; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PartnerSyncError extends Error {
  readonly code: ErrorCode;
  readonly scope: ErrorScope;
  readonly retryable: boolean;
  /** Structured facts for logs and reports (never secrets). */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PartnerSyncError";
    this.code = code;
    this.scope = ERROR_CODES[code].scope;
    this.retryable = ERROR_CODES[code].retryable;
    this.details = options.details ?? {};
  }
}

/** One problem of a configuration: where it is, what was expected, what was found. */
export interface ConfigProblem {
  file: string; // a path, "environment" or "defaults"
  path: string; // dotted key path, e.g. "store.path"
  message: string;
}

export class ConfigError extends PartnerSyncError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super("PS_E_CONFIG_INVALID", `configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` + problems.map(formatProblem).join("\n"), {
      details: { problems },
    });
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `  - ${p.file}: ${p.path || "(root)"}: ${p.message}`;
}

export function isPartnerSyncError(e: unknown): e is PartnerSyncError {
  return e instanceof PartnerSyncError;
}
