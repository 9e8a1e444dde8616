// pino: JSON lines by default (for machines and log shippers), human-readable on a TTY or with
// --pretty. A run's logger is a child carrying its run id, so every line of a run can be found.
import pino, { type Logger, type LevelWithSilent } from "pino";
import PinoPretty from "pino-pretty";
import { REDACTED, redactPaths } from "./redaction.js";

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  pretty?: boolean;
  /** Where lines go; default stderr so stdout stays for command output (reports, JSON). */
  destination?: NodeJS.WritableStream;
}

/**
 * pino's error serializer without what an HTTP client's error carries of its request: an AxiosError's
 * `config`, `request` and `response` hold the request headers (the portal's API key, Coupa's bearer
 * token) — in objects too deep for the redact paths, and as raw header text no path can reach.
 */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (typeof out !== "object" || out === null) return out;
  const record = out as Record<string, unknown>;
  for (const key of ["config", "request", "response"]) delete record[key];
  return record;
}

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stderr;
  const base: pino.LoggerOptions = {
    level: options.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: REDACTED },
    serializers: { err: serializeError },
  };
  if (options.pretty) {
    // A synchronous pretty stream (not a worker transport), so a CLI that exits right after
    // logging never loses its last lines.
    return pino(base, PinoPretty({ destination, sync: true, colorize: (destination as { isTTY?: boolean }).isTTY === true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" }));
  }
  return pino(base, destination === process.stderr ? pino.destination({ fd: 2, sync: true }) : destination);
}

export function runLogger(logger: Logger, runId: string): Logger {
  return logger.child({ runId });
}
