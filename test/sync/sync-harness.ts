// A sandbox seeded with a small generated demo data set, the real connectors on loopback, a fresh
// store: what the sync tests run the pass against.
import "../connectors/salesforce/no-proxy.js";
import { mkdtempSync } from "node:fs";
import { afterAll, beforeAll, expect } from "vitest";
import { readFile } from "node:fs/promises";
import jsforce from "jsforce";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, type LoadedConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/log/logger.js";
import { readMappings, specsFor } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import type { Clock, Emulator, SandboxData } from "../../src/sandbox/contracts.js";
import { defaultEmulatorFactories } from "../../src/sandbox/emulator-factories.js";
import { buildBankingSpec } from "../../src/sync/entity-specs.js";
import { defaultRulesConfig } from "../../src/rules/rules-config.schema.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { vendorUsers } from "../../src/sandbox/demo/demo-context.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import { openStore, type Store } from "../../src/store/store.js";
import { openSystems } from "../../src/sync/open-systems.js";
import type { RunSummary } from "../../src/sync/run-summary.js";
import { runSync, type SyncRunOptions } from "../../src/sync/sync-run.js";

export const SHIPPED = fileURLToPath(new URL("../../mappings", import.meta.url));
export const DEMO_NOW = new Date("2026-11-15T12:00:00Z");
export const OWNER = vendorUsers().integration;

export interface SyncWorld {
  sb: Sandbox;
  store: Store;
  loaded: LoadedConfig;
  dir: string;
  configFile: string;
  run(options?: Partial<SyncRunOptions> & { budget?: { maxCallsPerRun?: number } }): ReturnType<typeof runSync>;
  /** The Coupa emulator's seed (the demo data's `coupa`): change it, then `reloadCoupa()` (Coupa has no write routes). */
  coupaSeed: SandboxData["coupa"];
  reloadCoupa(): void;
  writes(): number;
  close(): Promise<void>;
}

/**
 * A world for the enclosing describe block: started before its tests, closed after them. Read it
 * through the getter (it exists once the block's beforeAll ran).
 */
export function useSyncWorld(size = 60, seed = 7, clock?: Clock): () => SyncWorld {
  let world: SyncWorld | undefined;
  beforeAll(async () => {
    world = await startSyncWorld(size, seed, clock);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (world === undefined) throw new Error("useSyncWorld: the world is read before its beforeAll ran");
    return world;
  };
}

/** `clock` (default the wall clock) stamps the sandbox's records and starts the runs. */
export async function startSyncWorld(size = 60, seed = 7, clock?: Clock): Promise<SyncWorld> {
  const data = generateDemoData({ size, seed });
  let coupa: Emulator | undefined;
  const sb = await startSandbox({ data, ...(clock ? { clock } : {}), emulators: { ...defaultEmulatorFactories, coupa: (args) => (coupa = defaultEmulatorFactories.coupa(args)) } });
  const dir = mkdtempSync(join(tmpdir(), "ps-sync-"));
  const configFile = join(sb.stateDir, "sandbox-config.json");
  const loaded = loadConfig({ file: configFile, env: {} });
  const store = openStore(join(dir, "ps.db"));
  const log = createLogger({ level: "silent", pretty: false });
  const mappings = readMappings(SHIPPED);
  if (!mappings.ok) throw new Error(mappings.message);
  const specs = specsFor(loaded, mappings.mappings);
  const bankingSpec = buildBankingSpec(mappings.mappings, compileMappings(mappings.mappings));
  return {
    sb, store, loaded, dir, configFile,
    coupaSeed: data.coupa,
    reloadCoupa: () => coupa?.reset(),
    async run(options = {}) {
      const withBudget: LoadedConfig = options.budget ? { ...loaded, config: { ...loaded.config, sync: { ...loaded.config.sync, salesforce: { ...loaded.config.sync.salesforce, ...options.budget } } } } : loaded;
      const systems = openSystems(withBudget, store, log);
      try {
        return await runSync({
          store, access: systems.access, specs, ...(bankingSpec ? { bankingSpec } : {}), log, rules: defaultRulesConfig, now: DEMO_NOW,
          lookbackSeconds: 600, safetyLagSeconds: 0, batchSize: 50, leaseTtlMs: 60_000, replayQuarantine: true, sfOwnerIdOnCreate: OWNER,
          ...(clock ? { clock } : {}),
          ...options,
        });
      } finally {
        systems.close();
      }
    },
    writes() {
      const c = sb.recorder.counts().systems;
      let n = 0;
      for (const s of ["salesforce", "portal"] as const) {
        const routes = c[s]?.routes ?? {};
        for (const [route, count] of Object.entries(routes)) {
          // Writes: any PATCH/POST/PUT except logins, queries and Bulk API job bookkeeping.
          if (/^(PATCH|POST|PUT|DELETE) /.test(route) && !/oauth2|token/.test(route)) n += count;
        }
      }
      return n;
    },
    async close() {
      store.close();
      await sb.close();
    },
  };
}

/** A portal write the way a partner edits a record (through the API, so `updated` moves). */
export async function portalPatch(sb: Sandbox, object: string, id: number | string, fields: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sb.urls.portal}/api/objects/v1/${object}/${id}`, {
    method: "PATCH",
    headers: { Authorization: `prm-key ${sb.credentials.portal.apiKey}`, "X-PRM-TenantId": String(sb.credentials.portal.tenantId), "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(fields),
  });
  if (!res.ok) throw new Error(`portal PATCH ${object}/${id}: ${res.status} ${await res.text()}`);
}

export async function portalGet(sb: Sandbox, object: string, id: number | string): Promise<Record<string, unknown>> {
  const res = await fetch(`${sb.urls.portal}/api/objects/v1/${object}/${id}`, {
    headers: { Authorization: `prm-key ${sb.credentials.portal.apiKey}`, "X-PRM-TenantId": String(sb.credentials.portal.tenantId), accept: "application/json" },
  });
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

/** A portal create the way a partner submits a record; resolves with the new record's id. */
export async function portalCreate(sb: Sandbox, object: string, fields: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${sb.urls.portal}/api/objects/v1/${object}`, {
    method: "POST",
    headers: { Authorization: `prm-key ${sb.credentials.portal.apiKey}`, "X-PRM-TenantId": String(sb.credentials.portal.tenantId), "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(fields),
  });
  if (res.status !== 201) throw new Error(`portal POST ${object}: ${res.status} ${await res.text()}`);
  // The portal answers in camelCase (Json.NET).
  return ((await res.json()) as { data: { id: number } }).data.id;
}

/** A jsforce connection to the sandbox's Salesforce, as a CRM user edits records there. */
export async function salesforceConnection(w: SyncWorld): Promise<jsforce.Connection> {
  const sf = w.sb.config.systems.salesforce;
  const res = await fetch(`${sf.loginUrl}/services/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: sf.auth.clientId, client_secret: await readFile(sf.auth.clientSecretFile, "utf8") }),
  });
  const token = (await res.json()) as { access_token: string; instance_url: string };
  return new jsforce.Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: sf.apiVersion });
}

/** The next run, the sandbox's request counts cleared first: a settled world writes nothing, in its summary or on the wire. */
export async function expectNextRunWritesNothing(w: SyncWorld): Promise<void> {
  w.sb.recorder.clear();
  const summary: RunSummary = await w.run();
  expect(summary.writes).toBe(0);
  expect(w.writes()).toBe(0);
}
