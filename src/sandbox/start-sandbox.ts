// Starts the whole sandbox: the three emulators seeded from `data`, each on its own loopback port
// behind the generic faults and the recorder, with fresh credentials whose secrets live in files.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PartnerSyncError } from "../errors.js";
import type { Clock, Emulator, JsonRecord, SandboxCredentials, SandboxData, SystemName } from "./contracts.js";
import { controlRoutes, type SandboxState } from "./control-routes.js";
import { defaultEmulatorFactories, type EmulatorFactories } from "./emulator-factories.js";
import { FaultInjector } from "./fault-injector.js";
import { faultsFileSchema, type FaultsConfig } from "./faults.schema.js";
import { serveEmulator, type AdapterLogger, type ServedEmulator } from "./http-adapter.js";
import { RequestRecorder } from "./request-recorder.js";
import { buildSandboxConfig, type SandboxConfig } from "./sandbox-config.js";
import { createSandboxCredentials, openStateDir, writeSecretFiles } from "./sandbox-credentials.js";
import { describeIssues } from "./zod-issues.js";

export interface StartSandboxOptions {
  data: SandboxData;
  /** Salesforce listens on `port`, the portal on `port + 1`, Coupa on `port + 2`; 0 (default) = three free ports. */
  port?: number;
  faults?: FaultsConfig;
  /** Names the faults file in errors about its `emulator` sections. */
  faultsFile?: string;
  clock?: Clock;
  /** Where secret files go; default a fresh temp dir, removed by `close()`. */
  stateDir?: string;
  /** Tests pass small fakes; the real emulators otherwise. */
  emulators?: EmulatorFactories;
  logger?: AdapterLogger;
}

export interface Sandbox {
  urls: Record<SystemName, string>;
  credentials: SandboxCredentials;
  config: SandboxConfig;
  stateDir: string;
  recorder: RequestRecorder;
  faults: FaultInjector;
  /** Every emulator back to its seed, fault counters rewound, request counts cleared (unless kept). */
  reset(options?: { keepCounts?: boolean }): void;
  /** Every record of every object as the emulators hold them now (`GET /__sandbox/state`). */
  state(system?: SystemName): Promise<SandboxState>;
  close(): Promise<void>;
}

const SYSTEMS: readonly SystemName[] = ["salesforce", "portal", "coupa"];

/** An emulator rejecting its `emulator` faults section is a faults-file error: say which file and key. */
function createEmulator(system: SystemName, create: () => Emulator, faultsFile: string): Emulator {
  try {
    return create();
  } catch (error) {
    // Only a schema rejection is about the faults file; anything else is the emulator's own failure.
    const issues = (error as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) throw error;
    const problems = describeIssues(issues, [system, "emulator"]);
    throw new PartnerSyncError(
      "PS_E_CONFIG_FILE",
      `faults file ${faultsFile}: ${system}.emulator is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      { details: { file: faultsFile, system, problems }, cause: error },
    );
  }
}

export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const clock = options.clock ?? (() => new Date());
  const faultsConfig = options.faults ?? faultsFileSchema.parse({});
  const faultsFile = options.faultsFile ?? "(faults option)";
  const factories = options.emulators ?? defaultEmulatorFactories;
  const credentials = createSandboxCredentials();

  const emulators: Record<SystemName, Emulator> = {
    salesforce: createEmulator("salesforce", () => factories.salesforce({
      seed: options.data.salesforce, credentials: credentials.salesforce, clock, faults: faultsConfig.salesforce?.emulator,
    }), faultsFile),
    portal: createEmulator("portal", () => factories.portal({
      seed: options.data.portal, credentials: credentials.portal, clock, faults: faultsConfig.portal?.emulator,
    }), faultsFile),
    coupa: createEmulator("coupa", () => factories.coupa({
      seed: options.data.coupa, credentials: credentials.coupa, clock, faults: faultsConfig.coupa?.emulator,
    }), faultsFile),
  };

  const recorder = new RequestRecorder();
  const faults = new FaultInjector(faultsConfig);
  const reset = (resetOptions: { keepCounts?: boolean } = {}) => {
    for (const system of SYSTEMS) emulators[system].reset();
    faults.reset();
    if (!resetOptions.keepCounts) recorder.clear();
  };
  const state = (system?: SystemName) => dumpState(emulators, options.data, credentials, system);
  const control = controlRoutes({ recorder, faults, reset, state });

  const stateDir = await openStateDir(options.stateDir);
  const served: ServedEmulator[] = [];
  const closeAll = async () => {
    await Promise.allSettled(served.map((s) => s.close()));
    await stateDir.dispose();
  };
  try {
    for (const [index, system] of SYSTEMS.entries()) {
      const port = options.port ? options.port + index : 0;
      served.push(
        await serveEmulator({
          emulator: emulators[system], port, recorder, faults, control, clock,
          ...(options.logger ? { logger: options.logger } : {}),
        }).catch((error: unknown) => {
          throw new PartnerSyncError("PS_E_CONFIG_INVALID", `cannot listen for the ${system} sandbox on 127.0.0.1:${port}: ${(error as Error).message}`, {
            details: { system, port },
            cause: error,
          });
        }),
      );
    }
    const urls = Object.fromEntries(served.map((s) => [s.system, s.url])) as Record<SystemName, string>;
    const files = await writeSecretFiles(stateDir.path, credentials);
    const config = buildSandboxConfig(urls, credentials, files);
    await writeFile(join(stateDir.path, "sandbox-config.json"), `${JSON.stringify(config, null, 2)}\n`);
    let closing: Promise<void> | undefined;
    return {
      urls, credentials, config, stateDir: stateDir.path, recorder, faults, reset, state,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// ---- state dump: what fault tests compare after a run ----

/** Runs one request through an emulator's handlers in-process: past the recorder and the generic faults. */
async function callEmulator(emulator: Emulator, request: Request): Promise<unknown> {
  const requestId = randomUUID();
  for (const handler of emulator.handlers) {
    const result = await handler.run({ request, requestId });
    if (!result?.response) continue;
    if (!result.response.ok) throw new Error(`state dump: ${emulator.system} answered ${result.response.status} to ${request.method} ${request.url}: ${await result.response.text()}`);
    return result.response.json();
  }
  throw new Error(`state dump: no ${emulator.system} handler for ${request.method} ${request.url}`);
}

const names = (described: readonly { name: string }[], records: Record<string, unknown>) => [...new Set([...described.map((d) => d.name), ...Object.keys(records)])].sort();

/**
 * Salesforce through the emulator's in-process `records()` (live rows, Id order); the portal and Coupa
 * through their own list routes called in-process (Id order), so the dump is what a client would read.
 * The portal's and Coupa's own rate limits (emulator faults) do count these calls.
 */
async function dumpState(emulators: Record<SystemName, Emulator>, data: SandboxData, credentials: SandboxCredentials, only?: SystemName): Promise<SandboxState> {
  const out: SandboxState = {};
  const origin = "http://sandbox.state";
  if (!only || only === "salesforce") {
    const sf = emulators.salesforce as Emulator & { records?: (sobject: string) => JsonRecord[] };
    if (typeof sf.records === "function") {
      const records = sf.records.bind(sf);
      out.salesforce = Object.fromEntries(names(data.salesforce.describes, data.salesforce.records).map((o) => [o, records(o)]));
    }
  }
  if (!only || only === "portal") {
    const headers = { authorization: `prm-key ${credentials.portal.apiKey}`, "x-prm-tenantid": String(credentials.portal.tenantId) };
    out.portal = {};
    for (const object of names(data.portal.objects, data.portal.records)) {
      const rows: JsonRecord[] = [];
      for (let skip = 0; ; skip += 500) {
        const body = (await callEmulator(emulators.portal, new Request(`${origin}/api/objects/v1/${object}?orderby=Id&skip=${skip}&take=500`, { headers }))) as { data: { count: number; results: JsonRecord[] } };
        rows.push(...body.data.results);
        if (body.data.results.length < 500) break;
      }
      out.portal[object] = rows;
    }
  }
  if (!only || only === "coupa") {
    const c = credentials.coupa;
    const token = (await callEmulator(emulators.coupa, new Request(`${origin}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }).toString(),
    }))) as { access_token: string };
    const headers = { authorization: `Bearer ${token.access_token}`, accept: "application/json" };
    out.coupa = {};
    for (const resource of ["suppliers", "supplier_information", "invoices"]) {
      const rows: JsonRecord[] = [];
      for (let offset = 0; ; offset += 50) {
        const page = (await callEmulator(emulators.coupa, new Request(`${origin}/api/${resource}?offset=${offset}&limit=50`, { headers }))) as JsonRecord[];
        rows.push(...page);
        if (page.length < 50) break;
      }
      out.coupa[resource] = rows;
    }
  }
  return out;
}
