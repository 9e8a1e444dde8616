// Prospects reach the portal: every Salesforce Lead shared to a partner is created there (sync.createIn
// Prospect: [portal]) with its names, company and e-mail; the demo's Lead without LastName is
// quarantined naming LastName; and a second run writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MALFORMED_RECORDS } from "../../src/sandbox/demo/malformed.js";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

/** A portal record as the emulator holds it: names as defined (PascalCase), camelCase tolerated. */
const field = (r: JsonRecord, name: string): unknown => r[name] ?? r[name.charAt(0).toLowerCase() + name.slice(1)];

const malformedLead = MALFORMED_RECORDS.find((m) => m.system === "salesforce" && m.object === "Lead")!;

describe("prospects on the portal (demo data, size 40)", () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("after a sync every Lead shared to a partner exists on the portal with its names, and the Lead without LastName is quarantined naming LastName", async () => {
    const before = await w.sb.state("portal");
    const s = await w.run();
    expect(s.status).toBe("quarantined");

    const sf = await w.sb.state("salesforce");
    const portal = await w.sb.state("portal");
    const shared = (sf.salesforce?.Lead ?? []).filter((l) => l.Partner_Account__c !== null && l.Partner_Account__c !== undefined && l.Id !== malformedLead.id);
    const prospects = portal.portal?.Prospect ?? [];
    const byCrmId = new Map(prospects.map((p) => [field(p, "CrmId"), p]));
    const missingBefore = shared.filter((l) => !(before.portal?.Prospect ?? []).some((p) => field(p, "CrmId") === l.Id));
    // The demo's "Sending to Partner" leads are not on the portal before the first sync.
    expect(missingBefore.length).toBeGreaterThan(0);
    expect(shared.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const lead of shared) {
      const p = byCrmId.get(lead.Id);
      if (!p) {
        wrong.push(`${String(lead.Id)}: not on the portal`);
        continue;
      }
      for (const [sfField, portalField] of [["FirstName", "First_Name"], ["LastName", "Last_Name"], ["Company", "Company"]] as const) {
        if ((field(p, portalField) ?? null) !== (lead[sfField] ?? null)) wrong.push(`${String(lead.Id)}: ${portalField} ${String(field(p, portalField))} ≠ ${sfField} ${String(lead[sfField])}`);
      }
      const email = lead.Email === null || lead.Email === undefined ? null : String(lead.Email).toLowerCase();
      if (((field(p, "Email") as string | null) ?? null)?.toLowerCase() !== email && !(email === null && field(p, "Email") == null)) wrong.push(`${String(lead.Id)}: Email ${String(field(p, "Email"))} ≠ ${String(lead.Email)}`);
    }
    expect(wrong).toEqual([]);
    // The malformed Lead is not on the portal, and its quarantine entry names the missing field.
    expect(byCrmId.has(malformedLead.id)).toBe(false);
    const entry = w.store.quarantine.list("open").find((q) => q.entity === "Prospect" && q.system === "salesforce" && q.errorMessage.includes(String(malformedLead.id)));
    expect(entry?.errorMessage).toMatch(/lastName \(LastName\)/);
  }, 120_000);

  it("a second run creates no prospect and writes nothing", async () => {
    w.sb.recorder.clear();
    const s = await w.run();
    expect(s.entities.Prospect?.created ?? 0).toBe(0);
    expect(s.writes).toBe(0);
    expect(w.writes()).toBe(0);
  }, 120_000);
});
