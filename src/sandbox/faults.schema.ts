// The faults FILE (`partner-sync sandbox --faults faults.yaml`) and the generic faults the sandbox
// injects in front of every emulator. System-specific faults (expired sessions, per-record errors,
// API budget…) are not described here: each system's `emulator` object is handed unchanged to that
// emulator, whose own schema validates it.
import { z } from "zod";

/** Which requests a fault applies to; absent fields match everything. */
const routeMatch = {
  /** HTTP method, case-insensitive. */
  method: z.string().regex(/^[A-Za-z]+$/, "an HTTP method such as GET").optional(),
  /** msw-style path pattern, e.g. `/services/data/:version/query` or `/api/*`. */
  path: z.string().startsWith("/", "a path starting with /").optional(),
  /** A regular expression tested against the path (without the query string). */
  pathRegex: z
    .string()
    .refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, "a valid regular expression")
    .optional(),
};

/** When a matching request is actually faulted; all given conditions must hold. */
const schedule = {
  /** Let the first N matching requests through untouched. */
  after: z.number().int().nonnegative().optional(),
  /** Fault only every Nth matching request (the Nth, 2Nth, …, counted after `after`). */
  every: z.number().int().positive().optional(),
  /** Fault with this probability, drawn from the faults' seeded generator (deterministic per seed). */
  probability: z.number().min(0).max(1).optional(),
  /** Stop after faulting N requests. */
  times: z.number().int().positive().optional(),
};

export const statusFaultSchema = z.strictObject({
  kind: z.literal("status"),
  status: z.number().int().min(400).max(599),
  /** Seconds the client should wait; sent as `Retry-After` (mostly with 429/503). */
  retryAfter: z.number().int().nonnegative().optional(),
  /** `seconds` (default) sends `Retry-After: 2`; `http-date` sends the instant, relative to the sandbox clock. */
  retryAfterFormat: z.enum(["seconds", "http-date"]).optional(),
  message: z.string().optional(),
  ...routeMatch,
  ...schedule,
});

export const latencyFaultSchema = z.strictObject({
  kind: z.literal("latency"),
  ms: z.number().int().nonnegative().max(600_000),
  ...routeMatch,
  ...schedule,
});

/** Destroy the socket without a whole answer: the client sees a network error (ECONNRESET / socket hang up). */
export const dropFaultSchema = z.strictObject({
  kind: z.literal("drop"),
  /**
   * `request` (default): before the emulator sees the request, so nothing happened. `response`: the
   * emulator handles it (a write is applied) and the answer is lost — the case a client cannot tell
   * from the first, and the one that makes a repeated create a duplicate. `body`: as `response`, but
   * the status, the headers (with the whole body's Content-Length) and the first half of the body are
   * sent before the socket goes: a connection lost mid-answer.
   */
  at: z.enum(["request", "response", "body"]).optional(),
  /** With `at: body`: the connection hangs this long after the half body before it goes (a stalled answer). */
  stallMs: z.number().int().nonnegative().max(600_000).optional(),
  ...routeMatch,
  ...schedule,
});

export const genericFaultSchema = z.discriminatedUnion("kind", [statusFaultSchema, latencyFaultSchema, dropFaultSchema]);
export type GenericFault = z.infer<typeof genericFaultSchema>;

const systemFaultsSchema = z.strictObject({
  faults: z.array(genericFaultSchema).default([]),
  /** Handed as-is to the system's emulator (`faults` option); validated by that emulator. */
  emulator: z.record(z.string(), z.unknown()).optional(),
});
export type SystemFaults = z.infer<typeof systemFaultsSchema>;

export const faultsFileSchema = z.strictObject({
  /** Seed of the generator behind `probability`, so a flaky-network run can be replayed exactly. */
  seed: z.number().int().default(1),
  salesforce: systemFaultsSchema.optional(),
  portal: systemFaultsSchema.optional(),
  coupa: systemFaultsSchema.optional(),
});
export type FaultsConfig = z.infer<typeof faultsFileSchema>;
export type FaultsConfigInput = z.input<typeof faultsFileSchema>;
