// sObject Collections writes: upsert `PATCH /composite/sobjects/{SObject}/{ExternalIdField}` and
// update by Id `PATCH /composite/sobjects`. Up to 200 records, HTTP 200 whatever happens to them, one
// result per record in request order; allOrNone stores nothing unless all pass.
import { http, type HttpHandler } from "msw";
import type { JsonRecord } from "../contracts.js";
import { apiRoute, type ApiCall } from "./api-route.js";
import type { SfOrg } from "./org.js";
import { json, restError } from "./responses.js";
import { extFieldOf, jsonBody, tableOf } from "./sobject-routes.js";
import type { SObjectTable } from "./sobject-table.js";
import { applyUpdate, planUpdate, type UpdatePlan } from "./update.js";
import { applyUpsert, planUpsert, type UpsertPlan } from "./upsert.js";

const MAX_RECORDS = 200;

export function collectionsHandlers(org: SfOrg): HttpHandler[] {
  return [
    http.patch("*/services/data/:version/composite/sobjects", apiRoute(org, (c) => updateMany(org, c))),
    http.patch("*/services/data/:version/composite/sobjects/:sobject/:extField", apiRoute(org, (c) => upsertMany(org, c))),
  ];
}

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

async function upsertMany(org: SfOrg, call: ApiCall): Promise<Response> {
  const table = tableOf(org, call);
  const ext = extFieldOf(table, call.params.extField ?? "");
  const body = (await jsonBody(call.request)) as { allOrNone?: boolean; records?: JsonRecord[] };
  const records = Array.isArray(body?.records) ? body.records : [];
  if (records.length > MAX_RECORDS) return tooMany();
  const allOrNone = body.allOrNone === true;
  const seen = new Map<string, number>();
  for (const r of records) {
    const key = String(r[ext.name] ?? "").toLowerCase();
    if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const plans: UpsertPlan[] = records.map((r) => {
    const type = (r.attributes as { type?: string } | undefined)?.type;
    if (type !== undefined && type.toLowerCase() !== table.name.toLowerCase()) {
      return { ok: false, error: { statusCode: "INVALID_TYPE", message: `Record type ${type} does not match ${table.name}`, fields: [] } };
    }
    const key = String(r[ext.name] ?? "").toLowerCase();
    if (key && (seen.get(key) ?? 0) > 1) {
      return { ok: false, error: { statusCode: "DUPLICATE_EXTERNAL_ID", message: `Duplicate external id specified: ${String(r[ext.name])}`, fields: [ext.name] } };
    }
    return planUpsert(org, table, ext, r);
  });
  const failed = plans.some((p) => !p.ok);
  const results: SaveResult[] = plans.map((p) => {
    if (!p.ok) return { success: false, created: false, errors: [p.error] };
    if (allOrNone && failed) return { ...ROLLED_BACK, created: false };
    return { id: applyUpsert(org, table, p), success: true, created: p.create, errors: [] };
  });
  return json(results);
}

/**
 * Update by Id: each record names its type (`attributes.type`) and its `id` (jsforce sends `id`;
 * `Id` is accepted too). Results carry no `created`, as Salesforce's update SaveResults don't.
 */
async function updateMany(org: SfOrg, call: ApiCall): Promise<Response> {
  const body = (await jsonBody(call.request)) as { allOrNone?: boolean; records?: JsonRecord[] };
  const records = Array.isArray(body?.records) ? body.records : [];
  if (records.length > MAX_RECORDS) return tooMany();
  const plans: { plan: UpdatePlan; table?: SObjectTable }[] = records.map((r) => {
    const type = (r.attributes as { type?: unknown } | undefined)?.type;
    if (typeof type !== "string" || type === "") return { plan: { ok: false, error: { statusCode: "INVALID_TYPE", message: "Must specify a type in the attributes map", fields: [] } } };
    const table = org.store.table(type);
    if (!table) return { plan: { ok: false, error: { statusCode: "INVALID_TYPE", message: `sObject type '${type}' is not supported.`, fields: [] } } };
    return { plan: planUpdate(org, table, r.id ?? r.Id, r), table };
  });
  const allOrNone = body.allOrNone === true;
  const failed = plans.some((p) => !p.plan.ok);
  const results: SaveResult[] = plans.map(({ plan, table }) => {
    if (!plan.ok) return { success: false, errors: [plan.error] };
    if (allOrNone && failed) return { ...ROLLED_BACK, id: plan.id };
    return { id: applyUpdate(org, table!, plan), success: true, errors: [] };
  });
  return json(results);
}

const ROLLED_BACK: SaveResult = {
  success: false,
  errors: [{ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK", message: "Record rolled back because not all records were valid and the request was using AllOrNone header", fields: [] }],
};

const tooMany = () => restError(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
