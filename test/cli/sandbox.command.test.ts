import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CommanderError } from "commander";
import { runSandbox, sandboxCommand, type SandboxCommandOptions } from "../../src/cli/sandbox.command.js";
import { isPartnerSyncError } from "../../src/errors.js";
import type { SandboxConfig } from "../../src/sandbox/sandbox-config.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-cmd-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command's action in-process until `stop()`; resolves once it printed its settings. */
async function run(options: SandboxCommandOptions) {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  let ready!: (info: { urls: Record<string, string>; stateDir: string }) => void;
  const readyP = new Promise<{ urls: Record<string, string>; stateDir: string }>((resolve) => (ready = resolve));
  const done = runSandbox(options, { out: (l) => out.push(l), err: (l) => err.push(l), stopped, ready });
  const info = await Promise.race([readyP, done.then(() => Promise.reject(new Error("stopped before ready")))]);
  return { out, err, info, done, stop: async (signal = "SIGTERM") => (stop(signal), done) };
}

async function readSecret(file: string): Promise<string> {
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  return readFile(file, "utf8");
}

/** Connects to each system exactly as the config says, using the secret files it names. */
async function connectAll(config: SandboxConfig) {
  const sf = config.systems.salesforce;
  const token = await fetch(`${sf.loginUrl}/services/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: sf.auth.clientId, client_secret: await readSecret(sf.auth.clientSecretFile) }),
  });
  expect(token.status).toBe(200);
  const { access_token: sfToken } = (await token.json()) as { access_token: string };
  const query = await fetch(`${sf.loginUrl}/services/data/v${sf.apiVersion}/query?q=${encodeURIComponent("SELECT Id, Name FROM Account")}`, {
    headers: { authorization: `Bearer ${sfToken}` },
  });
  expect(query.status).toBe(200);
  expect(await query.json()).toMatchObject({ done: true, records: [{ Name: "Acme Partners" }] });

  const portal = config.systems.portal;
  const accounts = await fetch(`${portal.baseUrl}/api/objects/v1/Account?fields=Id,Name&take=10`, {
    headers: { authorization: `prm-key ${await readSecret(portal.apiKeyFile)}`, "x-prm-tenantid": String(portal.tenantId) },
  });
  expect(accounts.status).toBe(200);
  expect(await accounts.json()).toMatchObject({ success: true, data: { count: 1, results: [{ name: "Acme Partners" }] } });

  const coupa = config.systems.coupa;
  const coupaToken = await fetch(`${coupa.baseUrl}/oauth2/token`, {
    method: "POST",
    headers: { accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: coupa.clientId,
      client_secret: await readSecret(coupa.clientSecretFile),
      scope: coupa.scopes.join(" "),
    }),
  });
  expect(coupaToken.status).toBe(200);
  const { access_token: coupaAccess } = (await coupaToken.json()) as { access_token: string };
  const suppliers = await fetch(`${coupa.baseUrl}/api/suppliers`, { headers: { authorization: `Bearer ${coupaAccess}`, accept: "application/json" } });
  expect(suppliers.status).toBe(200);
  expect(await suppliers.json()).toMatchObject([{ name: "Acme Partners" }]);
}

async function writeDataSet(): Promise<string> {
  const data = join(dir, "data");
  const { writeDataFolder } = await import("../../src/sandbox/data-folder-write.js");
  const { emptySandboxData } = await import("../../src/sandbox/sandbox-data.js");
  const seed = emptySandboxData();
  seed.salesforce.records.Account = [{ Name: "Acme Partners" }];
  seed.portal.records.Account = [{ Name: "Acme Partners" }];
  seed.coupa.records.suppliers = [{ id: 1, name: "Acme Partners", number: "S-1", status: "active" }];
  await writeDataFolder(data, seed);
  return data;
}

describe("partner-sync sandbox (the command's action, in-process)", () => {
  it("with --json prints exactly one line, the config, whose systems answer with the secrets in its files", async () => {
    const sandbox = await run({ data: await writeDataSet(), json: true });
    expect(sandbox.out).toHaveLength(1);
    const config = JSON.parse(sandbox.out[0]!) as SandboxConfig;
    expect(Object.keys(config)).toEqual(["systems"]);
    expect(config.systems.portal.baseUrl).toBe(sandbox.info.urls.portal);
    await connectAll(config);
    await sandbox.stop();
    expect(sandbox.err).toEqual(["partner-sync sandbox: SIGTERM received, stopping"]);
    // the temporary state dir with the secrets is gone
    await expect(stat(sandbox.info.stateDir)).rejects.toThrow(/ENOENT/);
    await expect(fetch(`${sandbox.info.urls.portal}/__sandbox/requests`)).rejects.toThrow();
  });

  it("prints human-readable connection settings for all three systems", async () => {
    const sandbox = await run({ demoSize: 0, stateDir: join(dir, "state") });
    await sandbox.stop("SIGINT");
    const text = sandbox.out.join("\n");
    expect(text).toContain("serving the default org with no records (--demo-size 0)");
    expect(text).toMatch(/^Salesforce {2}http:\/\/127\.0\.0\.1:\d+ /m);
    expect(text).toMatch(/^Portal {6}http:\/\/127\.0\.0\.1:\d+ {2}\(tenant 4242; API key in .*portal-api-key\)/m);
    expect(text).toMatch(/^Coupa {7}http:\/\/127\.0\.0\.1:\d+ /m);
    // a state dir the user named is kept
    expect(existsSync(join(dir, "state", "salesforce-client-secret"))).toBe(true);
  });

  it("refuses a bad data folder, naming the file", async () => {
    const data = join(dir, "bad");
    await import("node:fs/promises").then((fs) => fs.mkdir(join(data, "coupa"), { recursive: true }));
    await writeFile(join(data, "coupa", "invoices.json"), "[{]");
    const error = await runSandbox({ data }, { out: () => {}, err: () => {}, stopped: new Promise(() => {}) }).catch((e: unknown) => e);
    expect(isPartnerSyncError(error) && error.scope).toBe("config");
    expect(String(error)).toContain(`${join(data, "coupa", "invoices.json")}: invalid JSON at line 1, column 3`);
  });

  it("refuses a faults file with an unknown key, naming the file and key", async () => {
    const faults = join(dir, "faults.yaml");
    await writeFile(faults, "portal:\n  faults:\n    - { kind: latency, ms: 5, sometimes: true }\n");
    const error = await runSandbox({ faults }, { out: () => {}, err: () => {}, stopped: new Promise(() => {}) }).catch((e: unknown) => e);
    expect(isPartnerSyncError(error) && error.scope).toBe("config");
    expect(String(error)).toContain(`faults file ${faults} is invalid:\n  - portal.faults[0]: unknown key sometimes`);
  });

  it("hands the faults file's emulator section to the emulator, which validates it", async () => {
    const faults = join(dir, "faults.yaml");
    await writeFile(faults, "coupa:\n  emulator: { tokenExpiresInSeconds: -1 }\n");
    const error = await runSandbox({ faults, demoSize: 0 }, { out: () => {}, err: () => {}, stopped: new Promise(() => {}) }).catch((e: unknown) => e);
    expect(String(error)).toContain(`faults file ${faults}: coupa.emulator is invalid:\n  - coupa.emulator.tokenExpiresInSeconds:`);
  });
});

describe("partner-sync sandbox (flags)", () => {
  async function parse(args: string[]): Promise<unknown> {
    const cmd = sandboxCommand().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    return cmd.parseAsync(args, { from: "user" }).catch((e: unknown) => e);
  }

  it.each([
    [["--port", "http"], "--port must be an integer from 0 to 65533."],
    [["--port", "65534"], "--port must be an integer from 0 to 65533."],
    [["--demo-size", "-3"], "--demo-size must be an integer"],
    [["--data", "x", "--demo-size", "3"], "option '--data <dir>' cannot be used with option '--demo-size <n>'"],
    [["--data", "x", "--seed", "3"], "option '--data <dir>' cannot be used with option '--seed <s>'"],
    [["--bogus"], "unknown option '--bogus'"],
  ])("rejects %j with a clear message (the CLI entry exits 2)", async (args, message) => {
    const error = await parse(args);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).exitCode).not.toBe(0);
    expect((error as CommanderError).message).toContain(message);
  });
});

const builtCli = join(import.meta.dirname, "../../dist/cli.js");

// dist/ is built by test/global-setup.ts before any test runs.
describe("partner-sync sandbox (spawned from dist/cli.js)", () => {
  it("prints the config line, answers, and exits 0 on SIGTERM after removing its state dir", async () => {
    const child = spawn(process.execPath, [builtCli, "sandbox", "--json", "--port", "0", "--demo-size", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", () => reject(new Error("exited before printing")));
    });
    const config = JSON.parse(first) as SandboxConfig;
    const res = await fetch(`${config.systems.coupa.baseUrl}/__sandbox/requests`);
    expect(res.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(config.systems.portal.apiKeyFile)).toBe(false);
  });

  it("exits 2 on a bad flag", async () => {
    const child = spawn(process.execPath, [builtCli, "sandbox", "--port", "http"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on("exit", resolve))).toBe(2);
    expect(stderr).toContain("--port must be an integer from 0 to 65533.");
  });
});
