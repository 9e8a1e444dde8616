import { http } from "msw";
import { getResponse } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../../../src/connectors/shared/connector-error.js";
import { collect, coupaWorld, HOUR, seed, T0, type CoupaWorld } from "./fixture.js";

let world: CoupaWorld;
afterEach(() => world.close());

const TOKEN = ["POST", "/oauth2/token"] as const;
const SUPPLIERS = ["GET", "/api/suppliers"] as const;
const read = (c: ReturnType<CoupaWorld["connector"]>) => collect(c.readAll("suppliers", { fields: [] }));

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

const statuses = () => world.recorder.counts().systems.coupa?.statuses ?? {};

describe("Coupa tokens", () => {
  it("asks for the configured scopes, reuses the token, and renews it at 20 hours before any 401", async () => {
    world = await coupaWorld(seed(3));
    const connector = world.connector();
    await read(connector);
    world.setNow(new Date(T0.getTime() + 19 * HOUR));
    await read(connector);
    expect(world.recorder.count("coupa", ...TOKEN)).toBe(1);
    world.setNow(new Date(T0.getTime() + 20 * HOUR + 60_000));
    await read(connector);
    expect(world.recorder.count("coupa", ...TOKEN)).toBe(2);
    expect(statuses()["401"]).toBeUndefined();
  });

  it("renews a short-lived token at 90% of expires_in", async () => {
    world = await coupaWorld(seed(3), { faults: { tokenExpiresInSeconds: 1000 } });
    const connector = world.connector();
    await read(connector);
    world.setNow(new Date(T0.getTime() + 899_000));
    await read(connector);
    expect(world.recorder.count("coupa", ...TOKEN)).toBe(1);
    world.setNow(new Date(T0.getTime() + 901_000));
    await read(connector);
    expect(world.recorder.count("coupa", ...TOKEN)).toBe(2);
    expect(statuses()["401"]).toBeUndefined();
  });

  it("refreshes once and replays when a token is refused with 401", async () => {
    world = await coupaWorld(seed(3));
    const connector = world.connector();
    await read(connector);
    world.emulator.reset(); // Coupa forgets every token (revoked)
    expect((await read(connector)).records).toHaveLength(3);
    expect(world.recorder.count("coupa", ...TOKEN)).toBe(2);
    expect(statuses()["401"]).toBe(1);
  });

  it("fails with an auth error when the fresh token is refused too", async () => {
    world = await coupaWorld(seed(3));
    world.faults.add("coupa", { kind: "status", status: 401, path: "/api/suppliers", times: 2 });
    const e = await failure(read(world.connector()));
    expect(e).toMatchObject({ kind: "auth", status: 401 });
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(2);
  });

  it("reports a bad client secret as an auth error, without retrying it", async () => {
    world = await coupaWorld(seed(1));
    const e = await failure(read(world.connector({ clientSecret: "wrong" })));
    expect(e).toMatchObject({ kind: "auth", status: 401, route: "POST /oauth2/token" });
    expect(e.message).toContain("invalid_client");
    expect(world.recorder.count("coupa", ...TOKEN)).toBe(1);
  });

  it("names the missing scope when a route is outside the token's scopes (403)", async () => {
    world = await coupaWorld(seed(1));
    const connector = world.connector();
    // A client configured with the invoice scope only.
    const narrow = world.connector({ config: { baseUrl: world.served.url, clientId: "partner-sync", scopes: ["core.invoice.read"] } });
    expect((await read(connector)).records).toHaveLength(1);
    const e = await failure(read(narrow));
    expect(e).toMatchObject({ kind: "auth", status: 403, route: "GET /api/suppliers" });
    expect(e.message).toContain("core.supplier.read");
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(2);
  });
});

describe("Coupa answers", () => {
  it("detects an XML answer (Accept lost on the way) as a clear error, not a JSON crash", async () => {
    // A proxy in front of Coupa that drops the Accept header.
    world = await coupaWorld(seed(2), {}, (inner) => ({
      ...inner,
      handlers: [
        http.get("*/api/*", async ({ request }) => {
          const headers = new Headers(request.headers);
          headers.delete("accept");
          return getResponse(inner.handlers, new Request(request.url, { headers }));
        }),
        ...inner.handlers,
      ],
    }));
    const e = await failure(read(world.connector()));
    expect(e).toMatchObject({ kind: "client", status: 200 });
    expect(e.message).toMatch(/XML.*Accept: application\/json/);
  });

  it.each([
    ["seconds", "seconds" as const],
    ["an HTTP-date", "http-date" as const],
  ])("waits for a 429's Retry-After in %s", async (_label, format) => {
    world = await coupaWorld(seed(3));
    world.faults.add("coupa", { kind: "status", status: 429, retryAfter: 4, retryAfterFormat: format, path: "/api/suppliers", times: 1 });
    const waits: number[] = [];
    const { records } = await read(world.connector({ retryPolicy: { retries: 3, minDelayMs: 1, maxDelayMs: 60_000 }, sleep: async (ms) => void waits.push(ms) }));
    expect(records).toHaveLength(3);
    expect(waits).toEqual([4_000]);
  });

  it("backs off on a 429 without Retry-After (Coupa documents it as optional)", async () => {
    world = await coupaWorld(seed(60), { faults: { rateLimit: { afterCalls: 1, retryAfterSeconds: 0, sendRetryAfter: false } } });
    const waits: number[] = [];
    const { records } = await read(world.connector({ retryPolicy: { retries: 3, minDelayMs: 25, maxDelayMs: 1_000 }, sleep: async (ms) => void waits.push(ms) }));
    expect(records).toHaveLength(60);
    expect(waits).toEqual([25]);
    expect(statuses()["429"]).toBe(1);
  });

  it("rides out a 503 storm and a dropped connection", async () => {
    world = await coupaWorld(seed(60));
    world.faults.add("coupa", { kind: "status", status: 503, path: "/api/suppliers", times: 3 });
    // The drop only counts requests no earlier fault answered: it hits the second page.
    world.faults.add("coupa", { kind: "drop", path: "/api/suppliers", after: 1, times: 1 });
    const { records } = await read(world.connector());
    expect(records).toHaveLength(60);
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(2 + 3 + 1);
    expect(statuses()).toMatchObject({ "0": 1, "503": 3 });
  });

  it("retries a page whose answer was cut after its headers", async () => {
    world = await coupaWorld(seed(60));
    world.faults.add("coupa", { kind: "drop", at: "body", path: "/api/suppliers", after: 1, times: 1 });
    const { records } = await read(world.connector());
    expect(records).toHaveLength(60);
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(2 + 1);
    expect(statuses()).toMatchObject({ "0": 1 });
  });

  it("times out a page that stalls after its headers (a socket idle for the timeout) and retries it", async () => {
    world = await coupaWorld(seed(60));
    world.faults.add("coupa", { kind: "drop", at: "body", stallMs: 60_000, path: "/api/suppliers", after: 1, times: 1 });
    const started = performance.now();
    const { records } = await read(world.connector({ timeoutMs: 300 }));
    expect(records).toHaveLength(60);
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(2 + 1);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("refuses writes: Coupa is read-only for partner-sync", async () => {
    world = await coupaWorld(seed(1));
    const e = await failure(world.connector().upsert("suppliers", "number", [{ key: "S-0001", fields: {} }]));
    expect(e.message).toContain("read-only");
    expect(world.recorder.count("coupa")).toBe(0);
  });
});
