// Incremental windows under pressure: > 10 000 rows changed in one window, all sharing ONE
// SystemModstamp (ties across every page boundary), and a row committed late with a stamp inside the
// lookback but behind the watermark. Each must be read exactly once by the next incremental run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxProcess, type SandboxProcess } from "./harness/sandbox-process.js";
import { freshScenario } from "./harness/scenario.js";
import { readStoreTables, watermarksOf } from "./harness/store-tables.js";
import { describeRun, runSyncCli, type SyncSetup } from "./harness/sync-process.js";

const CLONES = 10_500;
const EXIT_QUARANTINED = 3;

interface OutcomeRow { run_id: string; entity: string; key: string; system: string; action: string; result: string }

let sb: SandboxProcess;
let setup: SyncSetup;
let cloneIds: string[];

beforeAll(async () => {
  sb = await startSandboxProcess({
    demoSize: 60,
    seed: 5,
    salesforceClones: [{ object: "Lead", count: CLONES, systemModstamp: "2026-10-01T08:00:00.000+0000" }],
  });
  setup = await freshScenario(sb, "windows");
  // Taken before the first sync: that sync may write to the clones (e.g. recall them), which moves
  // their SystemModstamp.
  const leads = (await sb.state("salesforce")).salesforce?.Lead ?? [];
  cloneIds = leads.filter((l) => l.SystemModstamp === "2026-10-01T08:00:00.000+0000" && l.Portal_Id__c == null).map((l) => String(l.Id));
  expect(cloneIds.length).toBeGreaterThanOrEqual(CLONES);
  const first = await runSyncCli(setup, [], { timeoutMs: 240_000 });
  expect(first.code, describeRun(first)).toBe(EXIT_QUARANTINED);
}, 300_000);

afterAll(async () => {
  await sb?.close();
});

function outcomesOfLastRun(): OutcomeRow[] {
  const tables = readStoreTables(setup.storePath);
  const runs = (tables.runs as { id: string; started_at: string }[]).sort((a, b) => (a.started_at < b.started_at ? -1 : 1));
  const last = runs.at(-1)!.id;
  return (tables.outcomes as OutcomeRow[]).filter((o) => o.run_id === last);
}

describe("the next incremental run", () => {
  it("reads each of > 10 000 rows sharing one SystemModstamp exactly once, and a late-committed row inside the lookback", async () => {
    const watermark = watermarksOf(readStoreTables(setup.storePath)).find((w) => w.system === "salesforce" && w.object === "Lead");
    expect(watermark, "the first run left a Lead watermark").toBeDefined();
    // One stamp for all, a few seconds behind now (inside the next window, past the watermark), on a
    // mapped field: a row whose mapped fields did not change is "unchanged" and leaves no outcome row.
    // 6 s back is behind the next run's window end (its start − the 5 s safety lag) without waiting.
    const tieAt = Date.now() - 6_000;
    expect(tieAt, "the tie stamp is past the watermark").toBeGreaterThan(Date.parse(watermark!.value));
    const tie = new Date(tieAt).toISOString().replace("Z", "+0000");
    await sb.hook("POST", "/update", { sobject: "Lead", systemModstamp: tie, updates: cloneIds.map((id) => ({ id, fields: { Shared_To_Partner_At__c: "2026-11-10T10:00:00.000+0000" } })) });
    // Committed late: visible only now, stamped 60 s before the watermark (inside the 600 s lookback).
    const lateStamp = new Date(Date.parse(watermark!.value) - 60_000).toISOString().replace("Z", "+0000");
    const template = (await sb.state("salesforce")).salesforce!.Lead!.find((l) => l.Id === cloneIds[0])!;
    const { Id: _id, SystemModstamp: _s, LastModifiedDate: _l, CreatedDate: _c, attributes: _a, IsDeleted: _d, ...fields } = template;
    const late = await sb.insertLate("Lead", { ...fields, LastName: "Late-Commit" }, lateStamp);

    const second = await runSyncCli(setup, [], { timeoutMs: 240_000 });
    expect([0, EXIT_QUARANTINED], describeRun(second)).toContain(second.code);
    const read = outcomesOfLastRun().filter((o) => o.system === "salesforce" && o.entity === "Prospect");
    // A row read and then written back (e.g. recalled) has a read-side outcome and a write outcome:
    // "read once" counts the read side only; "never read" looks for any outcome.
    const handled = new Set(read.map((o) => o.key));
    const perKey = new Map<string, number>();
    for (const o of read) if (o.action !== "update" && o.action !== "create") perKey.set(o.key, (perKey.get(o.key) ?? 0) + 1);
    const missing = cloneIds.filter((id) => !handled.has(id));
    const twice = [...perKey].filter(([, n]) => n > 1).map(([k, n]) => `${k}×${n}`);
    expect(missing.length, `tied rows never read, e.g. ${missing.slice(0, 5).join(", ")}`).toBe(0);
    expect(twice, "tied rows read more than once").toEqual([]);
    expect(handled.has(String(late.Id)), `the late row ${String(late.Id)} stamped ${lateStamp} was picked up`).toBe(true);
  }, 300_000);
});
