// The banking pass (PAY-3): Coupa suppliers with their supplier information, read in their own window
// (watermark coupa/suppliers, by `updated-at`), each given its tri-state banking status
// (`bankingStatus`), joined to its partner (supplier-partners.ts), and written where Salesforce's or
// the portal's Account shows something else (owner Coupa; mappings SupplierBanking). Runs right after
// the Partner pass, so the Accounts exist and the rules of this run see the statuses it read.
//
// A partner's banking decides its accruals' payout status (PAY-3: BLOCKED without `connected`), so
// the accruals of every partner whose Coupa side changed are decided again in the same run, before
// the banking page's checkpoint: a run cut off in between reads the supplier again (its state was not
// stored) and decides those accruals again. Skipped when this run's accrual pass reads every accrual
// anyway (first run, --full) or does not run (--entity without RebateAccrual).
import type { SupplierBankingRow } from "../connectors/coupa/supplier-banking-reader.js";
import type { Keys } from "../mapping/compile.js";
import { applyWrites, planLine, type PlannedRecordWrite } from "./apply-writes.js";
import { checkpoint, type RecordCheckpoint, type WatermarkAdvance } from "./checkpoint.js";
import { openWindow, readWindow, type WindowSettings } from "./entity-pass.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import { joinRecords, toPlanInput, type JoinedRecord } from "./join.js";
import { loadByKeys } from "./load-joined.js";
import type { SystemRecord } from "./normalize.js";
import { inBatches } from "./page-batches.js";
import { passAgainByKeys } from "./page-pass.js";
import { statsOf, type PassContext } from "./pass-context.js";
import { planEntity } from "./plan.js";
import { recordHash } from "./record-hash.js";
import { partnersOfSuppliers } from "./supplier-partners.js";

export const BANKING_WATERMARK = { system: "coupa", object: "suppliers" } as const;

/**
 * The accruals to decide again when a partner's banking changes: the RebateAccrual spec, read from
 * Salesforce by the field holding the partner's Account id. Undefined = none to decide here.
 */
interface AccrualsOfPartners {
  spec: EntitySpec;
  side: SystemSide;
  partnerField: string;
}

/**
 * `accruals`: the RebateAccrual spec when this run passes accruals (undefined: `--entity` leaves them
 * out). Returns how many accruals were decided again because their partner's banking changed.
 */
export async function passBanking(ctx: PassContext, spec: EntitySpec, s: WindowSettings, accruals?: EntitySpec): Promise<number> {
  const coupa = ctx.access.coupa;
  if (!coupa) {
    ctx.log.warn("no Coupa connector configured: banking statuses are not read (PAY-3 sees what Salesforce holds)");
    return 0;
  }
  const { window, end, advance } = openWindow(ctx, BANKING_WATERMARK, spec.entity, s);
  const rejudge = accrualsToRejudge(ctx, accruals, s);
  let rejudged = 0;
  // A windowed read ends with a page carrying `coveredUntil`; a full read (first run, --full) does not,
  // so its watermark is set once every supplier was handled.
  // Coupa's pages of 50 are handled `pageSize` suppliers at a time (page-batches.ts).
  const read = coupa.readSupplierBanking({ ...(window ? { window } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const pages = inBatches(read, ctx.pageSize ?? ctx.batchSize, (p) => p.rows.length, (ps) => ({ rows: ps.flatMap((p) => p.rows) }));
  for await (const page of pages) {
    rejudged += await bankingPage(ctx, spec, page.rows, page.coveredUntil ? advance(page.coveredUntil) : undefined, s.full, rejudge);
  }
  if (!window && !ctx.dryRun) checkpoint(ctx.store, ctx.lease, ctx.runId, [], [advance(end)]);
  if (rejudged > 0) ctx.log.info({ accruals: rejudged }, "decided again the accruals of partners whose banking changed in Coupa (PAY-3)");
  return rejudged;
}

/** The accruals to decide again from the banking pass, or undefined when the accrual pass sees them all (or none). */
function accrualsToRejudge(ctx: PassContext, accruals: EntitySpec | undefined, s: WindowSettings): AccrualsOfPartners | undefined {
  const side = accruals?.sides.salesforce;
  const partnerField = side?.readFields.get("partnerId");
  if (!accruals || !side || partnerField === undefined) return undefined;
  // A first run or --full reads every accrual in its own pass, judged with the statuses read here.
  if (readWindow(ctx.store.watermarks.get(side.system, side.object), s) === null) return undefined;
  return { spec: accruals, side, partnerField };
}

/** The Coupa side of a partner's banking, as a system record of the join. */
function coupaView(spec: EntitySpec, partnerId: string, row: SupplierBankingRow): SystemRecord {
  const supplierId = String(row.supplier.id);
  const values = spec.valuesOf(spec.paths.map((a) => (a.path === "coupaSupplierId" ? supplierId : a.path === "status" ? row.status : null)));
  const keys: Keys = { salesforce: null, portal: partnerId, coupa: supplierId, "partner-sync": null };
  return { system: "coupa", key: partnerId, systemId: supplierId, keys, values, hash: recordHash(values, keys) };
}

async function bankingPage(ctx: PassContext, spec: EntitySpec, rows: readonly SupplierBankingRow[], watermark: WatermarkAdvance | undefined, force: boolean, rejudge: AccrualsOfPartners | undefined): Promise<number> {
  const stats = statsOf(ctx, spec.entity);
  stats.read += rows.length;
  ctx.onProgress?.({ system: "coupa", read: rows.length });
  const out: RecordCheckpoint[] = [];
  const matches = await partnersOfSuppliers(ctx, spec, rows.map((r) => r.supplier));
  const views: SystemRecord[] = [];
  const partnersSeen = new Set<string>();
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
    if (partnersSeen.has(view.key)) continue;
    partnersSeen.add(view.key);
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
  // Every partner whose Coupa side changed, written or not: after a run cut off past the writes the
  // Accounts already show the status, and only the supplier's unstored state says it is new.
  const accounts = views.map((v) => joined.get(v.key)?.views.salesforce?.systemId);
  if (ctx.dryRun) {
    for (const p of planned) ctx.planLines.push(planLine(p));
    // A dry run plans them too (their pages add plan lines, write nothing).
    return rejudge ? await rejudgeAccruals(ctx, rejudge, accounts) : 0;
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
  const rejudged = rejudge ? await rejudgeAccruals(ctx, rejudge, accounts) : 0;
  checkpoint(ctx.store, ctx.lease, ctx.runId, out, watermark ? [watermark] : []);
  return rejudged;
}

/** The accruals of these partners' Salesforce Accounts, passed again (rules, plan, writes, checkpoint) as a page. */
async function rejudgeAccruals(ctx: PassContext, r: AccrualsOfPartners, accountIds: readonly (string | null | undefined)[]): Promise<number> {
  const ids = [...new Set(accountIds.filter((id): id is string => typeof id === "string" && id !== ""))].sort();
  if (ids.length === 0) return 0;
  const raws = await passAgainByKeys(ctx, r.spec, r.side, r.partnerField, ids, ctx.pageSize ?? ctx.batchSize);
  return raws.length;
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
