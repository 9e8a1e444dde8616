// A rule due by time alone (DR-4: an approved registration expires 90 days after approval) changes a
// decision while no system changes the record. An incremental run does not look at unchanged records;
// `sync --full` re-decides every record and applies it — the nightly full sync of config/default.yaml.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW, startSyncWorld, type SyncWorld } from "./sync-harness.js";

const DAY = 86_400_000;

async function expiredRegistrations(w: SyncWorld): Promise<Set<string>> {
  const rows = (await w.sb.state("salesforce")).salesforce?.Deal_Registration__c ?? [];
  return new Set(rows.filter((r) => r.Status__c === "Expired").map((r) => String(r.Portal_Id__c)));
}

describe("rules due by time alone", () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(60, 7);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it("are applied by sync --full, not by an incremental run, and each write is audited with its rule", async () => {
    await w.run({ now: DEMO_NOW });
    const before = await expiredRegistrations(w);
    const later = new Date(DEMO_NOW.getTime() + 120 * DAY);

    const writesBefore = w.writes();
    await w.run({ now: later });
    expect(await expiredRegistrations(w)).toEqual(before);
    expect(w.writes()).toBe(writesBefore);

    await w.run({ now: later, full: true });
    const after = await expiredRegistrations(w);
    const newly = [...after].filter((k) => !before.has(k));
    expect(newly.length).toBeGreaterThan(0);
    for (const k of newly) {
      const audited = w.store.audit.forRecord("DealRegistration", k).filter((a) => a.system === "salesforce");
      expect(audited.some((a) => a.reasons.some((r) => r.rule === "DR-4")), `audit of ${k}`).toBe(true);
    }

    // And a second full run at the same instant has nothing left to write.
    const settled = w.writes();
    await w.run({ now: later, full: true });
    expect(w.writes()).toBe(settled);
  }, 240_000);
});
