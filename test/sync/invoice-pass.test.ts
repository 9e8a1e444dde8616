// The invoice pass against the sandbox (demo data): a Coupa invoice paid reaches its accrual as
// Paid_At__c with status PAID (PAY-4 in the audit), an unpaid or partly paid one does not, an invoice
// no accrual knows is reported by its number, a run with no change writes nothing, a dry run writes
// nothing, and a run stopped mid-read leaves the invoices watermark where it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { formatCoupaInstant } from "../../src/sandbox/coupa/coupa-values.js";
import { CONFLICT_CODE, INVOICE_WATERMARK, NO_ACCRUAL_CODE } from "../../src/sync/invoice-pass.js";
import { expectNextRunWritesNothing, salesforceConnection, startSyncWorld, type SyncWorld } from "./sync-harness.js";

async function accruals(w: SyncWorld): Promise<JsonRecord[]> {
  return (await w.sb.state("salesforce")).salesforce?.Partner_Rebate__c ?? [];
}

const accrual = async (w: SyncWorld, key: string) => (await accruals(w)).find((r) => r.Accrual_Key__c === key)!;
const instant = (v: unknown) => (typeof v === "string" ? new Date(v).toISOString() : v);

/** A Coupa invoice as the API serves it; `paidAt` makes it paid in full, `partial` paid in part. */
function invoice(id: number, number: string, o: { paidAt?: Date; partial?: { at: Date; note: string }; note?: string; updatedAt: Date; supplier?: { id: number; number: string } }): JsonRecord {
  const payments = o.paidAt ? [{ "amount-paid": "100.00", "payment-date": formatCoupaInstant(o.paidAt.getTime()), notes: o.note ?? "" }]
    : o.partial ? [{ "amount-paid": "40.00", "payment-date": formatCoupaInstant(o.partial.at.getTime()), notes: o.partial.note }] : [];
  return {
    id, "invoice-number": number, "invoice-date": "2026-10-01", status: "approved", supplier: o.supplier ?? { id: 1, number: "S-1" }, currency: { code: "USD" },
    "gross-total": "100.00", "amount-due": o.paidAt ? "0.00" : o.partial ? "60.00" : "100.00", paid: o.paidAt !== undefined,
    "payment-date": o.paidAt ? formatCoupaInstant(o.paidAt.getTime()) : null, payments,
    "created-at": formatCoupaInstant(o.updatedAt.getTime()), "updated-at": formatCoupaInstant(o.updatedAt.getTime()),
  };
}

// Seed 11 at size 40 has two invoices, both paid, one of them still READY in Salesforce (Coupa paid it
// after the worker last looked), and accruals without an invoice.
describe("invoices from Coupa (demo data, size 40, seed 11)", () => {
  let w: SyncWorld;
  let stale: JsonRecord;
  let unInvoiced: JsonRecord;
  let firstRunId = "";
  const OLD = new Date("2026-10-20T09:00:00Z");
  const PAID_AT = new Date("2026-11-02T15:30:00Z");
  beforeAll(async () => {
    w = await startSyncWorld(40, 11);
    const before = await accruals(w);
    const invoices = w.coupaSeed.records.invoices!;
    stale = before.find((r) => r.Payout_Status__c !== "PAID" && invoices.some((i) => i.paid === true && i["invoice-number"] === r.Coupa_Invoice_Number__c))!;
    unInvoiced = before.find((r) => r.Coupa_Invoice_Number__c == null && r.Payout_Status__c !== "PAID")!;
    // Partly paid: the payment's note names the accrual, the invoice number is one Salesforce does not know yet.
    invoices.push(invoice(900001, "REB-PARTIAL-1", { partial: { at: OLD, note: String(unInvoiced.Accrual_Key__c) }, updatedAt: OLD }));
    invoices.push(invoice(900002, "INV-NOBODY-7", { paidAt: OLD, note: "not an accrual key", updatedAt: OLD }));
    w.reloadCoupa();
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("the demo data has a paid invoice Salesforce does not show paid, and an accrual without an invoice", () => {
    expect(stale).toBeDefined();
    expect(unInvoiced).toBeDefined();
  });

  it("a payment dated after the evaluation instant: a dry run plans the date with PAY-4 PAID_LATER, not the status", async () => {
    const inv = w.coupaSeed.records.invoices!.find((i) => i["invoice-number"] === stale.Coupa_Invoice_Number__c)!;
    const paidAt = Date.parse(String(inv["payment-date"]));
    const dry = await w.run({ dryRun: true, now: new Date(paidAt - 86_400_000) });
    const lines = dry.plan.filter((l) => l.startsWith(`RebateAccrual ${String(stale.Accrual_Key__c)} → salesforce`) && l.includes("paidAt:"));
    expect(lines).toEqual([`RebateAccrual ${String(stale.Accrual_Key__c)} → salesforce update: paidAt: null → "${new Date(paidAt).toISOString()}" — PAY-4:PAID_LATER`]);
    expect(w.writes()).toBe(0);
    expect(w.store.watermarks.get(INVOICE_WATERMARK.system, INVOICE_WATERMARK.object)).toBeUndefined();
  }, 120_000);

  it("a paid invoice makes its accrual PAID with Coupa's payment date, audited with PAY-4", async () => {
    const s = await w.run();
    firstRunId = s.runId;
    const inv = w.coupaSeed.records.invoices!.find((i) => i["invoice-number"] === stale.Coupa_Invoice_Number__c)!;
    const after = await accrual(w, String(stale.Accrual_Key__c));
    expect(after.Payout_Status__c).toBe("PAID");
    expect(instant(after.Paid_At__c)).toBe(instant(inv["payment-date"]));
    expect(after.Overdue__c).toBe(false);
    expect(String(after.Program_Reason_Codes__c)).toBe("PAY-4:PAID");
    const audit = w.store.audit.forRecord("RebateAccrual", String(stale.Accrual_Key__c)).filter((a) => a.runId === s.runId && a.system === "salesforce");
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]!.reasons).toContainEqual(expect.objectContaining({ rule: "PAY-4", code: "PAID" }));
    expect(audit[0]!.fields.status).toEqual([stale.Payout_Status__c, "PAID"]);
    // Every paid invoice's accrual shows it paid, at Coupa's date.
    for (const i of w.coupaSeed.records.invoices!.filter((x) => x.paid === true && x.id !== 900002)) {
      const r = (await accruals(w)).find((a) => a.Coupa_Invoice_Number__c === i["invoice-number"])!;
      expect([r.Accrual_Key__c, r.Payout_Status__c, instant(r.Paid_At__c)]).toEqual([r.Accrual_Key__c, "PAID", instant(i["payment-date"])]);
    }
    expect(s.entities.CoupaInvoice?.read).toBe(w.coupaSeed.records.invoices!.length);
  }, 120_000);

  it("a partly paid invoice, found by its payment's note, leaves the accrual unpaid", async () => {
    const after = await accrual(w, String(unInvoiced.Accrual_Key__c));
    expect(after.Payout_Status__c).not.toBe("PAID");
    expect(after.Paid_At__c ?? null).toBeNull();
    expect(w.store.recordState.get("CoupaInvoice", "REB-PARTIAL-1", "coupa")?.systemId).toBe("900001");
  });

  it("an invoice no accrual knows is reported by its number, and the run goes on", async () => {
    expect(w.store.outcomes.forRun(firstRunId)).toContainEqual(expect.objectContaining({ entity: "CoupaInvoice", key: "INV-NOBODY-7", system: "coupa", result: "failed", error: expect.stringMatching(/^Coupa invoice INV-NOBODY-7 \(id 900002\) matches no rebate accrual/) }));
  });

  it("a second run with no change anywhere writes nothing", async () => {
    w.sb.recorder.clear();
    const s = await w.run();
    expect(w.writes()).toBe(0);
    expect(s.writes).toBe(0);
    expect(s.entities.CoupaInvoice?.read ?? 0).toBe(s.entities.CoupaInvoice?.unchanged ?? 0);
  }, 120_000);

  it("once Coupa shows the partly paid invoice paid, a dry run plans PAID and writes nothing; the next run writes it", async () => {
    const partial = w.coupaSeed.records.invoices!.find((i) => i.id === 900001)!;
    Object.assign(partial, invoice(900001, "REB-PARTIAL-1", { paidAt: PAID_AT, note: String(unInvoiced.Accrual_Key__c), updatedAt: new Date(Date.now() - 2_000) }));
    w.reloadCoupa();
    const watermark = w.store.watermarks.get(INVOICE_WATERMARK.system, INVOICE_WATERMARK.object);

    w.sb.recorder.clear();
    const dry = await w.run({ dryRun: true });
    expect(w.writes()).toBe(0);
    expect(dry.plan.filter((l) => l.startsWith(`RebateAccrual ${String(unInvoiced.Accrual_Key__c)} → salesforce`))).toEqual([expect.stringMatching(/paidAt: null → "2026-11-02T15:30:00.000Z"; status: "\w+" → "PAID" — PAY-4:PAID$/)]);
    expect(w.store.watermarks.get(INVOICE_WATERMARK.system, INVOICE_WATERMARK.object)).toBe(watermark);

    const s = await w.run();
    const after = await accrual(w, String(unInvoiced.Accrual_Key__c));
    expect([after.Payout_Status__c, instant(after.Paid_At__c), after.Coupa_Invoice_Number__c]).toEqual(["PAID", PAID_AT.toISOString(), "REB-PARTIAL-1"]);
    expect(s.entities.RebateAccrual?.written).toEqual({ salesforce: 1 });
  }, 120_000);

  it("the run after that writes nothing", async () => {
    await expectNextRunWritesNothing(w);
  }, 120_000);
});

describe("invoices read stopped mid-way (demo data, size 40, seed 11)", () => {
  let w: SyncWorld;
  const OLD = new Date("2026-10-20T09:00:00Z");
  beforeAll(async () => {
    w = await startSyncWorld(40, 11);
    // 60 invoices nobody knows after the demo's own (ids ascending): the read needs a second page.
    for (let i = 1; i <= 60; i++) w.coupaSeed.records.invoices!.push(invoice(910000 + i, `INV-STRAY-${i}`, { paidAt: OLD, note: "", updatedAt: OLD }));
    w.reloadCoupa();
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("keeps what the first page handled, leaves the watermark, and the next run finishes without writing the first page again", async () => {
    const invoices = w.coupaSeed.records.invoices!;
    const stale = (await accruals(w)).find((r) => r.Payout_Status__c !== "PAID" && invoices.some((i) => i.paid === true && i["invoice-number"] === r.Coupa_Invoice_Number__c))!;
    const key = String(stale.Accrual_Key__c);
    // The second page of invoices is refused (not retryable): the run stops there.
    w.sb.faults.add("coupa", { kind: "status", status: 400, method: "GET", path: "/api/invoices", after: 1, times: 1 });
    const failed = await w.run();
    expect(failed.status).toBe("failed");
    expect(w.store.watermarks.get(INVOICE_WATERMARK.system, INVOICE_WATERMARK.object)).toBeUndefined();
    expect((await accrual(w, key)).Payout_Status__c).toBe("PAID");
    const pay4 = () => w.store.audit.forRecord("RebateAccrual", key).filter((a) => a.reasons.some((r) => r.rule === "PAY-4"));
    expect(pay4()).toHaveLength(1);

    const s = await w.run();
    expect(s.status).toBe("quarantined");
    expect(w.store.watermarks.get(INVOICE_WATERMARK.system, INVOICE_WATERMARK.object)).toBeDefined();
    expect(pay4()).toHaveLength(1);
    const stray = w.store.outcomes.forRun(s.runId).filter((o) => o.entity === "CoupaInvoice" && o.key.startsWith("INV-STRAY-"));
    expect(stray).toHaveLength(60);
  }, 180_000);
});

// A partner's invoice paid in Coupa before any accrual carries its number (finance enters it on the
// accrual afterwards): held in quarantine and read again by id at every run, so the payment lands in
// the first run that can match it, although the invoice itself never changes again in Coupa.
describe("a partner's paid invoice that no accrual has yet (demo data, size 40, seed 11)", () => {
  let w: SyncWorld;
  let target: JsonRecord;
  const OLD = new Date("2026-10-20T09:00:00Z");
  const PAID_AT = new Date("2026-11-03T10:00:00Z");
  const held = () => w.store.quarantine.list("open").filter((q) => q.entity === "CoupaInvoice" && q.key === "REB-LATE-1");
  beforeAll(async () => {
    w = await startSyncWorld(40, 11);
    const sf = (await w.sb.state("salesforce")).salesforce ?? {};
    const supplierOf = new Map((sf.Account ?? []).filter((a) => a.Coupa_Supplier_Id__c != null).map((a) => [a.Id, String(a.Coupa_Supplier_Id__c)]));
    target = (sf.Partner_Rebate__c ?? []).find((r) => r.Coupa_Invoice_Number__c == null && r.Payout_Status__c !== "PAID" && supplierOf.has(r.Partner_Account__c))!;
    const supplier = w.coupaSeed.records.suppliers!.find((x) => String(x.id) === supplierOf.get(target.Partner_Account__c))!;
    w.coupaSeed.records.invoices!.push(invoice(920001, "REB-LATE-1", { paidAt: PAID_AT, note: "", updatedAt: OLD, supplier: { id: Number(supplier.id), number: String(supplier.number) } }));
    w.reloadCoupa();
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("is quarantined with what it is, and its accrual stays unpaid", async () => {
    expect(target).toBeDefined();
    const s = await w.run();
    expect(s.status).toBe("quarantined");
    expect(held()).toEqual([expect.objectContaining({ system: "coupa", stage: "join", errorCode: NO_ACCRUAL_CODE, errorMessage: expect.stringMatching(/^Coupa invoice REB-LATE-1 \(id 920001\) matches no rebate accrual: .*; it pays partner \d+ \(Coupa supplier \d+\): held, and read again at every run/) })]);
    expect((await accrual(w, String(target.Accrual_Key__c))).Payout_Status__c).not.toBe("PAID");
  }, 120_000);

  it("a run while still nothing matches reads it again and keeps it held (attempts + 1)", async () => {
    const before = held()[0]!.attempts;
    w.sb.recorder.clear();
    await w.run();
    expect(held()).toHaveLength(1);
    expect(held()[0]!.attempts).toBe(before + 1);
    expect(w.writes()).toBe(0);
  }, 120_000);

  it("`quarantine replay` of the entry reads it again from Coupa too, and nothing else", async () => {
    const entry = held()[0]!;
    w.sb.recorder.clear();
    const s = await w.run({ replayOnly: [entry.id] });
    expect(held()[0]!.attempts).toBe(entry.attempts + 1);
    expect(s.entities.CoupaInvoice?.read).toBe(1);
    expect(w.sb.recorder.count("coupa", "GET", "/api/invoices")).toBe(1);
    expect(w.writes()).toBe(0);
  }, 120_000);

  it("once the accrual has the invoice's number, the next run pays it and resolves the entry", async () => {
    const conn = await salesforceConnection(w);
    await conn.sobject("Partner_Rebate__c").update({ Id: String(target.Id), Coupa_Invoice_Number__c: "REB-LATE-1" });
    const s = await w.run();
    const after = await accrual(w, String(target.Accrual_Key__c));
    expect([after.Payout_Status__c, instant(after.Paid_At__c)]).toEqual(["PAID", PAID_AT.toISOString()]);
    expect(held()).toEqual([]);
    expect(w.store.audit.forRecord("RebateAccrual", String(target.Accrual_Key__c)).filter((a) => a.runId === s.runId).flatMap((a) => a.reasons.map((r) => `${r.rule}:${r.code}`))).toContain("PAY-4:PAID");
  }, 120_000);

  it("the run after writes nothing", async () => {
    await expectNextRunWritesNothing(w);
  }, 120_000);
});

// A second paid invoice whose payment's note names an accrual another invoice already paid: never
// applied over the first (finance would lose the record of the first payment), held for a person.
describe("a second paid invoice for an accrual already paid (demo data, size 40, seed 11)", () => {
  let w: SyncWorld;
  let paid: JsonRecord;
  const SECOND_PAID_AT = new Date("2026-11-05T08:00:00Z");
  const held = () => w.store.quarantine.list("open").filter((q) => q.entity === "CoupaInvoice" && q.key === "REB-AGAIN-1");
  beforeAll(async () => {
    w = await startSyncWorld(40, 11);
    await w.run();
    // The accrual the first run paid from its invoice.
    const invoices = w.coupaSeed.records.invoices!;
    paid = (await accruals(w)).find((r) => r.Payout_Status__c === "PAID" && invoices.some((i) => i.paid === true && i["invoice-number"] === r.Coupa_Invoice_Number__c))!;
    invoices.push(invoice(930001, "REB-AGAIN-1", { paidAt: SECOND_PAID_AT, note: String(paid.Accrual_Key__c), updatedAt: new Date(Date.now() - 2_000) }));
    w.reloadCoupa();
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("is quarantined naming both invoices, and the accrual keeps the first one", async () => {
    expect(paid).toBeDefined();
    w.sb.recorder.clear();
    const s = await w.run();
    expect(s.status).toBe("quarantined");
    expect(held()).toEqual([expect.objectContaining({ stage: "join", errorCode: CONFLICT_CODE, errorMessage: expect.stringMatching(new RegExp(`^Coupa invoice REB-AGAIN-1 \\(id 930001\\) is for accrual ${String(paid.Accrual_Key__c)}, but it already names invoice ${String(paid.Coupa_Invoice_Number__c)}, paid .*: not applied; paid 2026-11-05T08:00:00.000Z — a second payment for one accrual\\?`)) })]);
    const after = await accrual(w, String(paid.Accrual_Key__c));
    expect([after.Coupa_Invoice_Number__c, instant(after.Paid_At__c)]).toEqual([paid.Coupa_Invoice_Number__c, instant(paid.Paid_At__c)]);
    expect(w.writes()).toBe(0);
  }, 120_000);

  it("stays held at the next run (read again by id), writing nothing", async () => {
    const before = held()[0]!.attempts;
    w.sb.recorder.clear();
    await w.run();
    expect(held()[0]!.attempts).toBe(before + 1);
    expect(w.writes()).toBe(0);
  }, 120_000);

  it("voided in Coupa (no payment any more), it is reported and its entry closed", async () => {
    const again = w.coupaSeed.records.invoices!.find((i) => i.id === 930001)!;
    Object.assign(again, invoice(930001, "REB-AGAIN-1", { note: String(paid.Accrual_Key__c), updatedAt: new Date(Date.now() - 2_000) }));
    w.reloadCoupa();
    const s = await w.run();
    expect(held()).toEqual([]);
    // Read once (by id, as held), though its new updated-at is in the window too.
    expect(w.store.outcomes.forRun(s.runId).filter((o) => o.key === "REB-AGAIN-1")).toEqual([expect.objectContaining({ entity: "CoupaInvoice", result: "failed", error: expect.stringMatching(/^Coupa invoice REB-AGAIN-1 \(id 930001\) matches no rebate accrual/) })]);
  }, 120_000);
});

// A record quarantined as no invoice is read again by id too: fixed in Coupa (even without its
// updated-at moving), it goes through and its entry closes.
describe("an invoice quarantined as malformed, fixed in Coupa (demo data, size 40, seed 11)", () => {
  let w: SyncWorld;
  const OLD = new Date("2026-10-20T09:00:00Z");
  const open = () => w.store.quarantine.list("open").filter((q) => q.entity === "CoupaInvoice" && q.key === "INV-BROKEN-1");
  beforeAll(async () => {
    w = await startSyncWorld(40, 11);
    w.coupaSeed.records.invoices!.push({ ...invoice(940001, "INV-BROKEN-1", { paidAt: OLD, note: "", updatedAt: OLD }), paid: "yes" });
    w.reloadCoupa();
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("is quarantined as no invoice, then, fixed, read again by id and its entry closed", async () => {
    await w.run();
    expect(open()).toEqual([expect.objectContaining({ stage: "normalize", errorCode: "PS_E_RECORD_INVALID", errorMessage: expect.stringContaining('paid is "yes", not a boolean') })]);
    w.coupaSeed.records.invoices!.find((i) => i.id === 940001)!.paid = true;
    w.reloadCoupa();
    const s = await w.run();
    expect(open()).toEqual([]);
    // A supplier that is no partner's: reported, not held.
    expect(w.store.outcomes.forRun(s.runId).filter((o) => o.key === "INV-BROKEN-1")).toEqual([expect.objectContaining({ result: "failed", error: expect.stringMatching(/^Coupa invoice INV-BROKEN-1 \(id 940001\) matches no rebate accrual/) })]);
  }, 120_000);
});
