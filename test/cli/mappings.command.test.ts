import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mappingsCommand, runMappingsCheck, runMappingsCheckLive } from "../../src/cli/mappings.command.js";
import { loadConfig } from "../../src/config/load-config.js";

const SHIPPED = fileURLToPath(new URL("../../mappings", import.meta.url));

function copyOfShipped(): string {
  const dir = mkdtempSync(join(tmpdir(), "ps-mappings-"));
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

describe("partner-sync mappings check", () => {
  it("exits 0 for the shipped mappings against the default org", () => {
    const r = runMappingsCheck({ dir: SHIPPED, against: "default-org" });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^mappings ok: 3 files, 16 entity mappings/);
  });

  it("exits 2 listing every problem, one per line, each naming file, entity and field", () => {
    const dir = copyOfShipped();
    const sf = join(dir, "salesforce.yaml");
    writeFileSync(sf, readFileSync(sf, "utf8").replace("field: Next_In_Line__c", "field: Next_In_Lin__c").replace("field: CloseDate", "field: Close_Date"));
    const r = runMappingsCheck({ dir, against: "default-org" });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/salesforce\.yaml › DealRegistration › nextInLine: Deal_Registration__c\.Next_In_Lin__c is not in the Salesforce describe \(did you mean "Next_In_Line__c"\?\)$/),
      expect.stringMatching(/salesforce\.yaml › Opportunity › closeDate: Opportunity\.Close_Date is not in the Salesforce describe \(did you mean "CloseDate"\?\)$/),
    ]);
    expect(r.stderr).toBe("mappings: 2 problems against the default org\n");
  });

  it("exits 2 for invalid files before checking the org", () => {
    const dir = copyOfShipped();
    writeFileSync(join(dir, "portal.yaml"), "system: portal\nentities:\n  Partner:\n    object: Account\n");
    const r = runMappingsCheck({ dir, against: "default-org" });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("portal.yaml:4 › Partner");
    expect(r.stderr).toMatch(/problems? in the files/);
  });

  it("--against live without any configured system is a usage error that says so", async () => {
    const r = await runMappingsCheckLive(SHIPPED, loadConfig({ env: {} }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no system is configured");
  });

  it("a missing folder is a usage error", () => {
    expect(runMappingsCheck({ dir: join(tmpdir(), "no-such-mappings-dir"), against: "default-org" }).code).toBe(2);
  });

  it("the command parses --dir and --against and rejects an unknown --against", async () => {
    const cmd = mappingsCommand().exitOverride();
    cmd.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => {} }));
    await expect(cmd.parseAsync(["check", "--against", "prod"], { from: "user" })).rejects.toThrow(/invalid/i);
  });
});
