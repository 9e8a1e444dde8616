// PAY-3 banking tri-state of a Coupa supplier, from the supplier and its supplier_information rows
// as the API returns them (hyphenated keys). Pure: the reader joins, this decides.
//
// connected     — an active supplier, not on hold, with an approved supplier information (not
//                 holding payments) that has an active RTA (remit-to) address carrying a bank account
//                 number or an IBAN (systems.md; program-rules PAY-3 Interpretation).
// remit_to_only — an active supplier, not on hold, with an active remit-to address but no usable
//                 bank details: its RTA addresses lack them, or the information carrying them is not
//                 approved yet. It can be invoiced, not paid by bank.
// none          — anything else: inactive or on-hold supplier, payments held in its information, or
//                 no active remit-to address at all.
// Edge cases, decided here: text flags compare case-insensitively; a blank or whitespace account
// number is no account; `active` absent on an address counts as active (Coupa omits it on older
// records), `active: false` does not; a swift code or bank name alone is not bank details.
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { SupplierBankingStatus } from "../../domain/supplier-banking.js";

const text = (v: unknown): string => (typeof v === "string" ? v.trim().toLowerCase() : "");
const present = (v: unknown): boolean => (typeof v === "string" ? v.trim() !== "" : typeof v === "number");
const isTrue = (v: unknown): boolean => v === true || text(v) === "true";
const activeAddress = (a: JsonRecord): boolean => a.active !== false && text(a.active) !== "false";
const isRta = (a: JsonRecord): boolean => text(a.kind) === "rta";
const hasBankDetails = (a: JsonRecord): boolean => present(a["bank-account-number"]) || present(a["iban-number"]);

function addresses(info: JsonRecord): JsonRecord[] {
  const list = info["supplier-information-addresses"];
  return Array.isArray(list) ? list.filter((a): a is JsonRecord => typeof a === "object" && a !== null) : [];
}

export function bankingStatus(supplier: JsonRecord | null | undefined, supplierInformation: readonly JsonRecord[]): SupplierBankingStatus {
  if (!supplier || text(supplier.status) !== "active" || isTrue(supplier["on-hold"])) return "none";
  const infos = supplierInformation.filter((i) => i["supplier-id"] === undefined || i["supplier-id"] === supplier.id);
  if (infos.some((i) => isTrue(i["hold-payment-indicator"]))) return "none";
  const approvedRtas = infos.filter((i) => text(i.status) === "approved").flatMap(addresses).filter((a) => isRta(a) && activeAddress(a));
  if (approvedRtas.some(hasBankDetails)) return "connected";
  const infoRtas = infos.flatMap(addresses).filter((a) => isRta(a) && activeAddress(a));
  const remitTos = Array.isArray(supplier["remit-to-addresses"]) ? (supplier["remit-to-addresses"] as unknown[]) : [];
  const supplierRemitTos = remitTos.filter((a): a is JsonRecord => typeof a === "object" && a !== null && activeAddress(a as JsonRecord));
  return infoRtas.length > 0 || supplierRemitTos.length > 0 ? "remit_to_only" : "none";
}
