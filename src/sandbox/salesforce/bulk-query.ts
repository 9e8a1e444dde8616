// Bulk API 2.0 query: `POST /jobs/query {operation, query}` → poll `GET /jobs/query/{id}` →
// `GET …/results?locator=&maxRecords=` pages of CSV carrying `Sforce-Locator` (the literal `null`
// on the last page) and `Sforce-NumberOfRecords`. Locators are base64 of the row offset, as
// Salesforce's are. The result set is read when the job completes and kept for its pages.
import { http, type HttpHandler } from "msw";
import type { JsonRecord } from "../contracts.js";
import { apiRoute, type ApiCall } from "./api-route.js";
import { csvLine } from "./csv.js";
import type { SfOrg } from "./org.js";
import { RestFailure, csv, empty, json } from "./responses.js";
import { formatBulkDateTime, formatDateTime } from "./sf-datetime.js";
import { runQuery } from "./soql-eval.js";
import { parseSoql, type SoqlQuery } from "./soql-parser.js";
import { jsonBody } from "./sobject-routes.js";

const BASE = "*/services/data/:version/jobs/query";
const DEFAULT_MAX_RECORDS = 50_000;

export interface BulkQueryJob {
  id: string;
  operation: "query" | "queryAll";
  object: string;
  query: SoqlQuery;
  state: "UploadComplete" | "InProgress" | "JobComplete" | "Aborted";
  createdDate: string;
  fields: string[];
  rows?: JsonRecord[];
}

export function bulkQueryHandlers(org: SfOrg): HttpHandler[] {
  return [
    http.post(BASE, apiRoute(org, (c) => createJob(org, c))),
    http.get(`${BASE}/:id/results`, apiRoute(org, (c) => results(org, c))),
    http.get(`${BASE}/:id`, apiRoute(org, (c) => status(org, c))),
    http.patch(`${BASE}/:id`, apiRoute(org, (c) => abortJob(org, c))),
    http.delete(`${BASE}/:id`, apiRoute(org, (c) => {
      jobOf(org, c);
      org.queryJobs.delete(c.params.id ?? "");
      return empty(204);
    })),
  ];
}

function info(job: BulkQueryJob, call: ApiCall): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: "0055g00000USERAAAE",
    createdDate: job.createdDate,
    systemModstamp: job.createdDate,
    state: job.state,
    concurrencyMode: "Parallel",
    contentType: "CSV",
    apiVersion: Number(call.version.slice(1)),
    jobType: "V2Query",
    lineEnding: "LF",
    columnDelimiter: "COMMA",
    numberRecordsProcessed: job.rows?.length ?? 0,
    retries: 0,
    totalProcessingTime: 0,
  };
}

function jobOf(org: SfOrg, call: ApiCall): BulkQueryJob {
  const job = org.queryJobs.get(call.params.id ?? "");
  if (!job) throw new RestFailure(404, "NOT_FOUND", "The requested resource does not exist");
  return job;
}

async function createJob(org: SfOrg, call: ApiCall): Promise<Response> {
  const body = (await jsonBody(call.request)) as { operation?: string; query?: string };
  if (body.operation !== "query" && body.operation !== "queryAll") {
    throw new RestFailure(400, "INVALIDJOB", `InvalidJob : operation must be query or queryAll`);
  }
  const query = parseSoql(String(body.query ?? ""));
  // Validate now (unknown fields and types fail the create call); the rows are read on completion.
  const probe = runQuery(org.store, { ...query, limit: 0 }, { includeDeleted: false });
  if (!probe.fields) throw new RestFailure(400, "INVALIDJOB", "InvalidJob : COUNT() is not supported by Bulk API query");
  const job: BulkQueryJob = {
    id: org.nextJobId(),
    operation: body.operation,
    object: probe.sobject,
    query,
    state: "UploadComplete",
    createdDate: formatDateTime(org.clock().getTime()),
    fields: probe.fields,
  };
  org.queryJobs.set(job.id, job);
  return json(info(job, call));
}

function status(org: SfOrg, call: ApiCall): Response {
  const job = jobOf(org, call);
  if (job.state === "UploadComplete") job.state = "InProgress";
  else if (job.state === "InProgress") {
    job.rows = runQuery(org.store, job.query, { includeDeleted: job.operation === "queryAll" }).rows;
    job.state = "JobComplete";
  }
  return json(info(job, call));
}

async function abortJob(org: SfOrg, call: ApiCall): Promise<Response> {
  const job = jobOf(org, call);
  const { state } = (await jsonBody(call.request)) as { state?: string };
  if (state !== "Aborted" || job.state === "JobComplete") {
    throw new RestFailure(400, "INVALIDJOBSTATE", `Cannot change state of job ${job.id} from ${job.state} to ${String(state)}`);
  }
  job.state = "Aborted";
  return json(info(job, call));
}

function results(org: SfOrg, call: ApiCall): Response {
  const job = jobOf(org, call);
  if (job.state !== "JobComplete" || !job.rows) {
    throw new RestFailure(400, "INVALIDJOBSTATE", `Job ${job.id} is not complete: ${job.state}`);
  }
  const locator = call.url.searchParams.get("locator");
  const offset = locator ? Number(Buffer.from(locator, "base64").toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > job.rows.length) {
    throw new RestFailure(400, "INVALIDLOCATOR", `Invalid locator: ${locator}`);
  }
  const maxRaw = call.url.searchParams.get("maxRecords");
  const max = maxRaw ? Number(maxRaw) : DEFAULT_MAX_RECORDS;
  if (!Number.isInteger(max) || max < 1) throw new RestFailure(400, "INVALIDPARAMETER", `maxRecords must be a positive integer`);
  const end = Math.min(job.rows.length, offset + max);
  const lines = [csvLine(job.fields)];
  for (let i = offset; i < end; i++) {
    const row = job.rows[i]!;
    lines.push(csvLine(job.fields.map((f) => cell(row[f]))));
  }
  const next = end < job.rows.length ? Buffer.from(String(end)).toString("base64") : "null";
  return csv(lines.join("\n") + "\n", 200, { "Sforce-Locator": next, "Sforce-NumberOfRecords": String(end - offset) });
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}T.*\+0000$/.test(v) ? formatBulkDateTime(v) : v;
  return String(v);
}
