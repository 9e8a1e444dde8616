// `partner-sync sync` and `quarantine` as a user runs them: the built CLI against a sandbox served by
// this process (so the CLI is spawned asynchronously: a blocking spawn would stall the sandbox).
import "../connectors/salesforce/no-proxy.js";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import { portalPatch } from "../sync/sync-harness.js";
import { CLI } from "./run-cli.js";

const SHIPPED = fileURLToPath(new URL("../../mappings", import.meta.url));

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_")));
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("partner-sync sync / quarantine (built CLI, sandbox demo data)", () => {
  let sb: Sandbox;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    sb = await startSandbox({ data: generateDemoData({ size: 50, seed: 11 }) });
    dir = mkdtempSync(join(tmpdir(), "ps-sync-cli-"));
    config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ ...sb.config, store: { path: join(dir, "ps.db") }, log: { level: "warn" } }));
  }, 60_000);
  afterAll(async () => {
    await sb?.close();
  });

  it("mappings check --against live passes against the sandbox's describes", async () => {
    const r = await run(["--config", config, "mappings", "check", "--dir", SHIPPED, "--against", "live"], dir);
    expect(r.stderr).toMatch(/mappings ok: 3 files, \d+ entity mappings, \d+ fields checked against the live systems/);
    expect(r.code).toBe(0);
  }, 60_000);

  it("refuses to start (exit 2) listing every mapping problem against the live describes", async () => {
    const broken = mkdtempSync(join(tmpdir(), "ps-maps-"));
    cpSync(SHIPPED, broken, { recursive: true });
    const sf = join(broken, "salesforce.yaml");
    writeFileSync(sf, readFileSync(sf, "utf8").replace("field: Next_In_Line__c", "field: Next_In_Lin__c").replace("field: CloseDate", "field: Close_Date"));
    const r = await run(["--config", config, "sync", "--mappings", broken], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/DealRegistration › nextInLine: .*Next_In_Lin__c is not in the Salesforce describe/);
    expect(r.stdout).toMatch(/Opportunity › closeDate: .*Close_Date/);
    expect(r.stderr).toContain("refusing to start, the mappings have 2 problems");
  }, 60_000);

  it("--dry-run --now prints the same plan byte for byte twice and writes nothing", async () => {
    sb.recorder.clear();
    const a = await run(["--config", config, "sync", "--dry-run", "--now", "2026-11-15T12:00:00Z"], dir);
    const b = await run(["--config", config, "sync", "--dry-run", "--now", "2026-11-15T12:00:00Z"], dir);
    // The lines are printed as planned (not kept to the end), then how many there were.
    const count = /^dry run \(evaluated at 2026-11-15T12:00:00.000Z\): (\d+) planned writes, nothing was changed$/m.exec(a.stdout);
    expect(count, a.stdout.slice(0, 500)).not.toBeNull();
    const lines = a.stdout.slice(0, count!.index).split("\n").filter((l) => l !== "");
    expect(lines.length).toBe(Number(count![1]));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /^ {2}\S/.test(l))).toBe(true);
    expect(b.stdout).toBe(a.stdout);
    const methods = Object.values(sb.recorder.counts().systems).flatMap((c) => Object.keys(c?.routes ?? {}));
    expect(methods.filter((m) => /^(PATCH|PUT|DELETE) |^POST (?!.*token)/.test(m))).toEqual([]);
  }, 120_000);

  it("a sync exits 3 when records were quarantined, prints its summary, and the next one writes nothing", async () => {
    const first = await run(["--config", config, "sync", "--now", "2026-11-15T12:00:00Z"], dir);
    expect(first.code).toBe(3);
    expect(first.stdout).toMatch(/^sync sync-\S+: quarantined/);
    expect(first.stdout).toMatch(/DealRegistration +\d+/);
    expect(first.stdout).toContain("see `partner-sync quarantine list`");
    const second = await run(["--config", config, "sync", "--now", "2026-11-15T12:00:00Z"], dir);
    expect(second.stdout).toMatch(/total: 0 writes, \d+ quarantined/);
    expect(second.code).toBe(3);
    const status = await run(["--config", config, "status"], dir);
    expect(status.stdout).toMatch(/sync {2}quarantined/);
  }, 120_000);

  it("quarantine list shows each entry with its reason; discard closes one", async () => {
    const list = await run(["--config", config, "quarantine", "list"], dir);
    expect(list.code).toBe(0);
    const line = list.stdout.split("\n").find((l) => l.includes("PartnerPerson 29999001"));
    expect(line).toMatch(/^\d+ {2}PartnerPerson 29999001 \(portal, normalize, \d×\) {2}PS_E_RECORD_INVALID: .*email \(Email\): not an e-mail address/);
    const id = line!.split(" ")[0]!;
    // --json: the entries without their payloads, as one document (printed entry by entry).
    const json = await run(["--config", config, "quarantine", "list", "--json"], dir);
    const entries = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(entries.map((e) => String(e.id))).toEqual(list.stdout.trim().split("\n").map((l) => l.split(" ")[0]));
    expect(json.stdout).toBe(`${JSON.stringify(entries, null, 2)}\n`);
    expect(entries.every((e) => !("payload" in e) && e.status === "open")).toBe(true);
    const none = await run(["--config", config, "quarantine", "list", "--status", "discarded", "--json"], dir);
    expect(none.stdout).toBe("[]\n");
    const show = await run(["--config", config, "quarantine", "show", id], dir);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: Number(id), entity: "PartnerPerson", status: "open" });
    const discard = await run(["--config", config, "quarantine", "discard", id], dir);
    expect(discard.stdout).toBe(`discarded ${id}\n`);
    const again = await run(["--config", config, "quarantine", "discard", id], dir);
    expect(again.code).toBe(2);
  }, 60_000);

  it("quarantine replay sends a record fixed in its system through the pass and closes its entry", async () => {
    const list = await run(["--config", config, "quarantine", "list"], dir);
    const line = list.stdout.split("\n").find((l) => l.includes("Prospect 49999001"))!;
    const id = line.split(" ")[0]!;
    await portalPatch(sb, "Prospect", 49999001, { Share_Status: "Pending", CrmId: "00Q9z0000000009EAA" });
    const r = await run(["--config", config, "quarantine", "replay", id], dir);
    expect(r.stdout).toMatch(/^replay sync-\S+: succeeded; \d+ write\(s\); \d+ entr(y|ies) still open/);
    expect(r.code).toBe(0);
    const after = await run(["--config", config, "quarantine", "list", "--status", "replayed"], dir);
    expect(after.stdout).toContain(`${id}  Prospect 49999001`);
  }, 60_000);
});
