// `PATCH /composite/sobjects/{SObject}/{ExternalIdField}`: up to 200 records, HTTP 200 whatever
// happens to them, one result per record in request order; allOrNone stores nothing unless all pass.
import { http, type HttpHandler } from "msw";
import type { JsonRecord } from "../contracts.js";
import { apiRoute, type ApiCall } from "./api-route.js";
import type { SfOrg } from "./org.js";
import { json, restError } from "./responses.js";
import { extFieldOf, jsonBody, tableOf } from "./sobject-routes.js";
import { applyUpsert, planUpsert, type UpsertPlan } from "./upsert.js";

const MAX_RECORDS = 200;

export function collectionsHandlers(org: SfOrg): HttpHandler[] {
  return [http.patch("*/services/data/:version/composite/sobjects/:sobject/:extField", apiRoute(org, (c) => upsertMany(org, c)))];
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
  if (records.length > MAX_RECORDS) {
    return restError(400, "EXCEEDED_ID_LIMIT", `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
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
    if (allOrNone && failed) {
      return {
        success: false,
        created: false,
        errors: [{ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK", message: "Record rolled back because not all records were valid and the request was using AllOrNone header", fields: [] }],
      };
    }
    return { id: applyUpsert(org, table, p), success: true, created: p.create, errors: [] };
  });
  return json(results);
}
