// The rate-limit fault both the portal and Coupa emulators offer: `afterCalls` calls pass, the next
// one is refused with 429 and the emulator stays closed for `retryAfterSeconds` of its clock, then a
// new allowance starts. With `retryAfterSeconds: 0` exactly one call is refused per allowance, which
// lets a test prove a client retries without waiting on a real clock.
import { z } from "zod";
import type { Clock } from "../contracts.js";

export const rateLimitSchema = z.strictObject({
  afterCalls: z.number().int().min(0),
  retryAfterSeconds: z.number().int().min(0).default(1),
  /** Coupa documents Retry-After as optional: a client must cope with a 429 without one. */
  sendRetryAfter: z.boolean().default(true),
});
export type RateLimitFault = z.infer<typeof rateLimitSchema>;

export type RateDecision = { limited: false } | { limited: true; retryAfterSeconds?: number };

export class RateLimiter {
  private calls = 0;
  private blockedUntil: number | undefined;

  constructor(
    private readonly fault: RateLimitFault | undefined,
    private readonly clock: Clock,
  ) {}

  check(): RateDecision {
    if (!this.fault) return { limited: false };
    const now = this.clock().getTime();
    if (this.blockedUntil !== undefined) {
      if (now < this.blockedUntil) return this.refuse(this.blockedUntil - now);
      this.blockedUntil = undefined;
      this.calls = 0;
    }
    this.calls++;
    if (this.calls <= this.fault.afterCalls) return { limited: false };
    this.blockedUntil = now + this.fault.retryAfterSeconds * 1000;
    return this.refuse(this.fault.retryAfterSeconds * 1000);
  }

  reset(): void {
    this.calls = 0;
    this.blockedUntil = undefined;
  }

  private refuse(remainingMs: number): RateDecision {
    if (!this.fault?.sendRetryAfter) return { limited: true };
    return { limited: true, retryAfterSeconds: Math.ceil(remainingMs / 1000) };
  }
}
