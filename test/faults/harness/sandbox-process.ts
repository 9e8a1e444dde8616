// The test side of the sandbox fixture: starts `sandbox-fixture.ts` in its own process, waits for its
// ready line, and wraps the inspection routes (`/__sandbox/requests|state|faults|reset`) and the
// fixture's hooks in typed calls. Each test file owns one sandbox and closes it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { JsonRecord, SystemName } from "../../../src/sandbox/contracts.js";
import type { SandboxState } from "../../../src/sandbox/control-routes.js";
import type { z } from "zod";
import type { genericFaultSchema } from "../../../src/sandbox/faults.schema.js";
import type { RequestCounts } from "../../../src/sandbox/request-recorder.js";
import type { FixtureOptions, FixtureReady } from "./sandbox-fixture.js";

export type FaultInput = z.input<typeof genericFaultSchema>;

const FIXTURE = fileURLToPath(new URL("./sandbox-fixture.ts", import.meta.url));

export interface SandboxProcess extends FixtureReady {
  /** Folder for this sandbox's config, store and option files; removed by close(). */
  dir: string;
  requests(): Promise<RequestCounts>;
  state(system?: SystemName): Promise<SandboxState>;
  addFault(system: SystemName, fault: FaultInput): Promise<void>;
  clearFaults(system?: SystemName): Promise<void>;
  /** The generic faults per system, each with how many requests it matched and hit. */
  faults(): Promise<Record<SystemName, (FaultInput & { matched: number; fired: number })[]>>;
  /** Every emulator back to its seed and counts cleared. */
  reset(): Promise<void>;
  hook<T = unknown>(method: "GET" | "POST", path: string, body?: unknown): Promise<T>;
  insertLate(sobject: string, record: JsonRecord, systemModstamp: string): Promise<JsonRecord>;
  close(): Promise<void>;
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

function waitForReadyLine(child: ChildProcess, stderr: () => string): Promise<FixtureReady> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      try {
        resolve(JSON.parse(line) as FixtureReady);
      } catch (error) {
        reject(new Error(`sandbox fixture printed ${line}: ${(error as Error).message}`));
      }
    });
    child.once("exit", (code, signal) => reject(new Error(`sandbox fixture exited (${code ?? signal}) before it was ready:\n${stderr()}`)));
  });
}

export async function startSandboxProcess(options: FixtureOptions): Promise<SandboxProcess> {
  const dir = mkdtempSync(join(tmpdir(), "partner-sync-faults-"));
  const optionsFile = join(dir, "fixture-options.json");
  writeFileSync(optionsFile, JSON.stringify(options));
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", FIXTURE, optionsFile], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString("utf8")).slice(-20_000);
  });
  let ready: FixtureReady;
  try {
    ready = await waitForReadyLine(child, () => err);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const control = ready.urls.salesforce;
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
  const hook = <T>(method: "GET" | "POST", path: string, body?: unknown) =>
    call<T>(`${ready.hooksUrl}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
  return {
    ...ready,
    dir,
    requests: () => call(`${control}/__sandbox/requests`),
    state: (system) => call(`${control}/__sandbox/state${system ? `?system=${system}` : ""}`),
    addFault: async (system, fault) => {
      await call(`${control}/__sandbox/faults?system=${system}`, { method: "POST", body: JSON.stringify(fault), headers: { "content-type": "application/json" } });
    },
    faults: () => call(`${control}/__sandbox/faults`),
    clearFaults: async (system) => {
      await call(`${control}/__sandbox/faults${system ? `?system=${system}` : ""}`, { method: "DELETE" });
    },
    reset: async () => {
      await call(`${control}/__sandbox/reset`, { method: "POST" });
    },
    hook,
    insertLate: (sobject, record, systemModstamp) => hook("POST", "/insert-late", { sobject, record, systemModstamp }),
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
