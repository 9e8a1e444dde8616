// A sandbox in its own process for the fault tests (run by Node's type stripping, from the built
// dist/): the three emulators on loopback ports like `partner-sync sandbox`, plus a small hooks port
// that reaches what only the in-process API can do (late rows, Salesforce emulator faults, rows
// sharing one SystemModstamp). Prints one JSON line when ready; stops on SIGTERM/SIGINT.
//
//   node test/faults/harness/sandbox-fixture.ts <options.json>
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { JsonRecord, SandboxData } from "../../../src/sandbox/contracts.js";
import type { EmulatorFactories } from "../../../src/sandbox/emulator-factories.js";
import type { SalesforceEmulator } from "../../../src/sandbox/salesforce/emulator.js";

export interface FixtureOptions {
  demoSize: number;
  seed: number;
  /** A faults file's content (generic and emulator faults), validated by the sandbox's schema. */
  faults?: unknown;
  /** Rows appended to the seed, per system and object, in that system's API representation. */
  extraRecords?: { salesforce?: Record<string, JsonRecord[]>; portal?: Record<string, JsonRecord[]> };
  /** Copies of the first seed row of a Salesforce object (new Ids, no external id), all with one SystemModstamp. */
  salesforceClones?: { object: string; count: number; systemModstamp: string }[];
}

export interface FixtureReady {
  config: { systems: Record<string, unknown> };
  urls: { salesforce: string; portal: string; coupa: string };
  hooksUrl: string;
}

const dist = (path: string) => new URL(`../../../dist/${path}`, import.meta.url).href;
const { startSandbox } = (await import(dist("sandbox/start-sandbox.js"))) as typeof import("../../../src/sandbox/start-sandbox.js");
const { loadSandboxData } = (await import(dist("sandbox/sandbox-data.js"))) as typeof import("../../../src/sandbox/sandbox-data.js");
const { defaultEmulatorFactories } = (await import(dist("sandbox/emulator-factories.js"))) as typeof import("../../../src/sandbox/emulator-factories.js");
const { faultsFileSchema } = (await import(dist("sandbox/faults.schema.js"))) as typeof import("../../../src/sandbox/faults.schema.js");

const options = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as FixtureOptions;
const data: SandboxData = await loadSandboxData({ kind: "demo", size: options.demoSize, seed: options.seed });
for (const [system, objects] of Object.entries(options.extraRecords ?? {}) as ["salesforce" | "portal", Record<string, JsonRecord[]>][]) {
  for (const [object, rows] of Object.entries(objects)) (data[system].records[object] ??= []).push(...rows);
}

for (const c of options.salesforceClones ?? []) {
  const rows = (data.salesforce.records[c.object] ??= []);
  const template = rows[0];
  if (!template) throw new Error(`no ${c.object} row to clone`);
  for (let i = 0; i < c.count; i++) {
    const { Id: _id, Portal_Id__c: _portal, ...rest } = template;
    rows.push({ ...rest, SystemModstamp: c.systemModstamp, LastModifiedDate: c.systemModstamp });
  }
}

// A clock the hooks can hold still, so that several updates share one SystemModstamp.
let frozen: Date | undefined;
const clock = () => frozen ?? new Date();
let salesforce: SalesforceEmulator | undefined;
const emulators: EmulatorFactories = {
  ...defaultEmulatorFactories,
  salesforce: (args) => (salesforce = defaultEmulatorFactories.salesforce(args) as SalesforceEmulator),
};
const sandbox = await startSandbox({
  data,
  clock,
  emulators,
  ...(options.faults ? { faults: faultsFileSchema.parse(options.faults), faultsFile: "(fixture options)" } : {}),
});
const sf = salesforce as SalesforceEmulator;

type Hook = (body: Record<string, unknown>) => unknown;
const hooks: Record<string, Hook> = {
  /** A row visible from now on with a SystemModstamp in the past (a late commit). */
  "POST /insert-late": (b) => sf.insertLate(String(b.sobject), b.record as JsonRecord, String(b.systemModstamp)),
  /** Updates rows; with `systemModstamp` they all get exactly that stamp (the clock is held). */
  "POST /update": (b) => {
    frozen = typeof b.systemModstamp === "string" ? new Date(b.systemModstamp) : undefined;
    try {
      return (b.updates as { id: string; fields: JsonRecord }[]).map((u) => sf.update(String(b.sobject), u.id, u.fields));
    } finally {
      frozen = undefined;
    }
  },
  "POST /salesforce-faults": (b) => {
    sf.faults.set(b.faults);
    return sf.faults.get();
  },
  "GET /salesforce-usage": () => sf.apiUsage(),
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const hook = hooks[`${req.method ?? "GET"} ${req.url ?? "/"}`];
  if (!hook) return send(res, 404, { error: `no hook ${req.method} ${req.url}` });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    send(res, 200, hook(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {}) ?? null);
  } catch (error) {
    send(res, 400, { error: (error as Error).message });
  }
}

const hooksServer = createServer((req, res) => void onRequest(req, res));
await new Promise<void>((resolve) => hooksServer.listen(0, "127.0.0.1", resolve));
const address = hooksServer.address();
const hooksUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

const stop = async () => {
  hooksServer.closeAllConnections();
  hooksServer.close();
  await sandbox.close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
const ready: FixtureReady = { config: sandbox.config as FixtureReady["config"], urls: sandbox.urls, hooksUrl };
process.stdout.write(`${JSON.stringify(ready)}\n`);
