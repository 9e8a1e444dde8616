// Which partner each Coupa supplier is (docs/default-org.md "The keys that link the systems"): the
// Salesforce partner Account whose `Coupa_Supplier_Id__c` (the banking mapping's coupa id field) holds
// the supplier's `id`; for a supplier no Account names yet (a partner that so far exists only on the
// portal, or whose Account was created by the pass), the portal Account whose supplier number field
// holds the supplier's `number`. The partner's key is the portal Account id (canonical for partners).
import type { JsonRecord } from "../sandbox/contracts.js";
import { systemReader } from "../mapping/system-access.js";
import type { EntitySpec } from "./entity-specs.js";
import type { PassContext } from "./pass-context.js";
import { readByKeys } from "./system-access.js";

/**
 * The portal Account field holding the Coupa supplier number. Not a canonical field (no rule reads
 * it, nothing writes it): only this join does, so it is named here rather than in a mapping.
 */
export const PORTAL_SUPPLIER_NUMBER_FIELD = "Coupa_Supplier_Number__cf";

export interface SupplierMatch {
  partnerId: string;
  /** How the partner was found. */
  by: "salesforce-supplier-id" | "portal-supplier-number";
}

/** Partner of each supplier, by supplier id (as a string); suppliers no partner names are absent. */
export async function partnersOfSuppliers(ctx: PassContext, spec: EntitySpec, suppliers: readonly JsonRecord[]): Promise<Map<string, SupplierMatch>> {
  const out = new Map<string, SupplierMatch>();
  const ids = [...new Set(suppliers.map((s) => String(s.id)))];
  const sf = spec.sides.salesforce;
  const sfField = sf?.idFields.coupa;
  if (sf && sfField !== undefined && ids.length > 0) {
    for (const raw of await readByKeys(ctx.access, "salesforce", sf.object, sfField, ids, sf.converter.systemFields, ctx.signal)) {
      if (!sf.converter.accepts(raw)) continue;
      const r = sf.converter.toCanonical(raw);
      const supplierId = raw[sfField];
      // Two Accounts naming one supplier: the first read wins (the other is a duplicate to clean up).
      if (r.ok && r.keys.portal !== null && supplierId !== null && supplierId !== undefined && !out.has(String(supplierId))) {
        out.set(String(supplierId), { partnerId: r.keys.portal, by: "salesforce-supplier-id" });
      }
    }
  }
  const portal = spec.sides.portal;
  const unmatched = suppliers.filter((s) => !out.has(String(s.id)) && typeof s.number === "string" && s.number !== "");
  if (portal && unmatched.length > 0) {
    const numberOf = systemReader("portal", PORTAL_SUPPLIER_NUMBER_FIELD);
    const byNumber = new Map(unmatched.map((s) => [s.number as string, String(s.id)]));
    const raws = await readByKeys(ctx.access, "portal", portal.object, PORTAL_SUPPLIER_NUMBER_FIELD, [...byNumber.keys()], [...portal.converter.systemFields, PORTAL_SUPPLIER_NUMBER_FIELD], ctx.signal);
    for (const raw of raws) {
      const r = portal.converter.toCanonical(raw);
      const supplierId = byNumber.get(String(numberOf(raw)));
      if (r.ok && r.keys.portal !== null && supplierId !== undefined && !out.has(supplierId)) out.set(supplierId, { partnerId: r.keys.portal, by: "portal-supplier-number" });
    }
  }
  return out;
}
