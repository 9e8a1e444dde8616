// Evaluation licenses in the pass (EVAL-1/EVAL-2), end to end against the sandbox: an Issued license
// past its 30 days goes to Expired in Salesforce with its expiry instant and the EVAL-1 reason in the
// audit; one issued exactly 30 days before `--now` stays Issued and only gets its expiry instant; a
// request on a registration that is not Submitted or Approved is reported, never written; `rules
// explain` and `reconcile` cover the entity; a second run writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeReconcile, runnerSessionFactory } from "../../src/cli/reconcile.command.js";
import { executeExplain } from "../../src/cli/rules.command.js";
import { SHIPPED_MAPPINGS } from "../../src/cli/sync.command.js";
import { createLogger } from "../../src/log/logger.js";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import type { Explanation } from "../../src/sync/decide/explain.js";
import type { RunSummary } from "../../src/sync/run-summary.js";
import { DEMO_NOW, salesforceConnection, startSyncWorld, type SyncWorld } from "./sync-harness.js";

const DAY = 86_400_000;
const sfDateTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
const instant = (v: unknown) => (typeof v === "string" ? new Date(v).getTime() : null);


const log = createLogger({ level: "silent", pretty: false });

async function explainEvaluation(w: SyncWorld, id: string): Promise<Explanation> {
  const out = await executeExplain("EvaluationLicense", id, { now: DEMO_NOW.toISOString(), json: true }, { loaded: w.loaded, store: w.store, log, clock: () => DEMO_NOW });
  if (out.code !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as Explanation;
}

async function reconcile(w: SyncWorld, now: Date, apply: boolean) {
  const runId = `reconcile-evaluations-${apply ? "apply" : "report"}`;
  const session = await runnerSessionFactory({ loaded: w.loaded, store: w.store, log, runId, apply, now, mappingsDir: SHIPPED_MAPPINGS });
  try {
    const out = await executeReconcile({ format: "json", now: now.toISOString(), apply }, { store: w.store, session, runId, clock: () => now, writeFile: () => undefined });
    return out.report!;
  } finally {
    await session.close?.();
  }
}

async function evaluations(w: SyncWorld): Promise<Map<string, JsonRecord>> {
  const sf = (await w.sb.state("salesforce")).salesforce ?? {};
  return new Map((sf.Evaluation_License__c ?? []).map((e) => [String(e.Id), e]));
}

describe("evaluation licenses in the sync pass (demo data, size 40)", () => {
  let w: SyncWorld;
  let due: string;
  let boundary: string;
  let request: string;
  let registration: JsonRecord;
  let first: RunSummary;
  let explainedBefore: Explanation;
  beforeAll(async () => {
    w = await startSyncWorld(40, 7);
    const sf = (await w.sb.state("salesforce")).salesforce ?? {};
    const existing = (sf.Evaluation_License__c ?? []).map((e) => String(e.Id)).sort();
    // The demo's licenses are all in their final state at DEMO_NOW: reopen two of them.
    expect(existing.length).toBeGreaterThanOrEqual(2);
    [due, boundary] = existing as [string, string];
    registration = (sf.Deal_Registration__c ?? []).find((r) => r.Program__c === "Deal Registration" && r.Portal_Id__c && !["Submitted", "Approved"].includes(String(r.Status__c)))!;
    expect(registration).toBeDefined();
    const conn = await salesforceConnection(w);
    const updated = await conn.sobject("Evaluation_License__c").update([
      { Id: due, Status__c: "Issued", Issued_At__c: sfDateTime(DEMO_NOW.getTime() - 40 * DAY), Expires_At__c: null },
      // EVAL-1: the term runs 30×24h; at exactly 30 days the license is still active.
      { Id: boundary, Status__c: "Issued", Issued_At__c: sfDateTime(DEMO_NOW.getTime() - 30 * DAY), Expires_At__c: null },
    ]);
    expect(updated.every((r) => r.success)).toBe(true);
    const created = await conn.sobject("Evaluation_License__c").create({
      Partner_Account__c: registration.Partner_Account__c, Deal_Registration__c: registration.Id, Sequence__c: 1, Status__c: "Requested",
      Requested_At__c: sfDateTime(DEMO_NOW.getTime() - 2 * DAY), Managed_Evaluation__c: false,
    });
    expect(created.success).toBe(true);
    request = String(created.id);
    explainedBefore = await explainEvaluation(w, due);
    first = await w.run();
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  });

  it("reads evaluation licenses from Salesforce and quarantines none", () => {
    // The two licenses the registration pass already wrote are past this run's window (modified after
    // its start): the next run reads them in its lookback. The request is read by the license pass.
    expect(first.entities.EvaluationLicense?.read).toBeGreaterThanOrEqual(1);
    expect(first.entities.EvaluationLicense?.quarantined ?? 0).toBe(0);
    expect(w.store.quarantine.list("open").filter((q) => q.entity === "EvaluationLicense")).toEqual([]);
  });

  it("an Issued license older than 30 days at --now becomes Expired in Salesforce, its expiry instant written, with the EVAL-1 reason in the audit", async () => {
    const e = (await evaluations(w)).get(due)!;
    expect(e.Status__c).toBe("Expired");
    expect(instant(e.Expires_At__c)).toBe(DEMO_NOW.getTime() - 10 * DAY);
    expect(String(e.Program_Reason_Codes__c)).toContain("EVAL-1:EVALUATION_EXPIRED");
    const audit = w.store.audit.forRecord("EvaluationLicense", due).filter((a) => a.runId === first.runId && a.system === "salesforce");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.fields.status).toEqual(["Issued", "Expired"]);
    expect(audit[0]!.reasons.map((r) => `${r.rule}:${r.code}`)).toContain("EVAL-1:EVALUATION_EXPIRED");
    // The partner feels it: reported as an action in the run's policy findings.
    expect(first.findings).toContainEqual(expect.objectContaining({ entity: "EvaluationLicense", key: due, rule: "EVAL-1", code: "EVALUATION_EXPIRED", severity: "action" }));
  });

  it("a license issued exactly 30 days before --now stays Issued and only gets its expiry instant (the boundary)", async () => {
    const e = (await evaluations(w)).get(boundary)!;
    expect(e.Status__c).toBe("Issued");
    expect(instant(e.Expires_At__c)).toBe(DEMO_NOW.getTime());
    const audit = w.store.audit.forRecord("EvaluationLicense", boundary).filter((a) => a.runId === first.runId);
    expect(audit.map((a) => Object.keys(a.fields).filter((f) => !f.startsWith("derived.")))).toEqual([["expiresAt"]]);
    expect(first.findings.filter((f) => f.key === boundary && f.severity === "action")).toEqual([]);
  });

  it("a request on a registration that is neither Submitted nor Approved is reported as an EVAL-1 violation and not written", async () => {
    const e = (await evaluations(w)).get(request)!;
    expect(e.Status__c).toBe("Requested");
    expect(e.Program_Reason_Codes__c ?? null).toBeNull();
    expect(w.store.audit.forRecord("EvaluationLicense", request)).toEqual([]);
    expect(first.findings).toContainEqual(expect.objectContaining({
      entity: "EvaluationLicense", key: request, rule: "EVAL-1", code: "REGISTRATION_NOT_ACTIVE", severity: "violation",
      related: [{ entity: "DealRegistration", key: String(registration.Portal_Id__c) }],
    }));
  });

  it("rules explain EvaluationLicense, before the sync, shows the EVAL-1 term expired and the write the sync then made", () => {
    expect(explainedBefore.found).toBe(true);
    const term = explainedBefore.rules.find((r) => r.rule === "EVAL-1" && "issuedAt" in r.inputs)!;
    expect(term.outcome).toBe("expired");
    expect(term.inputs.expiresAt).toBe(new Date(DEMO_NOW.getTime() - 10 * DAY).toISOString());
    expect(explainedBefore.writes).toHaveLength(1);
    expect(explainedBefore.writes[0]!.fields).toMatchObject({ status: "Expired", "derived.reasonCodes": ["EVAL-1:EVALUATION_EXPIRED"] });
  });

  it("rules explain a request shows EVAL-1 refusing it on its registration's status", async () => {
    const e = await explainEvaluation(w, request);
    const issuable = e.rules.find((r) => r.rule === "EVAL-1" && "registrationStatus" in r.inputs)!;
    expect(issuable).toMatchObject({ outcome: "refuse", inputs: { registrationId: String(registration.Portal_Id__c), registrationStatus: registration.Status__c } });
    expect(e.writes).toEqual([]);
    expect(e.findings.map((f) => `${f.severity} ${f.rule}:${f.code}`)).toEqual(["violation EVAL-1:REGISTRATION_NOT_ACTIVE"]);
  });

  it("a second run writes nothing", async () => {
    w.sb.recorder.clear();
    const s = await w.run();
    expect(s.entities.EvaluationLicense?.written ?? {}).toEqual({});
    // The licenses the first run wrote are read again in the lookback, unchanged.
    expect(s.entities.EvaluationLicense?.unchanged).toBeGreaterThanOrEqual(2);
    expect(s.writes).toBe(0);
    expect(w.writes()).toBe(0);
  }, 120_000);

  it("a registration that stops being Submitted or Approved gets its pending request reported by the registration pass, the request itself unchanged", async () => {
    const conn = await salesforceConnection(w);
    const sf = (await w.sb.state("salesforce")).salesforce ?? {};
    // Approved recently: DR-4 leaves it Approved at --now, so only our change makes it inactive.
    const reg = (sf.Deal_Registration__c ?? []).find((r) => r.Program__c === "Deal Registration" && r.Portal_Id__c && r.Status__c === "Approved"
      && (instant(r.Original_Approved_At__c) ?? 0) > DEMO_NOW.getTime() - 60 * DAY)!;
    expect(reg).toBeDefined();
    const created = await conn.sobject("Evaluation_License__c").create({
      Partner_Account__c: reg.Partner_Account__c, Deal_Registration__c: reg.Id, Sequence__c: 1, Status__c: "Requested",
      Requested_At__c: sfDateTime(DEMO_NOW.getTime() - DAY), Managed_Evaluation__c: false,
    });
    const id = String(created.id);
    const issuable = await w.run();
    expect(issuable.findings.filter((f) => f.key === id)).toEqual([]);

    await conn.sobject("Deal_Registration__c").update({ Id: String(reg.Id), Status__c: "Rejected", Rejected_At__c: sfDateTime(DEMO_NOW.getTime() - 3_600_000) });
    const s = await w.run();
    expect(s.entities.EvaluationLicense?.written ?? {}).toEqual({});
    expect(s.findings).toContainEqual(expect.objectContaining({
      entity: "EvaluationLicense", key: id, rule: "EVAL-1", code: "REGISTRATION_NOT_ACTIVE", severity: "violation",
      related: [{ entity: "DealRegistration", key: String(reg.Portal_Id__c) }],
    }));
    expect(w.store.audit.forRecord("EvaluationLicense", id)).toEqual([]);
    expect((await evaluations(w)).get(id)!.Status__c).toBe("Requested");
  }, 120_000);

  it("reconcile after the syncs covers evaluation licenses: every one matched, nothing to write, the EVAL-1 violation in the policy section", async () => {
    // Unfiltered: with --entity EvaluationLicense alone the rules would not see the registrations.
    const report = await reconcile(w, DEMO_NOW, false);
    const entity = report.entities.find((e) => e.entity === "EvaluationLicense")!;
    const licenses = (await evaluations(w)).size;
    expect(licenses).toBeGreaterThanOrEqual(3);
    expect(entity.counts).toMatchObject({ records: licenses, matched: licenses, missing: 0, drift: 0, conflicts: 0, plannedWrites: 0 });
    expect(report.policy.items).toContainEqual(expect.objectContaining({ entity: "EvaluationLicense", key: request, rule: "EVAL-1", code: "REGISTRATION_NOT_ACTIVE", severity: "violation" }));
  }, 120_000);

  // A sync skips a record no system changed, so a term that ends with nothing changing is reconcile's (docs/decide.md).
  it("reconcile --apply expires a license whose term ended while nothing changed", async () => {
    const later = new Date(DEMO_NOW.getTime() + 5 * DAY);
    expect((await evaluations(w)).get(boundary)!.Status__c).toBe("Issued");
    const report = await reconcile(w, later, true);
    expect(report.applied?.failed).toBe(0);
    const e = (await evaluations(w)).get(boundary)!;
    expect(e.Status__c).toBe("Expired");
    expect(String(e.Program_Reason_Codes__c)).toContain("EVAL-1:EVALUATION_EXPIRED");
  }, 120_000);
});
