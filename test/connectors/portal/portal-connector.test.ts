import { afterEach, describe, expect, it } from "vitest";
import { ConnectorError } from "../../../src/connectors/shared/connector-error.js";
import { createPortalConnector } from "../../../src/connectors/portal/portal-connector.js";
import { collect, credentials, portalWorld, seed, type PortalWorld } from "./fixture.js";

let world: PortalWorld;
afterEach(() => world.close());

const LIST = ["GET", "/api/objects/v1/:object"] as const;
const patient = { retries: 4, minDelayMs: 1, maxDelayMs: 60_000 };

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

describe("portal connector resilience", () => {
  it.each([
    ["seconds", "seconds" as const],
    ["an HTTP-date", "http-date" as const],
  ])("waits for a 429's Retry-After given in %s, then reads on", async (_label, format) => {
    world = await portalWorld(seed(3));
    world.faults.add("portal", { kind: "status", status: 429, retryAfter: 7, retryAfterFormat: format, path: "/api/objects/v1/Account", times: 1 });
    const waits: number[] = [];
    const connector = world.connector({ retryPolicy: patient, sleep: async (ms) => void waits.push(ms) });
    const { records } = await collect(connector.readAll("Account", { fields: ["Name"] }));
    expect(records).toHaveLength(3);
    expect(waits).toEqual([7_000]);
  });

  it("rides out a storm of 503s with backoff, and gives up with a typed server error when it lasts", async () => {
    world = await portalWorld(seed(3));
    world.faults.add("portal", { kind: "status", status: 503, path: "/api/objects/v1/Account", times: 3 });
    const waits: number[] = [];
    const connector = world.connector({ retryPolicy: { retries: 3, minDelayMs: 10, maxDelayMs: 1_000 }, sleep: async (ms) => void waits.push(ms) });
    expect((await collect(connector.readAll("Account", { fields: [] }))).records).toHaveLength(3);
    expect(waits).toEqual([10, 20, 40]);

    world.faults.add("portal", { kind: "status", status: 503, path: "/api/objects/v1/Account" });
    const e = await failure(collect(connector.readAll("Account", { fields: [] })));
    expect(e).toMatchObject({ system: "portal", kind: "server", status: 503, route: "GET /api/objects/v1/Account" });
  });

  it("retries a read whose connection was dropped", async () => {
    world = await portalWorld(seed(3));
    world.faults.add("portal", { kind: "drop", method: "GET", path: "/api/objects/v1/Account", times: 1 });
    const { records } = await collect(world.connector().readAll("Account", { fields: [] }));
    expect(records).toHaveLength(3);
    expect(world.recorder.count("portal", ...LIST)).toBe(2);
  });

  it("retries a read whose answer was cut after its headers (a network error, not axios's raw error)", async () => {
    world = await portalWorld(seed(3));
    world.faults.add("portal", { kind: "drop", at: "body", method: "GET", path: "/api/objects/v1/Account", times: 1 });
    const { records } = await collect(world.connector().readAll("Account", { fields: [] }));
    expect(records).toHaveLength(3);
    expect(world.recorder.count("portal", ...LIST)).toBe(2);
  });

  it("turns a timeout into a network error, retried", async () => {
    world = await portalWorld(seed(2));
    world.faults.add("portal", { kind: "latency", ms: 300, path: "/api/objects/v1/Account", times: 1 });
    const errors: string[] = [];
    const connector = world.connector({ timeoutMs: 100, logger: { warn: (o: object) => void errors.push((o as { kind: string }).kind), debug: () => {} } as never });
    expect((await collect(connector.readAll("Account", { fields: [] }))).records).toHaveLength(2);
    expect(errors).toEqual(["network"]);
  });

  it("times out an answer that stalls after its headers (a socket idle for the timeout), retried", async () => {
    world = await portalWorld(seed(2));
    world.faults.add("portal", { kind: "drop", at: "body", stallMs: 60_000, path: "/api/objects/v1/Account", times: 1 });
    const errors: string[] = [];
    const connector = world.connector({ timeoutMs: 300, logger: { warn: (o: object) => void errors.push((o as { kind: string }).kind), debug: () => {} } as never });
    const started = performance.now();
    expect((await collect(connector.readAll("Account", { fields: [] }))).records).toHaveLength(2);
    expect(errors).toEqual(["network"]);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("stops at once when the caller aborts a call in flight, without retrying it as a network failure", async () => {
    world = await portalWorld(seed(3));
    world.faults.add("portal", { kind: "latency", ms: 2_000, path: "/api/objects/v1/Account" });
    const controller = new AbortController();
    const reading = collect(world.connector().readAll("Account", { fields: [], signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("run cancelled")), 100);
    const e = await reading.then(() => undefined, (err: unknown) => err);
    expect(e).toEqual(new Error("run cancelled"));
    expect(e).not.toBeInstanceOf(ConnectorError);
  });

  it("fails at once with an auth error for a key of another tenant", async () => {
    world = await portalWorld(seed(1));
    const connector = createPortalConnector({ config: { baseUrl: world.served.url, tenantId: 4712 }, apiKey: credentials.apiKey });
    try {
      const e = await failure(collect(connector.readAll("Account", { fields: [] })));
      expect(e).toMatchObject({ kind: "auth", status: 401 });
      expect(e.message).toContain("not valid for this tenant");
      expect(world.recorder.count("portal")).toBe(1);
    } finally {
      connector.close();
    }
  });

  it("reports a bad filter as a client error naming the portal's complaint", async () => {
    world = await portalWorld(seed(1));
    const e = await failure(collect(world.connector().readAll("Account", { fields: [], where: "Nope = 1" })));
    expect(e).toMatchObject({ kind: "client", status: 400 });
    expect(e.message).toContain("Unknown field 'Nope'");
  });

  it("describes the tenant's objects and their fields as defined", async () => {
    world = await portalWorld(seed(1));
    const [account] = await world.connector().describe();
    expect(account?.name).toBe("Account");
    expect(account?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["Id", "Updated", "NFR_Seats__cf", "URLValue__cf"]));
    expect(account?.fields.find((f) => f.name === "Name")).toMatchObject({ dataType: "Text", isRequired: true, maxLength: 40 });
  });
});
