// Update of one record by its Salesforce Id, shared by the single (`PATCH /sobjects/{Obj}/{id}`) and
// collections (`PATCH /composite/sobjects`) routes: plan (find, validate, injected faults) first,
// apply after, so allOrNone can refuse them all. Never creates: an update names a record that exists.
import type { JsonRecord } from "../contracts.js";
import type { SfOrg } from "./org.js";
import { checkWrite, type RecordError } from "./record-validation.js";
import { isSfId, normalizeId } from "./sf-id.js";
import type { SObjectTable } from "./sobject-table.js";
import { duplicateValue } from "./upsert.js";

export type UpdatePlan =
  | { ok: true; id: string; values: JsonRecord }
  /** `missing`: the Id names no live record of the table (the single route answers 404 for it). */
  | { ok: false; error: RecordError; missing?: "not-found" | "deleted" };

const err = (statusCode: string, message: string, fields: string[] = []): RecordError => ({ statusCode, message, fields });

/** `input` holds the fields to set; `Id`/`id`/`attributes` in it are the record's address, not values. */
export function planUpdate(org: SfOrg, table: SObjectTable, rawId: unknown, input: JsonRecord): UpdatePlan {
  if (rawId === undefined || rawId === null || rawId === "") return { ok: false, error: err("MISSING_ARGUMENT", "Id not specified in an update call") };
  const text = String(rawId);
  if (!isSfId(text)) return { ok: false, error: err("MALFORMED_ID", `${table.name} ID: id value of incorrect type: ${text}`, ["Id"]) };
  // An Id of another object (its 3-character key prefix) is a wrong type, not a missing record.
  if (text.slice(0, 3) !== table.keyPrefix) return { ok: false, error: err("MALFORMED_ID", `${table.name} ID: id value of incorrect type: ${text}`, ["Id"]) };
  const id = normalizeId(text);
  const row = org.store.get(table.name, id);
  // Salesforce: a record in the recycle bin is ENTITY_IS_DELETED; one that never existed (or was
  // purged) is an invalid cross reference.
  if (!row) return { ok: false, missing: "not-found", error: err("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id") };
  if (row.IsDeleted) return { ok: false, missing: "deleted", error: err("ENTITY_IS_DELETED", "entity is deleted") };
  const injected = org.faults.recordError(table.name, id);
  if (injected) return { ok: false, error: injected };
  const rest: JsonRecord = {};
  for (const [k, v] of Object.entries(input)) if (k !== "attributes" && k.toLowerCase() !== "id") rest[k] = v;
  const checked = checkWrite(table, rest, "update");
  if (!checked.ok) return { ok: false, error: checked.error };
  const dup = duplicateValue(org, table, checked.values, id);
  if (dup) return { ok: false, error: dup };
  return { ok: true, id, values: checked.values };
}

export function applyUpdate(org: SfOrg, table: SObjectTable, plan: Extract<UpdatePlan, { ok: true }>): string {
  org.store.update(table.name, plan.id, plan.values);
  return plan.id;
}
