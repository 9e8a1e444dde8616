import { afterEach, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import type { Emulator } from "../../src/sandbox/contracts.js";
import { serveEmulator, type ServedEmulator } from "../../src/sandbox/http-adapter.js";
import { RequestRecorder } from "../../src/sandbox/request-recorder.js";

function fakeEmulator(): Emulator {
  return {
    system: "portal",
    reset: () => {},
    handlers: [
      http.get("*/api/objects/v1/:object", ({ params, request }) =>
        HttpResponse.json({ object: params.object, query: new URL(request.url).search, tenant: request.headers.get("x-prm-tenantid") }),
      ),
      http.post("*/echo", async ({ request }) =>
        new HttpResponse(await request.arrayBuffer(), {
          status: 201,
          headers: { "content-type": request.headers.get("content-type") ?? "application/octet-stream", "x-method": "POST" },
        }),
      ),
      http.get("*/cookies", () => {
        const headers = new Headers();
        headers.append("set-cookie", "a=1; Path=/");
        headers.append("set-cookie", "b=2; Path=/; HttpOnly");
        return new HttpResponse("ok", { status: 200, headers });
      }),
      http.get("*/stream", () => {
        const encoder = new TextEncoder();
        const stream = new ReadableStream({
          async start(controller) {
            for (let i = 0; i < 3; i++) {
              controller.enqueue(encoder.encode(`chunk${i};`));
              await new Promise((r) => setImmediate(r));
            }
            controller.close();
          },
        });
        return new HttpResponse(stream, { headers: { "content-type": "text/plain" } });
      }),
      http.get("*/boom", () => {
        throw new Error("handler exploded");
      }),
      http.get("*/teapot", () => new HttpResponse(null, { status: 418, statusText: "I'm a teapot" })),
    ],
  };
}

let served: ServedEmulator | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe("serveEmulator", () => {
  it("answers on an ephemeral loopback port with the handler's status, headers and JSON body", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${served.url}/api/objects/v1/Account?take=5&skip=0`, { headers: { "X-PRM-TenantId": "4242" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ object: "Account", query: "?take=5&skip=0", tenant: "4242" });
  });

  it("passes binary request bodies through unchanged and returns them byte for byte", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const res = await fetch(`${served.url}/echo`, { method: "POST", body: bytes, headers: { "content-type": "application/octet-stream" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-method")).toBe("POST");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it("round-trips a text body", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const csv = "Name,Partner_Id__c\nAcme,P-1\nÉcole,P-2\n";
    const res = await fetch(`${served.url}/echo`, { method: "POST", body: csv, headers: { "content-type": "text/csv" } });
    expect(res.headers.get("content-type")).toBe("text/csv");
    expect(await res.text()).toBe(csv);
  });

  it("sends every Set-Cookie header separately", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const res = await fetch(`${served.url}/cookies`);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
  });

  it("streams a body produced in several chunks", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const res = await fetch(`${served.url}/stream`);
    expect(res.headers.get("content-length")).toBeNull();
    expect(await res.text()).toBe("chunk0;chunk1;chunk2;");
  });

  it("sends a one-piece body with its Content-Length", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const res = await fetch(`${served.url}/api/objects/v1/Café`);
    const text = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toMatchObject({ object: "Café" });
  });

  it("keeps the status text and sends no body for HEAD", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const res = await fetch(`${served.url}/teapot`);
    expect(res.status).toBe(418);
    expect(res.statusText).toBe("I'm a teapot");
    const head = await fetch(`${served.url}/api/objects/v1/Account`, { method: "HEAD" });
    expect(head.status).toBe(404); // msw's http.get does not answer HEAD
  });

  it("answers 404 in the system's error format when no handler matches", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    const res = await fetch(`${served.url}/nothing/here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ success: false, message: "the portal sandbox has no route for GET /nothing/here" });
  });

  it("turns a throwing handler into a logged 500 instead of a hung socket", async () => {
    const logged: string[] = [];
    served = await serveEmulator({
      emulator: fakeEmulator(),
      logger: { error: (obj, msg) => logged.push(`${msg}: ${(obj.err as Error).message}`) },
    });
    const res = await fetch(`${served.url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ success: false });
    expect(logged).toEqual(["sandbox handler threw: handler exploded"]);
    // the server still answers afterwards
    expect((await fetch(`${served.url}/api/objects/v1/X`)).status).toBe(200);
  });

  it("records each call with its route template, method and status", async () => {
    const recorder = new RequestRecorder();
    served = await serveEmulator({ emulator: fakeEmulator(), recorder });
    await fetch(`${served.url}/api/objects/v1/Account`).then((r) => r.text());
    await fetch(`${served.url}/api/objects/v1/Contact`).then((r) => r.text());
    await fetch(`${served.url}/nope`).then((r) => r.text());
    expect(recorder.count("portal")).toBe(3);
    expect(recorder.count("portal", "GET", "/api/objects/v1/:object")).toBe(2);
    const counts = recorder.counts();
    expect(counts.systems.portal?.routes).toEqual({ "GET /api/objects/v1/:object": 2, "GET /nope": 1 });
    expect(counts.systems.portal?.statuses).toEqual({ "200": 2, "404": 1 });
    expect(counts.recent.every((r) => r.ms >= 0)).toBe(true);
  });

  it("closes promptly even with idle keep-alive connections", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    await fetch(`${served.url}/api/objects/v1/Account`).then((r) => r.text());
    const started = performance.now();
    await served.close();
    served = undefined;
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("reports a taken port as a listen error", async () => {
    served = await serveEmulator({ emulator: fakeEmulator() });
    await expect(serveEmulator({ emulator: fakeEmulator(), port: served.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
