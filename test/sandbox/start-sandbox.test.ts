import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { z } from "zod";
import type { Emulator, SandboxData, SystemName } from "../../src/sandbox/contracts.js";
import type { EmulatorArgs, EmulatorFactories } from "../../src/sandbox/emulator-factories.js";
import { faultsFileSchema } from "../../src/sandbox/faults.schema.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";

const emptyData: SandboxData = {
  salesforce: { describes: [], records: {} },
  portal: { objects: [], records: {} },
  coupa: { records: {} },
};

/** Each fake answers `GET /ping` with its system, counts resets and remembers the args it was built with. */
function fakes() {
  const resets: Record<SystemName, number> = { salesforce: 0, portal: 0, coupa: 0 };
  const args: Partial<Record<SystemName, EmulatorArgs<SystemName>>> = {};
  const make =
    <S extends SystemName>(system: S) =>
    (a: EmulatorArgs<S>): Emulator => {
      args[system] = a as EmulatorArgs<SystemName>;
      z.strictObject({ slow: z.boolean().optional() }).parse(a.faults ?? {});
      return {
        system,
        reset: () => void resets[system]++,
        handlers: [http.get("*/ping", () => HttpResponse.json({ system }))],
      };
    };
  const factories: EmulatorFactories = { salesforce: make("salesforce"), portal: make("portal"), coupa: make("coupa") };
  return { factories, resets, args };
}

const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject).listen(port, "127.0.0.1", () => resolve(server));
  });
const closeServer = (server: Server) => new Promise((r) => server.close(r));

async function holdPortAboveAFreeOne(): Promise<{ holder: Server; taken: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const holder = await listenOn(0);
    const taken = (holder.address() as { port: number }).port;
    const below = await listenOn(taken - 1).catch(() => undefined);
    if (below) {
      await closeServer(below);
      return { holder, taken };
    }
    await closeServer(holder);
  }
  throw new Error("no free port with a free lower neighbour in 20 attempts");
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("startSandbox", () => {
  it("serves the three systems and prints a config whose secret files exist with mode 0600", async () => {
    const { factories, args } = fakes();
    sandbox = await startSandbox({ data: emptyData, emulators: factories });
    const { systems } = sandbox.config;
    expect(Object.keys(systems)).toEqual(["salesforce", "portal", "coupa"]);
    expect(systems.salesforce).toEqual({
      loginUrl: sandbox.urls.salesforce,
      apiVersion: "62.0",
      auth: {
        flow: "client_credentials",
        clientId: sandbox.credentials.salesforce.clientId,
        clientSecretFile: join(sandbox.stateDir, "salesforce-client-secret"),
        username: "integration@sandbox.partner-sync.test",
        privateKeyFile: join(sandbox.stateDir, "salesforce-jwt-private-key.pem"),
        refreshTokenFile: join(sandbox.stateDir, "salesforce-refresh-token"),
      },
    });
    expect(systems.portal).toEqual({ baseUrl: sandbox.urls.portal, tenantId: 4242, apiKeyFile: join(sandbox.stateDir, "portal-api-key") });
    expect(systems.coupa).toEqual({
      baseUrl: sandbox.urls.coupa,
      clientId: sandbox.credentials.coupa.clientId,
      clientSecretFile: join(sandbox.stateDir, "coupa-client-secret"),
      scopes: ["core.supplier.read", "core.invoice.read", "core.pay.payments.read"],
    });

    const secrets: [string, string][] = [
      [systems.salesforce.auth.clientSecretFile, sandbox.credentials.salesforce.clientSecret],
      [systems.salesforce.auth.privateKeyFile, sandbox.credentials.salesforce.privateKeyPem],
      [systems.salesforce.auth.refreshTokenFile, sandbox.credentials.salesforce.refreshToken],
      [systems.portal.apiKeyFile, sandbox.credentials.portal.apiKey],
      [systems.coupa.clientSecretFile, sandbox.credentials.coupa.clientSecret],
    ];
    for (const [file, value] of secrets) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, "utf8")).toBe(value);
    }
    expect(sandbox.credentials.salesforce.privateKeyPem).toContain("BEGIN PRIVATE KEY");
    // the printed config names files, never a secret value
    const printed = JSON.stringify(sandbox.config);
    for (const [, value] of secrets) expect(printed).not.toContain(value);
    expect(JSON.parse(await readFile(join(sandbox.stateDir, "sandbox-config.json"), "utf8"))).toEqual(sandbox.config);

    for (const system of ["salesforce", "portal", "coupa"] as const) {
      expect(await (await fetch(`${sandbox.urls[system]}/ping`)).json()).toEqual({ system });
    }
    expect(args.portal?.credentials).toEqual(sandbox.credentials.portal);
    expect(args.coupa?.seed).toBe(emptyData.coupa);
  });

  it("listens on port, port+1 and port+2 when a port is given", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    sandbox = await startSandbox({ data: emptyData, port, emulators: fakes().factories });
    expect(sandbox.urls).toEqual({
      salesforce: `http://127.0.0.1:${port}`,
      portal: `http://127.0.0.1:${port + 1}`,
      coupa: `http://127.0.0.1:${port + 2}`,
    });
  });

  it("names the system and port it cannot listen on, and releases the ports it took", async () => {
    // Holds a port whose lower neighbour was free a moment ago. Taking the neighbour from a random
    // port (as this test once did) failed whenever another process held it: the error then named
    // Salesforce, correctly, and the test failed on the machine's state, not on the code.
    const { holder, taken } = await holdPortAboveAFreeOne();
    const error = await startSandbox({ data: emptyData, port: taken - 1, emulators: fakes().factories }).catch((e: Error) => e);
    await closeServer(holder);
    expect(String(error)).toContain(`cannot listen for the portal sandbox on 127.0.0.1:${taken}`);
    // the Salesforce listener it had opened on taken-1 was closed again
    await closeServer(await listenOn(taken - 1));
  });

  it("counts API calls per system and route on every port, but not its own control calls", async () => {
    sandbox = await startSandbox({ data: emptyData, emulators: fakes().factories });
    await fetch(`${sandbox.urls.salesforce}/ping`).then((r) => r.text());
    await fetch(`${sandbox.urls.coupa}/ping`).then((r) => r.text());
    await fetch(`${sandbox.urls.coupa}/ping`).then((r) => r.text());
    const viaPortal = await (await fetch(`${sandbox.urls.portal}/__sandbox/requests`)).json();
    expect(viaPortal).toMatchObject({
      total: 3,
      systems: { salesforce: { total: 1, routes: { "GET /ping": 1 } }, coupa: { total: 2, methods: { GET: 2 } } },
    });
    expect(sandbox.recorder.count("portal")).toBe(0);
  });

  it("resets every emulator, the fault counters and the counts on POST /__sandbox/reset, or keeps counts when asked", async () => {
    const { factories, resets } = fakes();
    sandbox = await startSandbox({ data: emptyData, emulators: factories });
    sandbox.faults.add("coupa", { kind: "status", status: 503, times: 1 });
    expect((await fetch(`${sandbox.urls.coupa}/ping`)).status).toBe(503);
    expect((await fetch(`${sandbox.urls.coupa}/ping`)).status).toBe(200);

    const kept = await fetch(`${sandbox.urls.salesforce}/__sandbox/reset?keepCounts`, { method: "POST" });
    expect(await kept.json()).toEqual({ reset: true, keptCounts: true });
    expect(resets).toEqual({ salesforce: 1, portal: 1, coupa: 1 });
    expect(sandbox.recorder.count("coupa")).toBe(2);
    // the one-shot fault fires again after a reset
    expect((await fetch(`${sandbox.urls.coupa}/ping`)).status).toBe(503);

    await fetch(`${sandbox.urls.salesforce}/__sandbox/reset`, { method: "POST" });
    expect(resets).toEqual({ salesforce: 2, portal: 2, coupa: 2 });
    expect(sandbox.recorder.counts().total).toBe(0);
  });

  it("adds, lists and clears faults over HTTP for a sandbox running in another process", async () => {
    sandbox = await startSandbox({ data: emptyData, emulators: fakes().factories });
    const control = `${sandbox.urls.salesforce}/__sandbox/faults`;
    const added = await fetch(`${control}?system=portal`, { method: "POST", body: JSON.stringify({ kind: "status", status: 429, retryAfter: 3 }) });
    expect(added.status).toBe(201);
    const limited = await fetch(`${sandbox.urls.portal}/ping`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await (await fetch(control)).json()).toMatchObject({ portal: [{ kind: "status", status: 429 }], coupa: [] });
    expect((await fetch(`${control}?system=portal`, { method: "POST", body: '{"kind":"status","status":99}' })).status).toBe(400);
    expect((await fetch(`${control}?system=nope`, { method: "POST", body: "{}" })).status).toBe(400);
    await fetch(control, { method: "DELETE" });
    expect((await fetch(`${sandbox.urls.portal}/ping`)).status).toBe(200);
    expect((await fetch(`${sandbox.urls.portal}/__sandbox/unknown`)).status).toBe(404);
  });

  it("applies the generic faults of a faults config and hands each emulator its own section", async () => {
    const { factories, args } = fakes();
    const faults = faultsFileSchema.parse({ coupa: { faults: [{ kind: "status", status: 500 }], emulator: { slow: true } } });
    sandbox = await startSandbox({ data: emptyData, faults, emulators: factories });
    expect((await fetch(`${sandbox.urls.coupa}/ping`)).status).toBe(500);
    expect((await fetch(`${sandbox.urls.portal}/ping`)).status).toBe(200);
    expect(args.coupa?.faults).toEqual({ slow: true });
    expect(args.portal?.faults).toBeUndefined();
  });

  it("reports an emulator section its emulator rejects with the faults file and key", async () => {
    const faults = faultsFileSchema.parse({ portal: { emulator: { sloow: true } } });
    await expect(startSandbox({ data: emptyData, faults, faultsFile: "faults.yaml", emulators: fakes().factories })).rejects.toThrow(
      "faults file faults.yaml: portal.emulator is invalid:\n  - portal.emulator: unknown key sloow",
    );
  });

  it("removes its temporary state dir on close, but keeps a state dir it was given", async () => {
    sandbox = await startSandbox({ data: emptyData, emulators: fakes().factories });
    const temp = sandbox.stateDir;
    await sandbox.close();
    sandbox = undefined;
    await expect(stat(temp)).rejects.toThrow(/ENOENT/);

    const mine = await mkdtemp(join(tmpdir(), "state-"));
    try {
      const kept = await startSandbox({ data: emptyData, stateDir: join(mine, "nested"), emulators: fakes().factories });
      await kept.close();
      expect((await stat(join(mine, "nested", "portal-api-key"))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(mine, { recursive: true, force: true });
    }
  });
});
