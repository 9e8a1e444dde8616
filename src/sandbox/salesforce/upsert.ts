// Upsert of one record by an external id, shared by the single, collections and Bulk API routes:
// plan (match, validate, injected faults) first, apply after, so allOrNone can refuse them all.
import type { JsonRecord, SfFieldDescribe } from "../contracts.js";
import type { SfOrg } from "./org.js";
import { checkWrite, type RecordError } from "./record-validation.js";
import type { SObjectTable } from "./sobject-table.js";

export type UpsertPlan =
  | { ok: true; create: true; values: JsonRecord }
  | { ok: true; create: false; id: string; values: JsonRecord }
  | { ok: false; error: RecordError; matches?: string[] };

export function planUpsert(org: SfOrg, table: SObjectTable, extField: SfFieldDescribe, input: JsonRecord): UpsertPlan {
  const extKey = Object.keys(input).find((k) => k.toLowerCase() === extField.name.toLowerCase());
  const extValue = extKey === undefined ? undefined : input[extKey];
  if (extValue === undefined || extValue === null || extValue === "") {
    return { ok: false, error: { statusCode: "MISSING_ARGUMENT", message: `${extField.name} not specified`, fields: [] } };
  }
  const injected = org.faults.recordError(table.name, extValue);
  if (injected) return { ok: false, error: injected };
  const matches = org.store.findBy(table.name, extField.name, extValue);
  if (matches.length > 1) {
    return {
      ok: false,
      matches,
      error: { statusCode: "DUPLICATE_EXTERNAL_ID", message: `${extField.name}: more than one record found for external id field: [${matches.join(", ")}]`, fields: [] },
    };
  }
  const id = matches[0];
  const rest: JsonRecord = {};
  for (const [k, v] of Object.entries(input)) if (k !== extKey || id === undefined) rest[k] = v;
  const checked = checkWrite(table, rest, id === undefined ? "create" : "update");
  if (!checked.ok) return { ok: false, error: checked.error };
  const dup = duplicateValue(org, table, checked.values, id);
  if (dup) return { ok: false, error: dup };
  return id === undefined ? { ok: true, create: true, values: checked.values } : { ok: true, create: false, id, values: checked.values };
}

export function applyUpsert(org: SfOrg, table: SObjectTable, plan: Extract<UpsertPlan, { ok: true }>): string {
  if (plan.create) return org.store.insert(table.name, plan.values, { validated: true }).Id as string;
  org.store.update(table.name, plan.id, plan.values);
  return plan.id;
}

export function duplicateValue(org: SfOrg, table: SObjectTable, values: JsonRecord, selfId: string | undefined): RecordError | undefined {
  for (const f of table.uniqueFields) {
    if (values[f.name] === undefined || values[f.name] === null) continue;
    const other = org.store.findBy(table.name, f.name, values[f.name]).find((id) => id !== selfId);
    if (other) {
      return { statusCode: "DUPLICATE_VALUE", message: `duplicate value found: ${f.name} duplicates value on record with id: ${other}`, fields: [f.name] };
    }
  }
  return undefined;
}
