// The Coupa resources the emulator serves, with the scope each needs, its XML element names and the
// attributes it always has (so a filter on an attribute no seed record happens to carry is still valid).
export interface CoupaResource {
  /** Path under /api, e.g. "suppliers". */
  readonly path: string;
  /** Key in SandboxData["coupa"].records. */
  readonly seedKey: string;
  readonly scope: string;
  /** XML root and item element names (Rails-style, as Coupa's XML uses them). */
  readonly xmlRoot: string;
  readonly xmlItem: string;
  readonly attributes: readonly string[];
}

export const COUPA_RESOURCES: readonly CoupaResource[] = [
  {
    path: "suppliers",
    seedKey: "suppliers",
    scope: "core.supplier.read",
    xmlRoot: "suppliers",
    xmlItem: "supplier",
    attributes: ["id", "name", "number", "status", "on-hold", "remit-to-addresses", "payment-method", "created-at", "updated-at"],
  },
  {
    // Coupa files supplier information under the supplier scopes *(choice)*: core.supplier.read.
    path: "supplier_information",
    seedKey: "supplier_information",
    scope: "core.supplier.read",
    xmlRoot: "supplier-informations",
    xmlItem: "supplier-information",
    attributes: ["id", "supplier-id", "status", "hold-payment-indicator", "supplier-information-addresses", "created-at", "updated-at"],
  },
  {
    path: "invoices",
    seedKey: "invoices",
    scope: "core.invoice.read",
    xmlRoot: "invoice-headers",
    xmlItem: "invoice-header",
    attributes: ["id", "invoice-number", "status", "supplier", "currency", "gross-total", "amount-due", "paid", "payment-date", "payments", "created-at", "updated-at"],
  },
  {
    // Coupa Pay payments *(choice)*: served from seed key "payments" when a data folder has them.
    path: "coupa_pay/payments",
    seedKey: "payments",
    scope: "core.pay.payments.read",
    xmlRoot: "payments",
    xmlItem: "payment",
    attributes: ["id", "status", "created-at", "updated-at"],
  },
];

/** Coupa treats `updated_at` and `updated-at` as the same name. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/_/g, "-");
}
