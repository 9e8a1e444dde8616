import axios from "axios";
import { describe, expect, it } from "vitest";
import { createPortalEmulator } from "../../../src/sandbox/portal/portal-emulator.js";
import { RateLimiter, rateLimitSchema } from "../../../src/sandbox/portal/rate-limit.js";
import { T0, credentials, portalSeed } from "./fixture.js";
import { serve } from "./serve.js";

describe("RateLimiter", () => {
  it("lets afterCalls calls pass, then refuses until retryAfterSeconds of the clock have passed", () => {
    let now = T0.getTime();
    const limiter = new RateLimiter(rateLimitSchema.parse({ afterCalls: 2, retryAfterSeconds: 3 }), () => new Date(now));
    const outcomes = () => limiter.check();
    expect([outcomes(), outcomes()]).toEqual([{ limited: false }, { limited: false }]);
    expect(outcomes()).toEqual({ limited: true, retryAfterSeconds: 3 });
    now += 1500;
    expect(outcomes()).toEqual({ limited: true, retryAfterSeconds: 2 });
    now += 1500;
    expect(outcomes()).toEqual({ limited: false });
  });

  it("refuses exactly one call per allowance when retryAfterSeconds is 0, and can omit Retry-After", () => {
    const limiter = new RateLimiter(rateLimitSchema.parse({ afterCalls: 1, retryAfterSeconds: 0, sendRetryAfter: false }), () => T0);
    expect([limiter.check(), limiter.check(), limiter.check(), limiter.check()]).toEqual([
      { limited: false }, { limited: true }, { limited: false }, { limited: true },
    ]);
  });

  it("starts over on reset", () => {
    const limiter = new RateLimiter(rateLimitSchema.parse({ afterCalls: 1 }), () => T0);
    limiter.check();
    expect(limiter.check().limited).toBe(true);
    limiter.reset();
    expect(limiter.check().limited).toBe(false);
  });
});

describe("portal rate-limit fault", () => {
  it("answers 429 {success:false} with Retry-After through the port", async () => {
    const emulator = createPortalEmulator({ seed: portalSeed(), credentials, clock: () => T0, faults: { rateLimit: { afterCalls: 1, retryAfterSeconds: 7 } } });
    const s = await serve(emulator);
    try {
      const get = () => axios.get(`${s.baseUrl}/api/objects/v1/Account`, { headers: { Authorization: "prm-key key-4711", "X-PRM-TenantId": "4711" }, validateStatus: () => true });
      expect((await get()).status).toBe(200);
      const limited = await get();
      expect(limited.status).toBe(429);
      expect(limited.headers["retry-after"]).toBe("7");
      expect(limited.data).toEqual({ success: false, message: expect.any(String) });
    } finally {
      await s.close();
    }
  });

  it("rejects an invalid fault configuration", () => {
    expect(() => createPortalEmulator({ seed: portalSeed(), credentials, faults: { rateLimit: { afterCalls: -1 } } as never })).toThrow();
  });
});
