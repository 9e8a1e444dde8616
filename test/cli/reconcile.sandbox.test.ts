// End to end against the sandbox: the real connectors, mappings and runner over the demo data set.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeReconcile, runnerSessionFactory, type ReconcileCliOptions } from "../../src/cli/reconcile.command.js";
import { SHIPPED_MAPPINGS } from "../../src/cli/sync.command.js";
import { loadConfig, type LoadedConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/log/logger.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import { openStore, type Store } from "../../src/store/store.js";

const NOW = new Date("2026-05-07T12:00:00Z");
let sandbox: Sandbox;
let loaded: LoadedConfig;
let store: Store;
let n = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ data: generateDemoData({ size: 20, seed: 1, now: NOW }), clock: () => NOW });
  const dir = mkdtempSync(join(tmpdir(), "ps-reconcile-"));
  writeFileSync(join(dir, "sandbox.json"), JSON.stringify(sandbox.config));
  loaded = loadConfig({ file: join(dir, "sandbox.json"), env: {} });
  store = openStore(join(dir, "store.db"));
}, 60_000);

afterAll(async () => {
  store?.close();
  await sandbox?.close();
});

/** Calls that change data: anything but reads and the auth handshakes. */
function writeCalls(): string[] {
  const out: string[] = [];
  for (const [system, c] of Object.entries(sandbox.recorder.counts().systems)) {
    for (const [route, k] of Object.entries(c?.routes ?? {})) {
      if (route.startsWith("GET ") || /token|oauth|login/i.test(route)) continue;
      out.push(`${system} ${route} ×${k}`);
    }
  }
  return out;
}

async function reconcile(opts: Partial<ReconcileCliOptions> = {}) {
  const runId = `reconcile-e2e-${++n}`;
  const log = createLogger({ level: "silent", pretty: false });
  const session = await runnerSessionFactory({ loaded, store, log, runId, apply: opts.apply === true, now: NOW, mappingsDir: SHIPPED_MAPPINGS });
  try {
    return await executeReconcile({ format: "json", now: NOW.toISOString(), ...opts }, { store, session, runId, clock: () => NOW, writeFile: () => undefined });
  } finally {
    await session.close?.();
  }
}

describe("partner-sync reconcile against the sandbox", () => {
  it("reports drift and missing records writing nothing, --apply repairs, a second reconcile shows the repairs kept and the refused writes quarantined", async () => {
    sandbox.recorder.clear();
    const first = await reconcile();
    expect(first.code).toBe(0);
    const t1 = first.report!.totals;
    expect(t1.records).toBeGreaterThan(0);
    expect(t1.missing + t1.drift + t1.conflicts).toBeGreaterThan(0);
    expect(t1.plannedWrites).toBeGreaterThan(0);
    expect(writeCalls()).toEqual([]);
    expect(store.recordState.count()).toBe(0);
    expect(store.watermarks.all()).toEqual([]);

    const applied = await reconcile({ apply: true });
    expect(applied.report!.applied!.attempted).toBe(t1.plannedWrites);
    expect(writeCalls().length).toBeGreaterThan(0);

    const second = await reconcile();
    const t2 = second.report!.totals;
    // Everything --apply wrote stays repaired; what is left are the refused writes (quarantined, with
    // their error) and values that do not survive a round trip (docs/reconcile.md "Not done").
    expect(t2.drift + t2.missing).toBeLessThan(t1.drift + t1.missing);
    expect(t2.matched).toBeGreaterThan(t1.matched);
    const refused = store.quarantine.list().filter((q) => q.stage === "apply");
    expect(refused).toHaveLength(applied.report!.applied!.failed);
    expect(second.report!.entities.flatMap((e) => e.quarantined.filter((q) => q.stage === "apply"))).toHaveLength(refused.length);
  }, 120_000);
});
