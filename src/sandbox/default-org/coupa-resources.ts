// Coupa serves no schema, so the resources the worker reads are documented here as data: the demo
// generator's tests check its records against these paths, and rule-fields.ts points into them.
// Paths use `a.b` for nested objects and `a[].b` for arrays of objects (systems.md, Coupa).

export type CoupaFieldType = "integer" | "string" | "decimal-string" | "boolean" | "datetime" | "date" | "object" | "array";

export interface CoupaFieldDoc {
  path: string;
  type: CoupaFieldType;
  meaning: string;
  /** A closed set of values the default instance uses. */
  values?: readonly string[];
}

export interface CoupaResourceDoc {
  name: "suppliers" | "supplier_information" | "invoices";
  fields: CoupaFieldDoc[];
}

export const COUPA_SUPPLIER_STATUSES = ["active", "inactive", "draft"] as const;
export const COUPA_SUPPLIER_INFO_STATUSES = ["approved", "pending_approval", "draft", "rejected"] as const;
export const COUPA_INVOICE_STATUSES = ["draft", "pending_approval", "approved", "on_hold", "disputed", "voided"] as const;
export const COUPA_PAYMENT_METHODS = ["ACH", "Wire", "Virtual Card", "Check"] as const;

export const coupaResources: CoupaResourceDoc[] = [
  {
    name: "suppliers",
    fields: [
      { path: "id", type: "integer", meaning: "Coupa supplier id (Account.Coupa_Supplier_Id__c)" },
      { path: "name", type: "string", meaning: "Legal name of the partner" },
      { path: "display-name", type: "string", meaning: "Name shown in Coupa" },
      { path: "number", type: "string", meaning: "Supplier number, the key to Account.Coupa_Supplier_Number__c" },
      { path: "status", type: "string", meaning: "active suppliers can be paid (PAY-3)", values: COUPA_SUPPLIER_STATUSES },
      { path: "on-hold", type: "boolean", meaning: "payments held (PAY-3: not connected)" },
      { path: "payment-method", type: "string", meaning: "default payment method", values: COUPA_PAYMENT_METHODS },
      { path: "remit-to-addresses", type: "array", meaning: "where payments go" },
      { path: "remit-to-addresses[].id", type: "integer", meaning: "remit-to address id" },
      { path: "remit-to-addresses[].remit-to-code", type: "string", meaning: "supplier's code for the address" },
      { path: "remit-to-addresses[].name", type: "string", meaning: "payee name" },
      { path: "remit-to-addresses[].street1", type: "string", meaning: "street" },
      { path: "remit-to-addresses[].city", type: "string", meaning: "city" },
      { path: "remit-to-addresses[].postal-code", type: "string", meaning: "postal code" },
      { path: "remit-to-addresses[].country", type: "object", meaning: "country" },
      { path: "remit-to-addresses[].country.code", type: "string", meaning: "ISO country code" },
      { path: "remit-to-addresses[].active", type: "boolean", meaning: "address in use (PAY-3)" },
      { path: "created-at", type: "datetime", meaning: "creation instant, with offset" },
      { path: "updated-at", type: "datetime", meaning: "last change, with offset; the read watermark" },
    ],
  },
  {
    name: "supplier_information",
    fields: [
      { path: "id", type: "integer", meaning: "supplier information id" },
      { path: "supplier-id", type: "integer", meaning: "the supplier it describes" },
      { path: "name", type: "string", meaning: "supplier name as submitted" },
      { path: "status", type: "string", meaning: "approved information counts for PAY-3", values: COUPA_SUPPLIER_INFO_STATUSES },
      { path: "hold-payment-indicator", type: "boolean", meaning: "payments held (PAY-3: not connected)" },
      { path: "supplier-information-addresses", type: "array", meaning: "addresses with bank details" },
      { path: "supplier-information-addresses[].id", type: "integer", meaning: "address id" },
      { path: "supplier-information-addresses[].kind", type: "string", meaning: "RTA = remit-to, Primary = postal", values: ["RTA", "Primary"] },
      { path: "supplier-information-addresses[].active", type: "boolean", meaning: "address in use" },
      { path: "supplier-information-addresses[].street1", type: "string", meaning: "street" },
      { path: "supplier-information-addresses[].city", type: "string", meaning: "city" },
      { path: "supplier-information-addresses[].postal-code", type: "string", meaning: "postal code" },
      { path: "supplier-information-addresses[].country", type: "object", meaning: "country" },
      { path: "supplier-information-addresses[].country.code", type: "string", meaning: "ISO country code" },
      { path: "supplier-information-addresses[].payment-method-item", type: "string", meaning: "how this address is paid", values: COUPA_PAYMENT_METHODS },
      { path: "supplier-information-addresses[].bank-name", type: "string", meaning: "bank" },
      { path: "supplier-information-addresses[].bank-account-number", type: "string", meaning: "account number (masked); present = banking (PAY-3)" },
      { path: "supplier-information-addresses[].iban-number", type: "string", meaning: "IBAN (masked); present = banking (PAY-3)" },
      { path: "supplier-information-addresses[].swift-code", type: "string", meaning: "BIC/SWIFT" },
      { path: "updated-at", type: "datetime", meaning: "last change, with offset" },
    ],
  },
  {
    name: "invoices",
    fields: [
      { path: "id", type: "integer", meaning: "invoice id" },
      { path: "invoice-number", type: "string", meaning: "key to Partner_Rebate__c.Coupa_Invoice_Number__c" },
      { path: "invoice-date", type: "date", meaning: "date on the invoice" },
      { path: "status", type: "string", meaning: "approval state", values: COUPA_INVOICE_STATUSES },
      { path: "supplier", type: "object", meaning: "the partner paid" },
      { path: "supplier.id", type: "integer", meaning: "supplier id" },
      { path: "supplier.number", type: "string", meaning: "supplier number" },
      { path: "currency", type: "object", meaning: "invoice currency" },
      { path: "currency.code", type: "string", meaning: "ISO currency code" },
      { path: "gross-total", type: "decimal-string", meaning: "amount, decimal as a string" },
      { path: "amount-due", type: "decimal-string", meaning: "what is still unpaid" },
      { path: "paid", type: "boolean", meaning: "fully paid (PAY-4 PAID)" },
      { path: "payment-date", type: "datetime", meaning: "when it was paid, null while unpaid" },
      { path: "payments", type: "array", meaning: "payments made" },
      { path: "payments[].amount-paid", type: "decimal-string", meaning: "amount of one payment" },
      { path: "payments[].payment-date", type: "datetime", meaning: "instant of one payment" },
      { path: "payments[].notes", type: "string", meaning: "remittance note (carries the accrual key)" },
      { path: "created-at", type: "datetime", meaning: "creation instant" },
      { path: "updated-at", type: "datetime", meaning: "last change; the read watermark" },
    ],
  },
];
