// A Coupa instance for the emulator tests: five hand-made invoices for the filter operators, and
// 123 generated suppliers for paging.
import type { SandboxCredentials, SandboxData } from "../../../src/sandbox/contracts.js";

export const credentials: SandboxCredentials["coupa"] = {
  clientId: "partner-sync",
  clientSecret: "s3cret",
  scopes: ["core.supplier.read", "core.invoice.read", "core.pay.payments.read"],
};

export const T0 = new Date("2026-05-10T00:00:00Z");
export const SUPPLIER_COUNT = 123;

export function coupaSeed(): SandboxData["coupa"] {
  const suppliers = Array.from({ length: SUPPLIER_COUNT }, (_, i) => ({
    id: i + 1,
    name: `Supplier ${i + 1}`,
    number: `S-${String(i + 1).padStart(4, "0")}`,
    status: i % 5 === 0 ? "inactive" : "active",
    "on-hold": i % 7 === 0,
    "payment-method": i % 2 === 0 ? "invoice" : "ach",
    "remit-to-addresses": [{ id: 1000 + i, "street1": `${i} Main St`, city: i % 3 === 0 ? "Denver" : "Austin" }],
    "updated-at": new Date(Date.UTC(2026, 3, 1) + (i % 10) * 3_600_000).toISOString(),
  }));
  const invoice = (id: number, number: string, status: string, supplier: { id: number; number: string }, code: string, gross: string | number, due: string, paid: boolean, paymentDate: string | null, updated: string, payments: unknown[] = []) => ({
    id,
    "invoice-number": number,
    status,
    supplier,
    currency: { code },
    "gross-total": gross,
    "amount-due": due,
    paid,
    "payment-date": paymentDate,
    payments,
    "updated-at": updated,
  });
  const s1 = { id: 1, number: "S-0001" };
  const s2 = { id: 2, number: "S-0002" };
  return {
    records: {
      suppliers,
      supplier_information: [
        {
          id: 1,
          "supplier-id": 1,
          status: "approved",
          "hold-payment-indicator": false,
          "supplier-information-addresses": [
            { kind: "RTA", active: true, "bank-account-number": "12345678", "iban-number": null, "swift-code": "BOFAUS3N", "bank-name": "Bank of America" },
            { kind: "Primary", active: true, "bank-account-number": null, "iban-number": null, "swift-code": null, "bank-name": null },
          ],
        },
        { id: 2, "supplier-id": 2, status: "draft", "hold-payment-indicator": true, "supplier-information-addresses": [] },
      ],
      invoices: [
        invoice(1, "INV-001", "approved", s1, "USD", "1250.00", "1250.00", false, null, "2026-05-01T10:00:00Z"),
        invoice(2, "INV-002", "paid", s2, "EUR", "99.50", "0.00", true, "2026-04-20T00:00:00Z", "2026-05-01T03:00:00-07:00", [{ id: 7, "amount-paid": "99.50" }]),
        invoice(3, "INV-003", "pending_approval", s1, "USD", "10000.00", "10000.00", false, null, "2026-05-02T00:00:00Z"),
        invoice(4, "INV-0104", "voided", { id: 3, number: "S-0003" }, "USD", "250.75", "250.75", false, null, "2026-04-30T23:59:59Z"),
        invoice(5, "XINV-5", "paid", s2, "USD", 75, "0.00", true, "2026-04-01T12:00:00Z", "2026-04-02T00:00:00Z", [{ id: 8, "amount-paid": "75.00" }]),
      ],
    },
  };
}
