// Suppliers joined with their supplier_information rows, with the PAY-3 banking status of each.
// Banking details live in supplier information, which changes without the supplier's own
// `updated-at` moving, so an incremental read takes the suppliers changed in the window AND the
// suppliers whose information changed in it.
import type { SupplierBankingStatus } from "../../domain/supplier-banking.js";
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { ReadWindow } from "../connector.js";
import { bankingStatus } from "./banking-status.js";
import { COUPA_PAGE_CAP, type CoupaGet, readCoupaPages } from "./coupa-reader.js";

export interface SupplierBankingRow {
  supplier: JsonRecord;
  supplierInformation: JsonRecord[];
  status: SupplierBankingStatus;
}

export interface SupplierBankingPage {
  rows: SupplierBankingRow[];
  /** The window's end, on the last page of a windowed read. */
  coveredUntil?: Date;
}

async function all(get: CoupaGet, resource: string, where: string, signal?: AbortSignal): Promise<JsonRecord[]> {
  const out: JsonRecord[] = [];
  for await (const page of readCoupaPages(get, resource, { fields: [], where, ...(signal ? { signal } : {}) })) out.push(...page.records);
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function join(get: CoupaGet, suppliers: readonly JsonRecord[], signal?: AbortSignal): Promise<SupplierBankingRow[]> {
  const ids = suppliers.map((s) => s.id);
  const infos = ids.length === 0 ? [] : await all(get, "supplier_information", `supplier-id[in]=${ids.join(",")}`, signal);
  const bySupplier = new Map<unknown, JsonRecord[]>();
  for (const info of infos) bySupplier.set(info["supplier-id"], [...(bySupplier.get(info["supplier-id"]) ?? []), info]);
  return suppliers.map((supplier) => {
    const supplierInformation = bySupplier.get(supplier.id) ?? [];
    return { supplier, supplierInformation, status: bankingStatus(supplier, supplierInformation) };
  });
}

export async function* readSupplierBanking(get: CoupaGet, options: { window?: ReadWindow; signal?: AbortSignal } = {}): AsyncGenerator<SupplierBankingPage> {
  const { window, signal } = options;
  const spec = { fields: [], ...(window ? { window } : {}), ...(signal ? { signal } : {}) };
  const seen = new Set<unknown>();
  for await (const page of readCoupaPages(get, "suppliers", spec)) {
    for (const s of page.records) seen.add(s.id);
    yield { rows: await join(get, page.records, signal) };
  }
  if (!window) return;
  const changedInfo = new Set<unknown>();
  for await (const page of readCoupaPages(get, "supplier_information", { ...spec, fields: ["supplier-id"] })) {
    for (const info of page.records) if (!seen.has(info["supplier-id"])) changedInfo.add(info["supplier-id"]);
  }
  const ids = [...changedInfo].filter((id): id is number => typeof id === "number");
  for (const batch of chunks(ids, COUPA_PAGE_CAP)) {
    const suppliers = await all(get, "suppliers", `id[in]=${batch.join(",")}`, signal);
    yield { rows: await join(get, suppliers, signal) };
  }
  yield { rows: [], coveredUntil: window.end };
}
