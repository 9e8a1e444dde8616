// `partner-sync rules explain` end to end: the real connectors and mappings against the sandbox seeded
// with a small demo data set. The records to explain are found in the seeded data by what makes them
// interesting (an approval older than 90 days on an open opportunity; a lead never accepted), and the
// explanation must name the rule and the record's own dates.
import "../connectors/salesforce/no-proxy.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { executeExplain, type ExplainCliOptions } from "../../src/cli/rules.command.js";
import { loadConfig, type LoadedConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/log/logger.js";
import type { JsonRecord, SandboxData } from "../../src/sandbox/contracts.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import { openStore, type Store } from "../../src/store/store.js";

const NOW = "2026-05-07T12:00:00Z";
const DAY = 86_400_000;
let data: SandboxData;
let sandbox: Sandbox;
let loaded: LoadedConfig;
let store: Store;

beforeAll(async () => {
  data = generateDemoData({ size: 20, seed: 1, now: NOW });
  sandbox = await startSandbox({ data: structuredClone(data), clock: () => new Date(NOW) });
  const dir = mkdtempSync(join(tmpdir(), "ps-explain-"));
  writeFileSync(join(dir, "sandbox.json"), JSON.stringify(sandbox.config));
  loaded = loadConfig({ file: join(dir, "sandbox.json"), env: {} });
  store = openStore(join(dir, "store.db"));
}, 60_000);

afterAll(async () => {
  store?.close();
  await sandbox?.close();
});

const log = createLogger({ level: "silent", pretty: false });
const explainCli = (entity: string, id: string, opts: ExplainCliOptions = {}) =>
  executeExplain(entity, id, { now: NOW, ...opts }, { loaded, store, log, clock: () => new Date("2030-01-01T00:00:00Z") });

/** Salesforce `2026-07-04T06:54:51.000+0000` → ISO. */
const iso = (sf: unknown): string => new Date(String(sf).replace(/([+-]\d{2})(\d{2})$/, "$1:$2")).toISOString();
const sf = (object: string): JsonRecord[] => data.salesforce.records[object] ?? [];

describe("partner-sync rules explain", () => {
  it("is a command of the program: rules explain <entity> <id> with --now and --json", () => {
    const explain = buildProgram().commands.find((c) => c.name() === "rules")?.commands.find((c) => c.name() === "explain");
    expect(explain?.registeredArguments.map((a) => a.name())).toEqual(["entity", "id"]);
    expect(explain?.options.map((o) => o.long)).toEqual(expect.arrayContaining(["--now", "--json"]));
  });

  it("explains an expired registration: DR-4 with its approval date and the 90-day deadline it missed", async () => {
    const open = new Set(sf("Opportunity").filter((o) => o.IsClosed === false).map((o) => o.Id));
    const reg = sf("Deal_Registration__c").find((r) => r.Status__c === "Approved" && r.Extended_Until__c == null && r.Portal_Id__c != null
      && open.has(r.Opportunity__c) && Date.parse(iso(r.Original_Approved_At__c)) + 90 * DAY < Date.parse(NOW));
    expect(reg, "the demo set has an approval past 90 days on an open opportunity").toBeDefined();
    const approvedAt = iso(reg!.Original_Approved_At__c);
    const deadline = new Date(Date.parse(approvedAt) + 90 * DAY).toISOString();

    const out = await explainCli("DealRegistration", String(reg!.Portal_Id__c));
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("DR-4: EXPIRED\n");
    expect(out.stdout).toContain(`  originalApprovedAt = ${approvedAt}\n`);
    expect(out.stdout).toContain(`  expiresAt = ${deadline}\n`);
    expect(out.stdout).toMatch(/→ DR-4 EXPIRED: .*\n/);
    expect(out.stdout).toContain("  write status = Expired\n");
  }, 60_000);

  it("explains a recalled lead: LEAD-3 with the date it was shared, never accepted", async () => {
    const lead = sf("Lead").find((l) => l.Prospect_Share_Status__c === "Pending" && l.Partner_Accepted_At__c == null && l.Partner_Prospect_Status__c === "Qualifying"
      && l.Lead_Funding__c !== "Partner MDF" && l.Portal_Id__c != null && Date.parse(iso(l.Shared_To_Partner_At__c)) + 5 * DAY < Date.parse(NOW));
    expect(lead, "the demo set has a lead shared more than 5 days ago and not accepted").toBeDefined();

    const out = await explainCli("Prospect", String(lead!.Id));
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("LEAD-3: recall\n");
    expect(out.stdout).toContain(`  sharedAt = ${iso(lead!.Shared_To_Partner_At__c)}\n`);
    expect(out.stdout).toContain("  acceptedAt = null\n");
    expect(out.stdout).toContain("  write shareStatus = Recall\n");
    // The configured vendor queue (sync.rules.leadRecallOwnerId) gets the lead back.
    expect(out.stdout).toContain(`  recallOwnerId = ${loaded.config.sync.rules!.leadRecallOwnerId}\n`);
  }, 60_000);

  it("explains a lead recalled after acceptance: LEAD-3 names the accepted date it was not actioned from", async () => {
    const lead = sf("Lead").find((l) => l.Prospect_Share_Status__c === "Accepted" && l.Partner_Prospect_Status__c === "Qualifying" && l.Lead_Funding__c !== "Partner MDF"
      && l.Partner_Accepted_At__c != null && l.Portal_Id__c != null && Date.parse(iso(l.Partner_Accepted_At__c)) + 10 * DAY < Date.parse(NOW));
    expect(lead, "the demo set has a lead accepted more than 10 days ago and still Qualifying").toBeDefined();

    const out = await explainCli("Prospect", String(lead!.Id));
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("LEAD-3: recall\n");
    expect(out.stdout).toContain(`  acceptedAt = ${iso(lead!.Partner_Accepted_At__c)}\n`);
    expect(out.stdout).toContain(`  sharedAt = ${iso(lead!.Shared_To_Partner_At__c)}\n`);
  }, 60_000);

  it("gives the same bytes for the same data and --now, in text and JSON", async () => {
    const lead = sf("Lead").find((l) => l.Portal_Id__c != null)!;
    const [a, b] = [await explainCli("Prospect", String(lead.Id), { json: true }), await explainCli("Prospect", String(lead.Id), { json: true })];
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toMatchObject({ entity: "Prospect", id: lead.Id, now: "2026-05-07T12:00:00.000Z", found: true });
    const reg = sf("Deal_Registration__c").find((r) => r.Portal_Id__c != null)!;
    expect((await explainCli("DealRegistration", String(reg.Portal_Id__c))).stdout).toBe((await explainCli("DealRegistration", String(reg.Portal_Id__c))).stdout);
  }, 60_000);

  it("explains an opportunity with its registrations (DR-5) and an NFR license with the partner's licenses (NFR-2)", async () => {
    const reg = sf("Deal_Registration__c").find((r) => r.Portal_Id__c != null && r.Opportunity__c != null)!;
    const opp = await explainCli("Opportunity", String(reg.Opportunity__c));
    expect(opp.code).toBe(0);
    expect(opp.stdout).toMatch(new RegExp(`DR-5: .*\\n  registrations = \\[[^\\]]*${reg.Portal_Id__c}:`));

    const nfr = (data.portal.records.NFR_Request ?? []).find((r) => r.CrmId != null)!;
    const out = await explainCli("NfrLicense", String(nfr.Id));
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`NFR-2: .*\\n  deployment = .*\\n  isAddOn = .*\\n  partnerLicenses = \\[[^\\]]*${nfr.Id}:`));
  }, 60_000);

  it("exits 2 naming the entity and the id when no system holds the record", async () => {
    const out = await explainCli("DealRegistration", "99999999");
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain('no DealRegistration with id "99999999"');
  });

  it("exits 2 with a suggestion for a misspelt entity, before reading anything", async () => {
    sandbox.recorder.clear();
    const out = await explainCli("DealRegistraton", "1");
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('unknown entity "DealRegistraton" (did you mean "DealRegistration"?)');
    expect(Object.keys(sandbox.recorder.counts().systems)).toEqual([]);
  });

  it("exits 2 for --now without an offset", async () => {
    const out = await explainCli("Prospect", "x", { now: "2026-05-07T12:00:00" });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("--now");
  });
});
