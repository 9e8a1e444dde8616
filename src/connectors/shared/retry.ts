// Retries of transient failures, after undici's retry handler: only idempotent operations are
// retried (a read, an upsert by external id — never a create), Retry-After is honoured as seconds
// or as an HTTP-date, and every wait is capped so a hostile or confused server cannot park the run.
import pRetry, { AbortError } from "p-retry";
import { ConnectorError } from "./connector-error.js";

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First backoff; doubles each attempt. */
  minDelayMs: number;
  /** Cap of one wait, whether from backoff or Retry-After. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, minDelayMs: 250, maxDelayMs: 30_000 };

export interface RetryOptions {
  policy?: RetryPolicy;
  /** Whether repeating the operation is safe. A non-idempotent operation is tried exactly once. */
  idempotent: boolean;
  /** Told of each retry (for logs and metrics). */
  onRetry?: (info: { error: ConnectorError; attempt: number; waitMs: number }) => void;
  /** Injected for tests; default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
}

// Not unref'd: while a retry waits, this timer may be the only thing keeping the process alive
// (a CLI run awaiting its pass); an unref'd one lets Node exit mid-run with code 13.
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? realSleep;
  return pRetry(
    async (attempt) => {
      try {
        return await operation(attempt);
      } catch (e) {
        // Anything but a transient connector error of an idempotent operation ends the attempts.
        if (!(e instanceof ConnectorError) || !e.transient || !options.idempotent) throw new AbortError(e as Error);
        throw e;
      }
    },
    {
      retries: policy.retries,
      // The waiting is done here rather than by p-retry so that Retry-After can replace the backoff.
      minTimeout: 0,
      maxTimeout: 0,
      ...(options.signal ? { signal: options.signal } : {}),
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft === 0) return;
        const e = error as ConnectorError;
        const backoff = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attemptNumber - 1));
        const waitMs = Math.min(policy.maxDelayMs, e.retryAfterMs ?? backoff);
        options.onRetry?.({ error: e, attempt: attemptNumber, waitMs });
        await sleep(waitMs);
      },
    },
  );
}
