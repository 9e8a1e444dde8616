import { afterEach, describe, expect, it } from "vitest";
import axios from "axios";
import { http, HttpResponse } from "msw";
import type { Emulator, SystemName } from "../../src/sandbox/contracts.js";
import { FaultInjector } from "../../src/sandbox/fault-injector.js";
import { serveEmulator, type ServedEmulator } from "../../src/sandbox/http-adapter.js";
import { RequestRecorder } from "../../src/sandbox/request-recorder.js";

function fakeEmulator(system: SystemName): Emulator {
  return {
    system,
    reset: () => {},
    handlers: [
      http.get("*/services/data/:version/query", () => HttpResponse.json({ totalSize: 0, done: true, records: [] })),
      http.patch("*/services/data/:version/composite/sobjects/:object/:field", () => HttpResponse.json([])),
      http.get("*/api/suppliers", () => HttpResponse.json([])),
    ],
  };
}

const QUERY = "/services/data/v62.0/query?q=SELECT+Id+FROM+Account";
let served: ServedEmulator | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function serve(system: SystemName, faults: FaultInjector, clock?: () => Date) {
  const recorder = new RequestRecorder();
  served = await serveEmulator({ emulator: fakeEmulator(system), faults, recorder, ...(clock ? { clock } : {}) });
  return { url: served.url, recorder };
}

async function statuses(url: string, n: number, init?: RequestInit): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

describe("generic faults in front of the emulator", () => {
  it("answers 429 with Retry-After in seconds, in Salesforce's error format, for the given number of times", async () => {
    const faults = new FaultInjector();
    faults.add("salesforce", { kind: "status", status: 429, retryAfter: 2, times: 1 });
    const { url, recorder } = await serve("salesforce", faults);
    const first = await fetch(url + QUERY);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(await first.json()).toEqual([{ message: "sandbox fault: 429", errorCode: "REQUEST_LIMIT_EXCEEDED" }]);
    expect((await fetch(url + QUERY)).status).toBe(200);
    // a faulted call is still counted under the route it was aimed at
    expect(recorder.counts().systems.salesforce?.routes).toEqual({ "GET /services/data/:version/query": 2 });
    expect(recorder.counts().systems.salesforce?.statuses).toEqual({ "200": 1, "429": 1 });
  });

  it("sends Retry-After as an HTTP-date computed from the sandbox clock", async () => {
    const faults = new FaultInjector();
    faults.add("portal", { kind: "status", status: 429, retryAfter: 30, retryAfterFormat: "http-date" });
    const { url } = await serve("portal", faults, () => new Date("2026-05-07T22:07:00Z"));
    const res = await fetch(url + "/api/objects/v1/Account");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("Thu, 07 May 2026 22:07:30 GMT");
    expect(await res.json()).toEqual({ success: false, message: "sandbox fault: 429" });
  });

  it.each([
    [500, "coupa" as const, { errors: { base: ["down for maintenance"] } }],
    [503, "coupa" as const, { errors: { base: ["down for maintenance"] } }],
    [503, "salesforce" as const, [{ message: "down for maintenance", errorCode: "SERVER_UNAVAILABLE" }]],
  ])("answers %i in %s's error format", async (status, system, body) => {
    const faults = new FaultInjector();
    faults.add(system, { kind: "status", status, message: "down for maintenance" });
    const { url } = await serve(system, faults);
    const res = await fetch(url + "/api/suppliers");
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
  });

  it("delays the answer by at least the configured latency", async () => {
    const faults = new FaultInjector();
    faults.add("coupa", { kind: "latency", ms: 150 });
    const { url } = await serve("coupa", faults);
    const started = performance.now();
    const res = await fetch(url + "/api/suppliers");
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("drops the connection so an axios client sees a network error, then answers normally", async () => {
    const faults = new FaultInjector();
    faults.add("coupa", { kind: "drop", times: 1 });
    const { url, recorder } = await serve("coupa", faults);
    const error = await axios.get(url + "/api/suppliers").catch((e: unknown) => e);
    expect(axios.isAxiosError(error)).toBe(true);
    expect((error as { response?: unknown }).response).toBeUndefined();
    expect((error as { code?: string }).code).toMatch(/ECONNRESET|ERR_NETWORK|ECONNABORTED/);
    expect((await axios.get(url + "/api/suppliers")).status).toBe(200);
    expect(recorder.counts().systems.coupa?.statuses).toEqual({ "0": 1, "200": 1 });
  });

  it("drops the connection at the response after the emulator applied the request (at: response), and before it by default", async () => {
    let applied = 0;
    const emulator: Emulator = { system: "portal", reset: () => {}, handlers: [http.post("*/api/objects/v1/:object", () => HttpResponse.json({ data: { id: ++applied } }))] };
    const faults = new FaultInjector();
    faults.add("portal", { kind: "drop", at: "response", times: 1 });
    // Not counted for the first request, which the fault before it answered.
    faults.add("portal", { kind: "drop", times: 1 });
    const recorder = new RequestRecorder();
    served = await serveEmulator({ emulator, faults, recorder });
    const post = () => axios.post(served!.url + "/api/objects/v1/Prospect", {}).catch((e: unknown) => e);
    const first = await post();
    expect(axios.isAxiosError(first) && first.response === undefined, "no answer to the first POST").toBe(true);
    expect(applied, "the first POST was applied all the same").toBe(1);
    const second = await post();
    expect(axios.isAxiosError(second) && second.response === undefined, "no answer to the second POST").toBe(true);
    expect(applied, "the second POST never reached the emulator").toBe(1);
    expect(recorder.counts().systems.portal?.routes).toEqual({ "POST /api/objects/v1/:object": 2 });
  });

  it("cuts the answer mid-body (at: body): status, headers and half the body arrive, the request was applied", async () => {
    let applied = 0;
    const emulator: Emulator = { system: "portal", reset: () => {}, handlers: [http.post("*/api/objects/v1/:object", () => HttpResponse.json({ data: { id: ++applied, note: "x".repeat(200) } }))] };
    const faults = new FaultInjector();
    faults.add("portal", { kind: "drop", at: "body", times: 1 });
    const recorder = new RequestRecorder();
    served = await serveEmulator({ emulator, faults, recorder });
    const res = await fetch(served.url + "/api/objects/v1/Prospect", { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    const whole = Number(res.headers.get("content-length"));
    expect(whole).toBeGreaterThan(200);
    const error = await res.text().catch((e: unknown) => e);
    expect(error, "the body never completes").toBeInstanceOf(TypeError);
    expect(applied).toBe(1);
    expect(recorder.counts().systems.portal?.statuses).toEqual({ "0": 1 });
  });

  it("holds a cut answer open for stallMs first, and lets go as soon as the client closes", async () => {
    const faults = new FaultInjector();
    faults.add("coupa", { kind: "drop", at: "body", stallMs: 60_000, times: 1 });
    const { url } = await serve("coupa", faults);
    const controller = new AbortController();
    const res = await fetch(url + "/api/suppliers", { signal: controller.signal });
    expect(res.status).toBe(200);
    const reading = res.text().catch((e: unknown) => e);
    const outcome = await Promise.race([reading, new Promise((resolve) => setTimeout(() => resolve("still waiting"), 300))]);
    expect(outcome, "the body stalls").toBe("still waiting");
    controller.abort();
    expect(await reading).toBeInstanceOf(Error);
    // The next answer is whole (the stalled connection did not hold the server).
    expect((await fetch(url + "/api/suppliers")).status).toBe(200);
  });

  it("applies a fault only to the matching method and path pattern", async () => {
    const faults = new FaultInjector();
    faults.add("salesforce", { kind: "status", status: 500, method: "patch", path: "/services/data/:version/composite/*" });
    const { url } = await serve("salesforce", faults);
    expect(await statuses(url + QUERY, 1)).toEqual([200]);
    expect(await statuses(url + "/services/data/v62.0/composite/sobjects/Account/Ext__c", 1, { method: "PATCH", body: "{}" })).toEqual([500]);
  });

  it("applies a fault only to paths matching a regular expression", async () => {
    const faults = new FaultInjector();
    faults.add("salesforce", { kind: "status", status: 503, pathRegex: "/query$" });
    const { url } = await serve("salesforce", faults);
    expect(await statuses(url + QUERY, 1)).toEqual([503]);
    expect(await statuses(url + "/api/suppliers", 1)).toEqual([200]);
  });

  it("faults every Nth request after the first ones, and no more than `times`", async () => {
    const faults = new FaultInjector();
    faults.add("coupa", { kind: "status", status: 500, after: 1, every: 2, times: 2 });
    const { url } = await serve("coupa", faults);
    expect(await statuses(url + "/api/suppliers", 8)).toEqual([200, 200, 500, 200, 500, 200, 200, 200]);
  });

  it("draws probabilities from the seed, so the same seed faults the same requests and reset replays them", async () => {
    const pattern = async (seed: number) => {
      const faults = new FaultInjector({ seed });
      faults.add("coupa", { kind: "status", status: 503, probability: 0.5 });
      const first = Array.from({ length: 40 }, () => faults.decide("coupa", "GET", new URL("http://x/api/suppliers"))?.action?.kind ?? "ok");
      faults.reset();
      const replay = Array.from({ length: 40 }, () => faults.decide("coupa", "GET", new URL("http://x/api/suppliers"))?.action?.kind ?? "ok");
      return { first, replay };
    };
    const a = await pattern(7);
    const b = await pattern(7);
    const c = await pattern(8);
    expect(a.first).toEqual(b.first);
    expect(a.replay).toEqual(a.first);
    expect(a.first).not.toEqual(c.first);
    const faulted = a.first.filter((k) => k === "status").length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(35);
  });

  it("adds latency from several faults and still applies a status fault", () => {
    const faults = new FaultInjector();
    faults.add("portal", { kind: "latency", ms: 10 });
    faults.add("portal", { kind: "status", status: 429 });
    faults.add("portal", { kind: "latency", ms: 5 });
    expect(faults.decide("portal", "GET", new URL("http://x/api"))).toEqual({
      latencyMs: 15,
      action: { kind: "status", status: 429, retryAfterFormat: "seconds" },
    });
  });

  it("reports per fault how many requests it matched and hit, until a reset", () => {
    const faults = new FaultInjector();
    faults.add("portal", { kind: "latency", ms: 1, method: "PATCH", after: 2, times: 1 });
    for (const method of ["GET", "PATCH", "PATCH", "PATCH", "PATCH"]) faults.decide("portal", method, new URL("http://x/api"));
    expect(faults.activity("portal")).toEqual([{ kind: "latency", ms: 1, method: "PATCH", after: 2, times: 1, matched: 4, fired: 1 }]);
    faults.reset();
    expect(faults.activity("portal")[0]).toMatchObject({ matched: 0, fired: 0 });
    expect(faults.activity("coupa")).toEqual([]);
  });

  it("removes one fault, or all of a system's, and leaves other systems alone", () => {
    const faults = new FaultInjector({
      seed: 1,
      salesforce: { faults: [{ kind: "status", status: 500 }] },
      coupa: { faults: [{ kind: "status", status: 503 }] },
    });
    const remove = faults.add("portal", { kind: "drop" });
    remove();
    expect(faults.decide("portal", "GET", new URL("http://x/"))).toBeUndefined();
    faults.clear("salesforce");
    expect(faults.decide("salesforce", "GET", new URL("http://x/"))).toBeUndefined();
    expect(faults.decide("coupa", "GET", new URL("http://x/"))?.action).toMatchObject({ status: 503 });
    faults.clear();
    expect(faults.list("coupa")).toEqual([]);
  });

  it("rejects an invalid programmatic fault", () => {
    const faults = new FaultInjector();
    expect(() => faults.add("portal", { kind: "status", status: 200 })).toThrow(/status/);
  });
});
