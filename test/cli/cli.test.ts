import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { runCli, scratchDir } from "./run-cli.js";

describe("partner-sync CLI", () => {
  it("prints help and version with exit 0", () => {
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: partner-sync/);
    expect(help.stdout).toMatch(/Exit codes: 0 ok/);
    const version = runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("exits 2 on an unknown command or option", () => {
    expect(runCli(["bogus"]).code).toBe(2);
    expect(runCli(["status", "--nope"]).code).toBe(2);
    expect(runCli(["config", "check", "--nope"]).code).toBe(2);
  });

  it("config check: a misspelt key and a second problem in one file are both reported, with exit 2", () => {
    const dir = scratchDir();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "store:\n  pathh: /tmp/x.db\nleases:\n  ttlSeconds: soon\n");
    const r = runCli(["config", "check", "--config", bad], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: store.pathh: unknown key (did you mean "path"?)`);
    expect(r.stderr).toMatch(new RegExp(`${bad}: leases.ttlSeconds: .*expected number.*got "soon"`));
  });

  it("config check prints the effective config with secrets shown only by source", () => {
    const dir = scratchDir();
    const cfg = join(dir, "ok.yaml");
    writeFileSync(cfg, "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 42\n");
    const r = runCli(["config", "check", "--config", cfg, "--json"], { cwd: dir, env: { PARTNER_SYNC_PORTAL_API_KEY: "very-secret-key" } });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { config: { systems: { portal: { tenantId: number } } }; secrets: Record<string, string> };
    expect(out.config.systems.portal.tenantId).toBe(42);
    expect(out.secrets.portalApiKey).toBe("(redacted, from env PARTNER_SYNC_PORTAL_API_KEY)");
    expect(r.stdout + r.stderr).not.toContain("very-secret-key");
  });

  it("status --json on a new store prints a numeric schemaVersion", () => {
    const dir = scratchDir();
    const r = runCli(["status", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as { schemaVersion: unknown; store: string; watermarks: unknown[]; recentRuns: unknown[]; leases: unknown[] };
    expect(typeof status.schemaVersion).toBe("number");
    expect(status.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(status).toMatchObject({ store: "data/partner-sync.db", watermarks: [], recentRuns: [], leases: [], unfinishedPages: [] });
    expect(existsSync(join(dir, "data/partner-sync.db"))).toBe(true);
  });

  it("status lists the pages a run was cut off in (write intents), which the next sync finishes", () => {
    const dir = scratchDir();
    const path = join(dir, "cut.db");
    const store = openStore(path);
    store.writeIntents.add("sync-20261130T0500-killed", "Prospect", "portal", JSON.stringify({ keys: ["00Q1"], writes: [] }));
    store.close();
    const r = runCli(["status"], { cwd: dir, env: { PARTNER_SYNC_STORE_PATH: path } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/unfinished pages \(finished by the next sync\)\n  Prospect  from portal  cut off in sync-20261130T0500-killed  at \d{4}-/);
  });

  it("status refuses a store from a newer version with exit 2 and leaves it untouched", () => {
    const dir = scratchDir();
    const path = join(dir, "future.db");
    const db = new Database(path);
    db.pragma("user_version = 999");
    db.close();
    const before = readFileSync(path);
    const r = runCli(["status"], { cwd: dir, env: { PARTNER_SYNC_STORE_PATH: path } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PS_E_STORE_NEWER_SCHEMA.*schema version 999/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
