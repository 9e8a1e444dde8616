// The World `partner-sync rules explain <entity> <id>` judges one record in: the record read by key
// from every system that holds it (normalized and joined as a sync page does), what a sync page loads
// with it for the rules (related-records.ts: partners and their people, a registration's siblings,
// opportunities, accruals, evaluation licenses and banking; an evaluation license's registration with
// that whole group, EVAL-1), plus what that record's own rules look at beyond a page —
// an opportunity's registrations and the account's other purchases (DR-5, REN-4), a partner's other
// NFR licenses (NFR-2), a lead's converted registration (LEAD-2). Reads only; writes nothing.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { WorldInput } from "./decide/world.js";
import { joinRecords, mergedValue, type JoinedRecord } from "./join.js";
import { keysReferencing, loadByKeys, loadJoined, mergeJoined } from "./load-joined.js";
import type { RecordFailure } from "./normalize.js";
import type { PassContext } from "./pass-context.js";
import { loadRelated } from "./related-records.js";
import { worldInput } from "./world-input.js";

export type ExplainWorld =
  | { kind: "found"; input: WorldInput; newlyApprovedIds: Set<string> }
  /** No system holds a record of that key. */
  | { kind: "missing" }
  /** A system holds it, but it does not normalize (it would be quarantined by a sync). */
  | { kind: "unreadable"; failures: RecordFailure[] };

export async function loadExplainWorld(ctx: PassContext, entity: EntityName, id: string): Promise<ExplainWorld> {
  const spec = ctx.specs.get(entity);
  if (!spec) return { kind: "missing" };
  const read = await loadByKeys(ctx, spec, [id]);
  const failures = read.failures.filter((f) => f.entity === entity && f.key === id);
  if (failures.length > 0) return { kind: "unreadable", failures };
  const own = joinRecords(spec, read.records.filter((r) => r.key === id));
  const record = own.get(id);
  if (!record) return { kind: "missing" };

  // Every partner's people are loaded below, whatever the page would load (worldInput is given no loaded people).
  const related = (await loadRelated(ctx, spec, own)).records;
  const of = (e: EntityName) => related.get(e) ?? related.set(e, new Map()).get(e)!;
  const add = (e: EntityName, m: ReadonlyMap<string, JoinedRecord>) => mergeJoined(of(e), m);
  const value = (field: string): unknown => mergedValue(spec, record, field);
  const text = (field: string): string[] => {
    const v = value(field);
    return typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  };

  if (entity === "Opportunity") {
    // DR-5 judges the opportunity's registrations (and a page of them brings their partners, accruals…).
    const regs = await loadJoined(ctx, "DealRegistration", await keysReferencing(ctx, "DealRegistration", "salesforce", "Opportunity__c", [id]));
    const regSpec = ctx.specs.get("DealRegistration");
    if (regSpec && regs.size > 0) for (const [e, m] of (await loadRelated(ctx, regSpec, regs)).records) add(e, m);
    // REN-4: the account's other purchases.
    const account = text("accountId");
    if (account.length > 0) add("Opportunity", await loadJoined(ctx, "Opportunity", await keysReferencing(ctx, "Opportunity", "salesforce", "AccountId", account)));
    // Q-2, REN-1..4: the reseller, the incumbent, the co-selling partners.
    add("Partner", await loadJoined(ctx, "Partner", [...text("resoldByPartnerId"), ...text("incumbentPartnerId"), ...text("coSellPartnerIds")].filter((k) => !of("Partner").has(k))));
  }
  if (entity === "NfrLicense") {
    // NFR-2/NFR-4: the partner's other licenses (one active per type; an add-on's base license).
    add("NfrLicense", await loadJoined(ctx, "NfrLicense", await keysReferencing(ctx, "NfrLicense", "portal", "Account", text("partnerId"))));
  }
  if (entity === "Prospect") {
    // LEAD-2: the registration the lead was converted to (its submission date).
    add("DealRegistration", await loadJoined(ctx, "DealRegistration", text("convertedRegistrationId")));
  }
  // People of partners added above (ELIG-2 trainings, NFR-1 certifications).
  const people = await keysReferencing(ctx, "PartnerPerson", "portal", "Account", [...of("Partner").keys()]);
  add("PartnerPerson", await loadJoined(ctx, "PartnerPerson", people.filter((k) => !of("PartnerPerson").has(k))));

  // DR-8 as a sync pass sees it: Approved in Salesforce, not yet on the portal.
  const newlyApprovedIds = new Set<string>();
  for (const j of of("DealRegistration").values()) {
    if (j.views.salesforce?.values.status === "Approved" && j.views.portal?.values.status !== "Approved") newlyApprovedIds.add(j.key);
  }
  return { kind: "found", input: worldInput(ctx.specs, related), newlyApprovedIds };
}
