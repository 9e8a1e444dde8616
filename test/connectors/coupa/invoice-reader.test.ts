import { afterEach, describe, expect, it } from "vitest";
import { type InvoicePage, toInvoiceRow } from "../../../src/connectors/coupa/invoice-reader.js";
import type { JsonRecord, SandboxData } from "../../../src/sandbox/contracts.js";
import { coupaWorld, HOUR, type CoupaWorld } from "./fixture.js";

let world: CoupaWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const INVOICES = ["GET", "/api/invoices"] as const;
const BASE = Date.UTC(2026, 3, 1);
/** Invoice i was updated at 2026-04-01 + (i mod 10) hours. */
const updatedAt = (i: number) => new Date(BASE + (i % 10) * HOUR);

function invoice(i: number, extra: JsonRecord = {}): JsonRecord {
  const paid = i % 3 === 0;
  const at = `2026-04-2${i % 10}T10:00:00+00:00`;
  return {
    id: i, "invoice-number": `INV-${String(i).padStart(4, "0")}`, status: "approved", supplier: { id: 7, number: "S-0007" }, currency: { code: "EUR" },
    "gross-total": "1250.10", "amount-due": paid ? "0.00" : "1250.10", paid, "payment-date": paid ? at : null,
    payments: paid ? [{ "amount-paid": "1250.10", "payment-date": at, notes: `REFERRAL_FEE:${i}` }] : [],
    "updated-at": updatedAt(i).toISOString(), ...extra,
  };
}

const seedOf = (invoices: JsonRecord[]): SandboxData["coupa"] => ({ records: { suppliers: [], supplier_information: [], invoices } });

async function pages(iterable: AsyncIterable<InvoicePage>) {
  const out: InvoicePage[] = [];
  for await (const page of iterable) out.push(page);
  return out;
}

describe("Coupa invoice reader", () => {
  it("pages at 50 and stops on the short last page, every invoice read once as a typed row", async () => {
    world = await coupaWorld(seedOf(Array.from({ length: 123 }, (_, k) => invoice(k + 1))));
    const read = await pages(world.connector({ pageSize: 500 }).readInvoices());
    expect(read.map((p) => p.rows.length)).toEqual([50, 50, 23]);
    expect(world.recorder.count("coupa", ...INVOICES)).toBe(3);
    const rows = read.flatMap((p) => p.rows);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 123 }, (_, k) => k + 1));
    expect(read.flatMap((p) => p.problems)).toEqual([]);
    expect(rows[2]).toMatchObject({
      invoiceNumber: "INV-0003", status: "approved", supplierId: 7, supplierNumber: "S-0007", paid: true,
      paymentDate: new Date("2026-04-23T10:00:00Z"), amountDue: "0.00", currency: "EUR", paymentNotes: ["REFERRAL_FEE:3"],
    });
    expect(rows[0]).toMatchObject({ paid: false, paymentDate: null, amountDue: "1250.10", paymentNotes: [] });
  });

  it("needs one empty page after exactly 100 invoices", async () => {
    world = await coupaWorld(seedOf(Array.from({ length: 100 }, (_, k) => invoice(k + 1))));
    const read = await pages(world.connector().readInvoices());
    expect(read.map((p) => p.rows.length)).toEqual([50, 50, 0]);
    expect(world.recorder.count("coupa", ...INVOICES)).toBe(3);
  });

  it("reads an updated-at window, covered to its end on the last page only", async () => {
    world = await coupaWorld(seedOf(Array.from({ length: 123 }, (_, k) => invoice(k + 1))));
    const window = { start: updatedAt(3), end: updatedAt(5) };
    const read = await pages(world.connector().readInvoices({ window }));
    expect(read.flatMap((p) => p.rows.map((r) => r.id))).toEqual(Array.from({ length: 123 }, (_, k) => k + 1).filter((i) => i % 10 === 3 || i % 10 === 4));
    expect(read.at(-1)?.coveredUntil).toEqual(window.end);
    expect(read.slice(0, -1).every((p) => p.coveredUntil === undefined)).toBe(true);
  });

  it("reads the invoices with given ids, 50 a read, whatever their updated-at; unknown ids are simply absent", async () => {
    world = await coupaWorld(seedOf(Array.from({ length: 123 }, (_, k) => invoice(k + 1))));
    const ids = [...Array.from({ length: 55 }, (_, k) => 2 * k + 1), 999_999, 7];
    const read = await pages(world.connector().readInvoices({ ids }));
    expect(read.flatMap((p) => p.rows.map((r) => r.id))).toEqual(Array.from({ length: 55 }, (_, k) => 2 * k + 1));
    // 56 distinct ids: a read of 50 (a full page, so a second, empty one) and a read of 6.
    expect(world.recorder.count("coupa", ...INVOICES)).toBe(3);
    expect(read.every((p) => p.coveredUntil === undefined)).toBe(true);
  });

  it("adds systems.coupa.invoiceFilter to whole and windowed reads, not to a read by ids", async () => {
    const numbered = (i: number) => invoice(i, { "invoice-number": `${i % 2 === 1 ? "REB" : "INV"}-${String(i).padStart(4, "0")}` });
    world = await coupaWorld(seedOf(Array.from({ length: 120 }, (_, k) => numbered(k + 1))));
    const c = world.connector({ config: { baseUrl: world.served.url, clientId: "partner-sync", scopes: ["core.invoice.read"], invoiceFilter: "invoice-number[starts_with]=REB-" } });
    const odd = Array.from({ length: 120 }, (_, k) => k + 1).filter((i) => i % 2 === 1);
    expect((await pages(c.readInvoices())).flatMap((p) => p.rows.map((r) => r.id))).toEqual(odd);
    const window = { start: updatedAt(3), end: updatedAt(5) };
    expect((await pages(c.readInvoices({ window }))).flatMap((p) => p.rows.map((r) => r.id))).toEqual(odd.filter((i) => i % 10 === 3));
    // An invoice held in quarantine is read again by id whatever the filter says.
    expect((await pages(c.readInvoices({ ids: [2, 3] }))).flatMap((p) => p.rows.map((r) => r.id))).toEqual([2, 3]);
  });

  it("returns a record that is no invoice as a problem naming it, and goes on", async () => {
    world = await coupaWorld(seedOf([invoice(1), invoice(2, { "invoice-number": "" }), invoice(3, { "payment-date": "2026-04-23 10:00" }), invoice(4)]));
    const read = await pages(world.connector().readInvoices());
    expect(read.flatMap((p) => p.rows.map((r) => r.id))).toEqual([1, 4]);
    expect(read.flatMap((p) => p.problems).map((p) => [p.id, p.message])).toEqual([
      [2, "Coupa invoice without a number (id 2): no invoice-number"],
      [3, 'Coupa invoice INV-0003 (id 3): payment-date "2026-04-23 10:00" is not a timestamp with an offset'],
    ]);
  });

  it("names the missing scope when the token may not read invoices", async () => {
    world = await coupaWorld(seedOf([invoice(1)]));
    const c = world.connector();
    world.faults.add("coupa", { kind: "status", status: 403, path: "/api/invoices", message: "forbidden", times: 1 });
    await expect(pages(c.readInvoices())).rejects.toThrow(/core\.invoice\.read/);
  });
});

describe("an invoice as a typed row", () => {
  const base = { id: 9, "invoice-number": "INV-9", paid: true, "payment-date": null };

  it("takes the latest payment's date when the invoice has none of its own", () => {
    const r = toInvoiceRow({ ...base, payments: [{ "payment-date": "2026-05-01T00:00:00-05:00", notes: "A" }, { "payment-date": "2026-04-01T00:00:00Z", notes: " " }] });
    expect(r.ok && [r.row.paymentDate, r.row.paymentNotes]).toEqual([new Date("2026-05-01T05:00:00Z"), ["A"]]);
  });

  it("refuses a paid invoice without any payment date", () => {
    const r = toInvoiceRow({ ...base, payments: [] });
    expect(r.ok ? null : r.problem.message).toBe("Coupa invoice INV-9 (id 9): paid, but neither the invoice nor a payment has a payment-date");
  });

  it("accepts Coupa's text booleans and refuses any other paid value", () => {
    expect(toInvoiceRow({ ...base, paid: "false" }).ok && toInvoiceRow({ ...base, paid: "false" })).toMatchObject({ row: { paid: false, paymentDate: null } });
    const r = toInvoiceRow({ ...base, paid: "yes" });
    expect(r.ok ? null : r.problem.message).toBe('Coupa invoice INV-9 (id 9): paid is "yes", not a boolean');
  });
});
