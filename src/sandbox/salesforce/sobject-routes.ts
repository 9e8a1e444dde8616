// `/sobjects`: describe-global, describe, create, retrieve, update by Id, delete and single upsert by
// external id.
import { http, type HttpHandler } from "msw";
import type { JsonRecord, SfFieldDescribe } from "../contracts.js";
import { apiRoute, type ApiCall } from "./api-route.js";
import type { SfOrg } from "./org.js";
import { checkWrite } from "./record-validation.js";
import { json, empty, restError, RestFailure } from "./responses.js";
import type { SObjectTable } from "./sobject-table.js";
import { applyUpdate, planUpdate } from "./update.js";
import { applyUpsert, planUpsert } from "./upsert.js";

const BASE = "*/services/data/:version/sobjects";

export function sobjectHandlers(org: SfOrg): HttpHandler[] {
  return [
    http.get(BASE, apiRoute(org, () => describeGlobal(org))),
    http.get(`${BASE}/:sobject/describe`, apiRoute(org, (c) => json(tableOf(org, c).describe))),
    http.post(`${BASE}/:sobject`, apiRoute(org, (c) => create(org, c))),
    http.get(`${BASE}/:sobject/:id`, apiRoute(org, (c) => retrieve(org, c))),
    http.patch(`${BASE}/:sobject/:id`, apiRoute(org, (c) => updateOne(org, c))),
    http.delete(`${BASE}/:sobject/:id`, apiRoute(org, (c) => remove(org, c))),
    http.patch(`${BASE}/:sobject/:extField/:extValue`, apiRoute(org, (c) => upsertOne(org, c))),
  ];
}

export function tableOf(org: SfOrg, call: ApiCall): SObjectTable {
  const table = org.store.table(call.params.sobject ?? "");
  if (!table) throw new RestFailure(404, "NOT_FOUND", "The requested resource does not exist");
  return table;
}

/** The external id field an upsert names: 404 if unknown (systems.md), 400 if not an external id. */
export function extFieldOf(table: SObjectTable, name: string): SfFieldDescribe {
  const f = table.field(name);
  if (!f) throw new RestFailure(404, "NOT_FOUND", `Provided external ID field does not exist or is not accessible: ${name}`);
  if (!f.externalId) throw new RestFailure(400, "INVALID_FIELD", `Field ${f.name} is not an External ID or indexed field for ${table.name}`);
  return f;
}

export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new RestFailure(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
  }
}

function describeGlobal(org: SfOrg): Response {
  return json({
    encoding: "UTF-8",
    maxBatchSize: 200,
    sobjects: org.store.describes().map((d) => ({
      name: d.name,
      label: d.label ?? d.name,
      custom: d.custom,
      createable: true,
      updateable: true,
      queryable: true,
      urls: { sobject: `/services/data/v62.0/sobjects/${d.name}`, describe: `/services/data/v62.0/sobjects/${d.name}/describe` },
    })),
  });
}

async function create(org: SfOrg, call: ApiCall): Promise<Response> {
  const table = tableOf(org, call);
  const body = (await jsonBody(call.request)) as JsonRecord;
  const checked = checkWrite(table, body, "create");
  if (!checked.ok) return restError(400, checked.error.statusCode, checked.error.message, checked.error.fields);
  const record = org.store.insert(table.name, checked.values);
  return json({ id: record.Id, success: true, errors: [] }, 201);
}

function retrieve(org: SfOrg, call: ApiCall): Response {
  const table = tableOf(org, call);
  const row = org.store.get(table.name, call.params.id ?? "");
  if (!row || row.IsDeleted) return restError(404, "NOT_FOUND", "The requested resource does not exist");
  return json({ attributes: { type: table.name, url: `/services/data/${call.version}/sobjects/${table.name}/${row.Id as string}` }, ...row });
}

function remove(org: SfOrg, call: ApiCall): Response {
  const table = tableOf(org, call);
  const row = org.store.get(table.name, call.params.id ?? "");
  if (!row) return restError(404, "NOT_FOUND", "The requested resource does not exist");
  if (row.IsDeleted) return restError(404, "ENTITY_IS_DELETED", "entity is deleted");
  org.store.softDelete(table.name, row.Id as string);
  return empty(204);
}

/** 204 on success; an unknown or deleted record is 404 (NOT_FOUND / ENTITY_IS_DELETED), bad data 400. */
async function updateOne(org: SfOrg, call: ApiCall): Promise<Response> {
  const table = tableOf(org, call);
  const body = (await jsonBody(call.request)) as JsonRecord;
  const plan = planUpdate(org, table, call.params.id ?? "", body ?? {});
  if (!plan.ok) {
    if (plan.missing === "deleted") return restError(404, "ENTITY_IS_DELETED", "entity is deleted");
    if (plan.missing === "not-found" || plan.error.statusCode === "MALFORMED_ID") return restError(404, "NOT_FOUND", "The requested resource does not exist");
    return restError(400, plan.error.statusCode, plan.error.message, plan.error.fields);
  }
  applyUpdate(org, table, plan);
  return empty(204);
}

async function upsertOne(org: SfOrg, call: ApiCall): Promise<Response> {
  const table = tableOf(org, call);
  const ext = extFieldOf(table, call.params.extField ?? "");
  const body = (await jsonBody(call.request)) as JsonRecord;
  const plan = planUpsert(org, table, ext, { ...body, [ext.name]: call.params.extValue ?? "" });
  if (!plan.ok) {
    if (plan.matches) return json(plan.matches.map((id) => `/services/data/${call.version}/sobjects/${table.name}/${id}`), 300);
    return restError(400, plan.error.statusCode, plan.error.message, plan.error.fields);
  }
  const id = applyUpsert(org, table, plan);
  return json({ id, success: true, errors: [], created: plan.create }, plan.create ? 201 : 200);
}
