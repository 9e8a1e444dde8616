// Coupa invoices as typed rows, for PAY-4 ("the billing system shows it paid"): read with the same
// paging, windowing and retries as every Coupa resource (coupa-reader.ts), each record checked here so
// the pass never sees a half-understood invoice. A record that does not read as an invoice is
// returned as a problem naming it — the pass quarantines it and goes on — never thrown.
// Decimals stay the strings Coupa sent: nothing here adds money up.
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { ReadWindow } from "../connector.js";
import { type CoupaGet, readCoupaPages } from "./coupa-reader.js";

export interface CoupaInvoiceRow {
  id: number;
  invoiceNumber: string;
  status: string | null;
  supplierId: number | null;
  supplierNumber: string | null;
  /** Coupa's `paid`: fully paid. */
  paid: boolean;
  /** The invoice's `payment-date`, else its latest payment's; null while unpaid. */
  paymentDate: Date | null;
  /** `amount-due` as Coupa sent it (a decimal string); null when absent. */
  amountDue: string | null;
  currency: string | null;
  /** Remittance notes of its payments, in order (a note may carry the accrual key). */
  paymentNotes: string[];
  raw: JsonRecord;
}

export interface InvoiceProblem {
  /** Coupa's id, when the record has a usable one. */
  id: number | null;
  invoiceNumber: string | null;
  message: string;
  raw: JsonRecord;
}

export interface InvoicePage {
  rows: CoupaInvoiceRow[];
  problems: InvoiceProblem[];
  /** The window's end, on the last page of a windowed read. */
  coveredUntil?: Date;
}

// Coupa timestamps always carry an offset; one without is ambiguous and refused rather than guessed.
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function instant(v: unknown): Date | null | undefined {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string" || !WITH_OFFSET.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const object = (v: unknown): JsonRecord => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonRecord) : {});
// Coupa sends booleans as JSON booleans; its XML-to-JSON proxies sometimes as "true"/"false".
const flag = (v: unknown): boolean | undefined => (v === true || v === "true" ? true : v === false || v === "false" || v === null || v === undefined ? false : undefined);

/** One Coupa invoice record as a typed row, or the reason it is not one. */
export function toInvoiceRow(raw: JsonRecord): { ok: true; row: CoupaInvoiceRow } | { ok: false; problem: InvoiceProblem } {
  const id = typeof raw.id === "number" ? raw.id : null;
  const invoiceNumber = text(raw["invoice-number"]);
  const fail = (message: string) => ({ ok: false as const, problem: { id, invoiceNumber, message: `Coupa invoice ${invoiceNumber ?? "without a number"} (id ${id ?? "?"}): ${message}`, raw } });
  if (id === null || invoiceNumber === null) return fail("no invoice-number");
  const paid = flag(raw.paid);
  if (paid === undefined) return fail(`paid is ${JSON.stringify(raw.paid)}, not a boolean`);
  const payments = Array.isArray(raw.payments) ? raw.payments.map(object) : [];
  const paymentDates: Date[] = [];
  for (const p of payments) {
    const d = instant(p["payment-date"]);
    if (d === undefined) return fail(`a payment's payment-date ${JSON.stringify(p["payment-date"])} is not a timestamp with an offset`);
    if (d !== null) paymentDates.push(d);
  }
  const own = instant(raw["payment-date"]);
  if (own === undefined) return fail(`payment-date ${JSON.stringify(raw["payment-date"])} is not a timestamp with an offset`);
  const latest = paymentDates.reduce<Date | null>((a, d) => (a === null || d > a ? d : a), null);
  const paymentDate = paid ? (own ?? latest) : own;
  if (paid && paymentDate === null) return fail("paid, but neither the invoice nor a payment has a payment-date");
  const supplier = object(raw.supplier);
  return {
    ok: true,
    row: {
      id, invoiceNumber, paid, paymentDate,
      status: text(raw.status),
      supplierId: typeof supplier.id === "number" ? supplier.id : null,
      supplierNumber: text(supplier.number),
      amountDue: typeof raw["amount-due"] === "string" ? raw["amount-due"] : null,
      currency: text(object(raw.currency).code),
      paymentNotes: payments.map((p) => text(p.notes)).filter((n): n is string => n !== null),
      raw,
    },
  };
}

export interface InvoiceReadOptions {
  window?: ReadWindow;
  /**
   * Coupa query parameters a windowed or whole read adds (`systems.coupa.invoiceFilter`, e.g.
   * `invoice-number[starts_with]=REB-`); not a read by `ids` (an invoice held in quarantine is read
   * again whatever the filter).
   */
  filter?: string;
  /** Only the invoices with these Coupa ids (`id[in]`, a page's worth per read), whatever their `updated-at`. */
  ids?: readonly number[];
  signal?: AbortSignal;
}

/** Ids per `id[in]` read: one page (Coupa sends at most 50 records). */
const IDS_PER_READ = 50;

/** Invoices changed in `window` (by `updated-at`), or those with `ids`, or all of them, page by page. */
export async function* readInvoices(get: CoupaGet, options: InvoiceReadOptions = {}): AsyncGenerator<InvoicePage> {
  if (options.ids !== undefined) {
    const ids = [...new Set(options.ids)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += IDS_PER_READ) {
      yield* invoicePages(get, { where: `id[in]=${ids.slice(i, i + IDS_PER_READ).join(",")}`, ...(options.signal ? { signal: options.signal } : {}) });
    }
    return;
  }
  yield* invoicePages(get, { ...(options.window ? { window: options.window } : {}), ...(options.filter ? { where: options.filter } : {}), ...(options.signal ? { signal: options.signal } : {}) });
}

async function* invoicePages(get: CoupaGet, o: { window?: ReadWindow; where?: string; signal?: AbortSignal }): AsyncGenerator<InvoicePage> {
  for await (const page of readCoupaPages(get, "invoices", { fields: [], ...o })) {
    const rows: CoupaInvoiceRow[] = [];
    const problems: InvoiceProblem[] = [];
    for (const raw of page.records) {
      const r = toInvoiceRow(raw);
      if (r.ok) rows.push(r.row);
      else problems.push(r.problem);
    }
    yield { rows, problems, ...(page.coveredUntil ? { coveredUntil: page.coveredUntil } : {}) };
  }
}
