// The banking pass (PAY-3): Coupa suppliers with their supplier information, read in their own window
// (watermark coupa/suppliers, by `updated-at`), each given its tri-state banking status
// (`bankingStatus`), joined to its partner (supplier-partners.ts), and written where Salesforce's or
// the portal's Account shows something else (owner Coupa; mappings SupplierBanking). Runs right after
// the Partner pass, so the Accounts exist and the rules of this run see the statuses it read.
import type { SupplierBankingRow } from "../connectors/coupa/supplier-banking-reader.js";
import type { Keys } from "../mapping/compile.js";
import { applyWrites, planLine, type PlannedRecordWrite } from "./apply-writes.js";
import { checkpoint, type RecordCheckpoint, type WatermarkAdvance } from "./checkpoint.js";
import { openWindow, type WindowSettings } from "./entity-pass.js";
import type { EntitySpec } from "./entity-specs.js";
import { joinRecords, toPlanInput, type JoinedRecord } from "./join.js";
import { loadByKeys } from "./load-joined.js";
import type { SystemRecord } from "./normalize.js";
import { statsOf, type PassContext } from "./pass-context.js";
import { planEntity } from "./plan.js";
import { recordHash } from "./record-hash.js";
import { partnersOfSuppliers } from "./supplier-partners.js";

export const BANKING_WATERMARK = { system: "coupa", object: "suppliers" } as const;

/** Partners whose banking status this pass changed somewhere (their accruals deserve a new look). */
export async function passBanking(ctx: PassContext, spec: EntitySpec, s: WindowSettings): Promise<Set<string>> {
  const changed = new Set<string>();
  const coupa = ctx.access.coupa;
  if (!coupa) {
    ctx.log.warn("no Coupa connector configured: banking statuses are not read (PAY-3 sees what Salesforce holds)");
    return changed;
  }
  const { window, end, advance } = openWindow(ctx, BANKING_WATERMARK, spec.entity, s);
  // A windowed read ends with a page carrying `coveredUntil`; a full read (first run, --full) does not,
  // so its watermark is set once every supplier was handled.
  for await (const page of coupa.readSupplierBanking({ ...(window ? { window } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) })) {
    for (const p of await bankingPage(ctx, spec, page.rows, page.coveredUntil ? advance(page.coveredUntil) : undefined, s.full)) changed.add(p);
  }
  if (!window && !ctx.dryRun) checkpoint(ctx.store, ctx.lease, ctx.runId, [], [advance(end)]);
  return changed;
}

/** The Coupa side of a partner's banking, as a system record of the join. */
function coupaView(spec: EntitySpec, partnerId: string, row: SupplierBankingRow): SystemRecord {
  const supplierId = String(row.supplier.id);
  const values = spec.valuesOf(spec.paths.map((a) => (a.path === "coupaSupplierId" ? supplierId : a.path === "status" ? row.status : null)));
  const keys: Keys = { salesforce: null, portal: partnerId, coupa: supplierId, "partner-sync": null };
  return { system: "coupa", key: partnerId, systemId: supplierId, keys, values, hash: recordHash(values, keys) };
}

async function bankingPage(ctx: PassContext, spec: EntitySpec, rows: readonly SupplierBankingRow[], watermark: WatermarkAdvance | undefined, force: boolean): Promise<string[]> {
  const stats = statsOf(ctx, spec.entity);
  stats.read += rows.length;
  ctx.onProgress?.({ system: "coupa", read: rows.length });
  const out: RecordCheckpoint[] = [];
  const matches = await partnersOfSuppliers(ctx, spec, rows.map((r) => r.supplier));
  const views: SystemRecord[] = [];
  ctx.banking ??= new Map();
  for (const row of rows) {
    const match = matches.get(String(row.supplier.id));
    if (!match) {
      // A supplier that is no partner (or whose partner is not linked yet): nothing to write, said once per run.
      out.push({ outcome: { entity: spec.entity, key: `coupa:${String(row.supplier.id)}`, system: "coupa", action: "read", result: "ok", error: `Coupa supplier ${String(row.supplier.id)} (${String(row.supplier.number ?? "no number")}) is no known partner's` } });
      continue;
    }
    const view = coupaView(spec, match.partnerId, row);
    // Two suppliers for one partner: the first read wins, like two Accounts for one supplier.
    if (views.some((v) => v.key === view.key)) continue;
    ctx.banking.set(view.key, { entity: spec.entity, key: view.key, views: { coupa: view }, keys: { ...view.keys } });
    if (!force && ctx.store.recordState.get(spec.entity, view.key, "coupa")?.hash === view.hash) {
      stats.unchanged++;
      continue;
    }
    views.push(view);
  }

  const loaded = await loadByKeys(ctx, spec, views.map((v) => v.key), "coupa");
  const failed = new Set(loaded.failures.map((f) => `${f.key}\u0000${f.system}`));
  const joined = joinRecords(spec, [...views, ...loaded.records.filter((r) => !failed.has(`${r.key}\u0000${r.system}`))]);
  for (const f of loaded.failures) {
    stats.quarantined++;
    out.push({
      outcome: { entity: f.entity, key: f.key, system: f.system, action: "read", result: "quarantined", error: f.message },
      quarantine: { entity: f.entity, key: f.key, system: f.system, stage: "normalize", errorCode: f.code, errorMessage: f.message, payload: f.raw },
    });
  }
  const planned = [...joined.values()].flatMap((j) => planBanking(ctx, spec, j));
  const changedPartners = [...new Set(planned.filter((p) => p.write.changes.some((c) => c.field === "status")).map((p) => p.joined.key))];
  if (ctx.dryRun) {
    for (const p of planned) ctx.planLines.push(planLine(p));
    return changedPartners;
  }
  const written = await applyWrites(ctx, planned);
  for (const w of written) if (w.quarantine) stats.quarantined++;
  out.push(...written);
  const done = new Set(written.map((w) => `${w.outcome.key}\u0000${w.outcome.system}`));
  for (const j of joined.values()) {
    for (const v of Object.values(j.views)) {
      if (!v || done.has(`${j.key}\u0000${v.system}`)) continue;
      out.push({ outcome: { entity: spec.entity, key: j.key, system: v.system, action: "skip", result: "ok" }, state: { hash: v.hash, systemId: v.systemId }, resolves: true });
    }
  }
  checkpoint(ctx.store, ctx.lease, ctx.runId, out, watermark ? [watermark] : []);
  return changedPartners;
}

/**
 * Coupa's status and supplier id to every Account showing something else; when the status changes in
 * Salesforce, `Banking_Checked_At__c` (partner-sync's) records when. Nothing is created: a partner
 * without an Account in a system is the Partner pass's business.
 */
function planBanking(ctx: PassContext, spec: EntitySpec, j: JoinedRecord): PlannedRecordWrite[] {
  const changedSince = (v: SystemRecord) => {
    const st = ctx.store.recordState.get(spec.entity, j.key, v.system);
    return st !== undefined && st.hash !== v.hash;
  };
  const input = toPlanInput(j, changedSince);
  let writes = planEntity(input, spec.plan);
  if (writes.some((w) => w.system === "salesforce" && w.changes.some((c) => c.field === "status"))) {
    writes = planEntity(input, spec.plan, { fields: { "derived.checkedAt": ctx.now }, reasons: [] });
  }
  return writes.filter((w) => !w.create).sort((a, b) => (a.system < b.system ? -1 : 1)).map((write) => ({ spec, joined: j, write }));
}
