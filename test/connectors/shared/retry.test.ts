import { describe, expect, it } from "vitest";
import { ConnectorError, type ConnectorErrorKind } from "../../../src/connectors/shared/connector-error.js";
import { parseRetryAfter } from "../../../src/connectors/shared/retry-after.js";
import { withRetry } from "../../../src/connectors/shared/retry.js";

const err = (kind: ConnectorErrorKind, extra: { retryAfterMs?: number; serviceCode?: string; status?: number } = {}) =>
  new ConnectorError({ system: "portal", route: "GET /api/objects/v1/Account", kind, ...extra }, kind);

function failing(errors: Error[], result = "ok") {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    op: async () => {
      const e = errors[calls++];
      if (e) throw e;
      return result;
    },
  };
}

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  it.each([
    ["120", 120_000],
    ["0", 0],
    [" 7 ", 7_000],
    ["Sun, 29 Nov 2026 12:00:30 GMT", 30_000],
    ["Sun, 29 Nov 2026 11:59:00 GMT", 0], // a date in the past means now
    ["soon", undefined],
    ["-5", undefined],
    ["1.5", undefined],
    ["2026-11-29T12:00:30Z", undefined], // not an HTTP-date
    [undefined, undefined],
  ])("reads %j as %j ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe("withRetry", () => {
  it("retries transient failures of idempotent operations with doubling backoff", async () => {
    const waits: number[] = [];
    const f = failing([err("server", { status: 503 }), err("network"), err("rate-limited", { status: 429 })]);
    const result = await withRetry(f.op, { idempotent: true, policy: { retries: 5, minDelayMs: 100, maxDelayMs: 10_000 }, sleep: async (ms) => void waits.push(ms) });
    expect(result).toBe("ok");
    expect(f.calls).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it("waits for Retry-After instead of the backoff, capped", async () => {
    const waits: number[] = [];
    const f = failing([err("rate-limited", { retryAfterMs: 3_000 }), err("rate-limited", { retryAfterMs: 3_600_000 })]);
    await withRetry(f.op, { idempotent: true, policy: { retries: 5, minDelayMs: 100, maxDelayMs: 60_000 }, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([3_000, 60_000]);
  });

  it("retries UNABLE_TO_LOCK_ROW but not other data errors", async () => {
    const lock = failing([err("data", { serviceCode: "UNABLE_TO_LOCK_ROW" })]);
    expect(await withRetry(lock.op, { idempotent: true, sleep: async () => {} })).toBe("ok");
    const dup = failing([err("data", { serviceCode: "DUPLICATE_VALUE" })]);
    await expect(withRetry(dup.op, { idempotent: true, sleep: async () => {} })).rejects.toMatchObject({ serviceCode: "DUPLICATE_VALUE" });
    expect(dup.calls).toBe(1);
  });

  it("never repeats a non-idempotent operation", async () => {
    const f = failing([err("server", { status: 503 })]);
    await expect(withRetry(f.op, { idempotent: false, sleep: async () => {} })).rejects.toBeInstanceOf(ConnectorError);
    expect(f.calls).toBe(1);
  });

  it("does not retry auth, budget or client errors, nor foreign errors", async () => {
    for (const e of [err("auth", { status: 401 }), err("budget"), err("client", { status: 400 }), new RangeError("bug")]) {
      const f = failing([e]);
      await expect(withRetry(f.op, { idempotent: true, sleep: async () => {} })).rejects.toBe(e);
      expect(f.calls).toBe(1);
    }
  });

  it("gives up after the policy's retries with the last error", async () => {
    const last = err("server", { status: 500 });
    const f = failing([err("server"), err("server"), last]);
    await expect(withRetry(f.op, { idempotent: true, policy: { retries: 2, minDelayMs: 1, maxDelayMs: 1 }, sleep: async () => {} })).rejects.toBe(last);
    expect(f.calls).toBe(3);
  });
});

describe("withRetry's real wait", () => {
  it("keeps a process alive whose only pending work is the wait (no exit 13 mid-run)", async () => {
    const { spawnSync } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const r = spawnSync(process.execPath, [fileURLToPath(new URL("./fixtures/retry-alone.mjs", import.meta.url))], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("done after 2 calls\n");
  });
});
