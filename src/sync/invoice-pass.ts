// The invoice pass (PAY-4 PAID from the billing system): Coupa invoices read in their own window
// (watermark coupa/invoices, by `updated-at`), each joined to its rebate accrual — the Partner_Rebate__c
// whose Coupa invoice number is the invoice's, else the one whose accrual key a payment's remittance
// note carries — and, when Coupa shows it paid, the payment date written to the accrual with the
// status PAID, as PAY-4 decides it for a paid accrual. Runs right after the banking pass, so
// the accruals the rules judge later in the run already hold the payment.
//
// A paid invoice of a partner's supplier that no accrual matches yet (the accrual is created later, or
// gets its invoice number later) is quarantined (`PS_E_INVOICE_NO_ACCRUAL`), and every run first reads
// the quarantined invoices again by id: the payment lands on its accrual in the first run that can
// match it, whether or not the invoice changed in Coupa since. Invoices of other suppliers (an
// instance paying more than partners) are reported only, as before.
//
// Deliberately not done here: an invoice Coupa shows unpaid never clears a payment Salesforce holds
// (reported instead: undoing PAID needs the whole PAY decision, which the accrual's own pass makes).
import type { CoupaConnector } from "../connectors/coupa/coupa-connector.js";
import type { CoupaInvoiceRow, InvoiceProblem } from "../connectors/coupa/invoice-reader.js";
import type { ErrorCode } from "../errors.js";
import type { JsonRecord } from "../sandbox/contracts.js";
import type { QuarantineEntry } from "../store/quarantine.repo.js";
import type { Keys } from "../mapping/compile.js";
import { reason, type Reason } from "../rules/decision.js";
import { isAtOrBefore } from "../rules/fiscal-calendar.js";
import { applyWrites, planLine, type PlannedRecordWrite } from "./apply-writes.js";
import { checkpoint, type RecordCheckpoint, type WatermarkAdvance } from "./checkpoint.js";
import { openWindow, type WindowSettings } from "./entity-pass.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import { joinRecords } from "./join.js";
import { normalizeRecords, type SystemRecord } from "./normalize.js";
import { inBatches } from "./page-batches.js";
import { statsOf, type PassContext } from "./pass-context.js";
import { planRecord } from "./plan-record.js";
import { recordHash } from "./record-hash.js";
import { partnersOfSuppliers } from "./supplier-partners.js";
import { readByKeys } from "./system-access.js";

export const INVOICE_WATERMARK = { system: "coupa", object: "invoices" } as const;
/** Stats and outcomes of invoices themselves (the accruals' writes count under RebateAccrual). */
export const INVOICE_ENTITY = "CoupaInvoice";
/** A partner's paid invoice that matches no accrual yet: quarantined, read again at every run. */
export const NO_ACCRUAL_CODE = "PS_E_INVOICE_NO_ACCRUAL" satisfies ErrorCode;
/** A paid invoice for an accrual another invoice already is: quarantined, read again at every run. */
export const CONFLICT_CODE = "PS_E_INVOICE_CONFLICT" satisfies ErrorCode;

export async function passInvoices(ctx: PassContext, s: WindowSettings): Promise<void> {
  const coupa = ctx.access.coupa;
  const spec = ctx.specs.get("RebateAccrual");
  const sf = spec?.sides.salesforce;
  if (!coupa || !spec || !sf) {
    ctx.log.warn("no Coupa connector or no RebateAccrual mapping: invoices are not read (PAY-4 PAID sees what Salesforce holds)");
    return;
  }
  const retried = await retryQuarantined(ctx, coupa, spec, sf, ctx.store.quarantine.openOf(INVOICE_ENTITY, "coupa"));
  const { window, end, advance } = openWindow(ctx, INVOICE_WATERMARK, INVOICE_ENTITY, s);
  // Coupa's pages of 50 are handled `pageSize` invoices at a time (page-batches.ts).
  const read = coupa.readInvoices({ ...(window ? { window } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const pages = inBatches(read, ctx.pageSize ?? ctx.batchSize, (p) => p.rows.length + p.problems.length, (ps) => ({ rows: ps.flatMap((p) => p.rows), problems: ps.flatMap((p) => p.problems) }));
  for await (const page of pages) {
    // An invoice the retry just passed is not passed twice (its entry would count two attempts).
    const rows = page.rows.filter((r) => !retried.has(r.id));
    const problems = problemsOf(page.problems.filter((p) => p.id === null || !retried.has(p.id)));
    await invoicePage(ctx, spec, sf, rows, problems, page.coveredUntil ? advance(page.coveredUntil) : undefined, s.full);
  }
  // A full read (first run, --full) carries no `coveredUntil`: its watermark is set once every invoice was handled.
  if (!window && !ctx.dryRun) checkpoint(ctx.store, ctx.lease, ctx.runId, [], [advance(end)]);
}

/** `quarantine replay`: these entries' invoices (the CoupaInvoice ones among them) read again and passed. */
export async function replayQuarantinedInvoices(ctx: PassContext, ids: readonly number[]): Promise<void> {
  const coupa = ctx.access.coupa;
  const spec = ctx.specs.get("RebateAccrual");
  const sf = spec?.sides.salesforce;
  const entries = ids.flatMap((id) => ctx.store.quarantine.get(id) ?? []);
  if (!coupa || !spec || !sf || !entries.some((q) => q.entity === INVOICE_ENTITY)) return;
  await retryQuarantined(ctx, coupa, spec, sf, entries);
}

function problemsOf(problems: readonly InvoiceProblem[]) {
  return problems.map((p) => ({ key: p.invoiceNumber ?? `id:${p.id ?? "?"}`, message: p.message, raw: p.raw }));
}

/**
 * The quarantined invoices (no accrual matched yet, a conflict, or no invoice as read), read again by
 * their Coupa id and passed like any page: matched now (or no longer paid), the entry is resolved by
 * the page's checkpoint; still held, it stays open (attempts + 1). One not in Coupa any more stays
 * open, said in the log. Returns the ids read, which the window's pages then leave out.
 * `held`: the open quarantine entries of Coupa invoices (`QuarantineRepo.openOf`).
 */
async function retryQuarantined(ctx: PassContext, coupa: CoupaConnector, spec: EntitySpec, sf: SystemSide, held: readonly QuarantineEntry[]): Promise<Set<number>> {
  const ids = held.flatMap((q) => {
    const id = (q.payload as JsonRecord | null)?.id;
    return typeof id === "number" ? [id] : [];
  });
  const found = new Set<number>();
  if (ids.length === 0) return found;
  ctx.log.info({ invoices: ids.length }, "reading again the quarantined Coupa invoices");
  for await (const page of coupa.readInvoices({ ids, ...(ctx.signal ? { signal: ctx.signal } : {}) })) {
    for (const r of page.rows) found.add(r.id);
    for (const p of page.problems) if (p.id !== null) found.add(p.id);
    await invoicePage(ctx, spec, sf, page.rows, problemsOf(page.problems), undefined, false);
  }
  const gone = ids.filter((id) => !found.has(id));
  if (gone.length > 0) ctx.log.warn({ ids: gone }, "quarantined Coupa invoices are not in Coupa any more: their entries stay open (partner-sync quarantine discard)");
  return found;
}

/** The Coupa supplier ids (as strings) among these rows' that are a partner's (SupplierBanking mapping); empty without it. */
async function partnerSuppliers(ctx: PassContext, rows: readonly CoupaInvoiceRow[]): Promise<Map<string, string>> {
  const banking = ctx.specs.get("SupplierBanking");
  const suppliers = rows.flatMap((r) => (r.supplierId === null ? [] : [{ id: r.supplierId, number: r.supplierNumber }]));
  if (!banking || suppliers.length === 0) return new Map();
  const matches = await partnersOfSuppliers(ctx, banking, suppliers);
  return new Map([...matches].map(([supplierId, m]) => [supplierId, m.partnerId]));
}

/** The system field of a canonical field in a side (the mapping says it; nothing here names it). */
function systemFieldOf(side: SystemSide, path: string): string | undefined {
  const r = side.converter.toSystem({ [path]: "x" }, { fields: [path], includeOwned: true });
  return r.ok ? Object.keys(r.record)[0] : undefined;
}

/** The accruals Salesforce holds for some values of `field`, normalized; failures returned to be quarantined. */
async function accrualsBy(ctx: PassContext, spec: EntitySpec, sf: SystemSide, field: string | undefined, values: readonly string[]) {
  if (field === undefined || values.length === 0) return { records: [] as SystemRecord[], failures: [] };
  const raws = await readByKeys(ctx.access, "salesforce", sf.object, field, [...new Set(values)], sf.converter.systemFields, ctx.signal);
  return normalizeRecords(ctx, spec, sf, raws);
}

/** What the pass took from an invoice, as a hash: the same invoice read again unchanged is skipped. */
function invoiceHash(accrualKey: string, row: CoupaInvoiceRow): string {
  const keys: Keys = { salesforce: null, portal: null, coupa: String(row.id), "partner-sync": accrualKey };
  return recordHash({ coupaInvoiceId: row.invoiceNumber, paidAt: row.paid ? row.paymentDate : null }, keys);
}

async function invoicePage(ctx: PassContext, spec: EntitySpec, sf: SystemSide, rows: readonly CoupaInvoiceRow[], problems: readonly { key: string; message: string; raw: Record<string, unknown> }[], watermark: WatermarkAdvance | undefined, force: boolean): Promise<void> {
  const stats = statsOf(ctx, INVOICE_ENTITY);
  stats.read += rows.length + problems.length;
  ctx.onProgress?.({ system: "coupa", read: rows.length + problems.length });
  const out: RecordCheckpoint[] = [];
  for (const p of problems) {
    stats.quarantined++;
    out.push({
      outcome: { entity: INVOICE_ENTITY, key: p.key, system: "coupa", action: "read", result: "quarantined", error: p.message },
      quarantine: { entity: INVOICE_ENTITY, key: p.key, system: "coupa", stage: "normalize", errorCode: "PS_E_RECORD_INVALID", errorMessage: p.message, payload: p.raw as never },
    });
  }

  // By invoice number first; the invoices no accrual names, by the accrual keys their payments' notes carry.
  const byNumber = await accrualsBy(ctx, spec, sf, systemFieldOf(sf, "coupaInvoiceId"), rows.map((r) => r.invoiceNumber));
  const numbered = new Map<string, SystemRecord>();
  for (const r of byNumber.records) if (typeof r.values.coupaInvoiceId === "string" && !numbered.has(r.values.coupaInvoiceId)) numbered.set(r.values.coupaInvoiceId, r);
  const unnumbered = rows.filter((r) => !numbered.has(r.invoiceNumber));
  const byNote = await accrualsBy(ctx, spec, sf, sf.canonicalKeyField, unnumbered.flatMap((r) => r.paymentNotes));
  const keyed = new Map(byNote.records.map((r) => [r.key, r]));
  for (const f of [...byNumber.failures, ...byNote.failures]) {
    statsOf(ctx, spec.entity).quarantined++;
    out.push({
      outcome: { entity: f.entity, key: f.key, system: f.system, action: "read", result: "quarantined", error: f.message },
      quarantine: { entity: f.entity, key: f.key, system: f.system, stage: "normalize", errorCode: f.code, errorMessage: f.message, payload: f.raw },
    });
  }

  const planned: PlannedRecordWrite[] = [];
  // The invoices passed, by the accrual each is for (the first of the batch for it).
  const seen = new Map<string, { row: CoupaInvoiceRow; hash: string }>();
  const unmatched: CoupaInvoiceRow[] = [];
  for (const row of rows) {
    const sfView = numbered.get(row.invoiceNumber) ?? row.paymentNotes.map((n) => keyed.get(n)).find((r) => r !== undefined);
    if (!sfView) {
      unmatched.push(row);
      continue;
    }
    const hash = invoiceHash(sfView.key, row);
    // Two invoices for one accrual — another in this page, or the one the accrual already names (this
    // one found by its payment's note) — is never applied over it: paid, it may be a second payment.
    const first = seen.get(sfView.key)?.row.invoiceNumber;
    const named = typeof sfView.values.coupaInvoiceId === "string" && sfView.values.coupaInvoiceId !== "" && sfView.values.coupaInvoiceId !== row.invoiceNumber ? sfView.values.coupaInvoiceId : undefined;
    const other = first ?? named;
    if (other !== undefined) {
      const conflict = invoiceConflict(row, sfView, other, first !== undefined);
      if (conflict.quarantine) stats.quarantined++;
      out.push(conflict);
      continue;
    }
    if (!force && ctx.store.recordState.get(INVOICE_ENTITY, row.invoiceNumber, "coupa")?.hash === hash) {
      stats.unchanged++;
      continue;
    }
    seen.set(sfView.key, { row, hash });
    if (!row.paid) {
      if (sfView.values.paidAt !== null && sfView.values.paidAt !== undefined) out.push({ outcome: { entity: INVOICE_ENTITY, key: row.invoiceNumber, system: "coupa", action: "read", result: "failed", error: `Coupa invoice ${row.invoiceNumber} is not paid, but ${sf.object} ${sfView.key} holds a payment: left as it is (not reverted)` } });
      continue;
    }
    planned.push(...planPaid(ctx, spec, sfView, row));
  }

  // Unmatched: a partner's paid invoice is money the program paid that no accrual shows yet — held
  // (quarantined) and read again at every run; any other invoice is reported.
  const partners = await partnerSuppliers(ctx, unmatched.filter((r) => r.paid));
  for (const row of unmatched) {
    const error = `Coupa invoice ${row.invoiceNumber} (id ${row.id}) matches no rebate accrual: no ${sf.object} has it as its invoice number${row.paymentNotes.length ? ` and no payment note (${row.paymentNotes.join(", ")}) is an accrual key` : " and it has no payment notes"}`;
    const partner = row.paid && row.supplierId !== null ? partners.get(String(row.supplierId)) : undefined;
    if (partner === undefined) {
      // Reported, never held: an entry it had is closed (voided in Coupa it pays nothing; read as an
      // invoice now, a supplier that is no partner's is not ours to hold).
      out.push(reportedInvoice(row, error));
      continue;
    }
    stats.quarantined++;
    out.push(heldInvoice(row, NO_ACCRUAL_CODE, `${error}; it pays partner ${partner} (Coupa supplier ${String(row.supplierId)}): held, and read again at every run until an accrual has its number or a payment note names one`));
  }

  if (ctx.dryRun) {
    for (const p of planned) ctx.planLines.push(planLine(p));
    return;
  }
  const written = await applyWrites(ctx, planned);
  for (const w of written) if (w.quarantine) statsOf(ctx, spec.entity).quarantined++;
  out.push(...written);
  const refused = new Set(written.filter((w) => w.quarantine).map((w) => w.outcome.key));
  // The invoice's state: the next run skips an invoice it has handled and that did not change since.
  // Kept under CoupaInvoice, not RebateAccrual: no accrual lives in Coupa, and reconcile reads a
  // RebateAccrual state in a system as "the record is there".
  for (const [accrualKey, { row, hash }] of seen) {
    if (refused.has(accrualKey)) continue;
    out.push({ outcome: { entity: INVOICE_ENTITY, key: row.invoiceNumber, system: "coupa", action: "skip", result: "ok" }, state: { hash, systemId: String(row.id) }, resolves: true });
  }
  checkpoint(ctx.store, ctx.lease, ctx.runId, out, watermark ? [watermark] : []);
}

/**
 * An invoice for an accrual another invoice already is. Paid: quarantined (`PS_E_INVOICE_CONFLICT`) —
 * the partner may have been paid twice, a person decides; read again at every run, so once the
 * accrual or the note is corrected it goes through. Unpaid: reported (nothing would be written), and
 * an entry it had is closed (voided in Coupa, it pays nothing).
 */
function invoiceConflict(row: CoupaInvoiceRow, sfView: SystemRecord, other: string, inPage: boolean): RecordCheckpoint {
  const paid = sfView.values.paidAt instanceof Date ? `, paid ${sfView.values.paidAt.toISOString()}` : "";
  const where = inPage ? `invoice ${other} of the same read already is` : `it already names invoice ${other}${paid}`;
  const error = `Coupa invoice ${row.invoiceNumber} (id ${row.id}) is for accrual ${sfView.key}, but ${where}: not applied`;
  if (!row.paid) return reportedInvoice(row, error);
  return heldInvoice(row, CONFLICT_CODE, `${error}; paid ${row.paymentDate?.toISOString() ?? "(no date)"} — a second payment for one accrual? held until the accrual's invoice number or the payment's note is corrected`);
}

/** An invoice reported, not held: its outcome says why, and an open entry it had is closed. */
function reportedInvoice(row: CoupaInvoiceRow, error: string): RecordCheckpoint {
  return { outcome: { entity: INVOICE_ENTITY, key: row.invoiceNumber, system: "coupa", action: "read", result: "failed", error }, resolves: true };
}

/** An invoice held: quarantined at the join stage with `code`, its Coupa record kept to read it again by id. */
function heldInvoice(row: CoupaInvoiceRow, code: typeof NO_ACCRUAL_CODE | typeof CONFLICT_CODE, error: string): RecordCheckpoint {
  return {
    outcome: { entity: INVOICE_ENTITY, key: row.invoiceNumber, system: "coupa", action: "read", result: "quarantined", error },
    quarantine: { entity: INVOICE_ENTITY, key: row.invoiceNumber, system: "coupa", stage: "join", errorCode: code, errorMessage: error, payload: row.raw as never },
  };
}

/**
 * A paid invoice: what Coupa says — the payment date, the invoice number — written to the accrual, and,
 * when the payment is not after the evaluation instant, PAY-4's outcome for a paid accrual: the values
 * the rebates decider derives from that payment (status PAID, not overdue, reason code PAY-4:PAID), so
 * the two agree. Coupa is the system of record for payment; the mapping still files `paidAt` and
 * `coupaInvoiceId` under partner-sync, which writes them: an owner `coupa` there would make reconcile
 * expect every accrual to exist in Coupa.
 */
function planPaid(ctx: PassContext, spec: EntitySpec, sfView: SystemRecord, row: CoupaInvoiceRow): PlannedRecordWrite[] {
  const j = joinRecords(spec, [sfView]).get(sfView.key)!;
  const paidAt = row.paymentDate!;
  const counts = isAtOrBefore(paidAt, ctx.now);
  const why: Reason = counts
    ? reason("PAY-4", "PAID", `the billing system shows it paid ${paidAt.toISOString()}`)
    : reason("PAY-4", "PAID_LATER", `Coupa invoice ${row.invoiceNumber} paid ${paidAt.toISOString()}, after the evaluation instant ${ctx.now.toISOString()}: not PAID yet`);
  const fields = { paidAt, coupaInvoiceId: row.invoiceNumber, ...(counts ? { status: "PAID", overdue: false, "derived.reasonCodes": ["PAY-4:PAID"] } : {}) };
  // Every change is derived here, so every write carries the PAY-4 reason into the audit.
  return planRecord(ctx, spec, j, { fields, reasons: [why] }, []).filter((p) => p.write.system === "salesforce" && !p.write.create);
}
