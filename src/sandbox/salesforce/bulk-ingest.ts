// Bulk API 2.0 ingest: `POST /jobs/ingest` → one `PUT …/batches` (text/csv) → `PATCH {state:
// "UploadComplete"}` → poll `GET …/{id}` → `successfulResults/`, `failedResults/`, `unprocessedrecords/`.
import { http, type HttpHandler } from "msw";
import { apiRoute, type ApiCall } from "./api-route.js";
import { abort, advance, resultCsv, type BulkIngestJob } from "./bulk-ingest-job.js";
import type { SfOrg } from "./org.js";
import { RestFailure, csv, empty, json } from "./responses.js";
import { formatDateTime } from "./sf-datetime.js";
import { jsonBody } from "./sobject-routes.js";

const BASE = "*/services/data/:version/jobs/ingest";

export function bulkIngestHandlers(org: SfOrg): HttpHandler[] {
  const results = (which: "ok" | "failed" | "unprocessed") => apiRoute(org, (c) => csv(resultCsv(jobOf(org, c, true), which)));
  return [
    http.post(BASE, apiRoute(org, (c) => createJob(org, c))),
    http.get(BASE, apiRoute(org, (c) => json({ done: true, records: [...org.ingestJobs.values()].map((j) => info(j, c)), nextRecordsUrl: null }))),
    http.put(`${BASE}/:id/batches`, apiRoute(org, (c) => upload(org, c))),
    http.patch(`${BASE}/:id`, apiRoute(org, (c) => changeState(org, c))),
    http.get(`${BASE}/:id`, apiRoute(org, (c) => status(org, c))),
    http.delete(`${BASE}/:id`, apiRoute(org, (c) => remove(org, c))),
    http.get(`${BASE}/:id/successfulResults`, results("ok")),
    http.get(`${BASE}/:id/successfulResults/`, results("ok")),
    http.get(`${BASE}/:id/failedResults`, results("failed")),
    http.get(`${BASE}/:id/failedResults/`, results("failed")),
    http.get(`${BASE}/:id/unprocessedrecords`, results("unprocessed")),
    http.get(`${BASE}/:id/unprocessedrecords/`, results("unprocessed")),
  ];
}

function info(job: BulkIngestJob, call: ApiCall): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: "0055g00000USERAAAE",
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: "Parallel",
    contentType: "CSV",
    apiVersion: Number(call.version.slice(1)),
    jobType: "V2Ingest",
    contentUrl: `services/data/${call.version}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: "COMMA",
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

function jobOf(org: SfOrg, call: ApiCall, finished = false): BulkIngestJob {
  const job = org.ingestJobs.get(call.params.id ?? "");
  if (!job) throw new RestFailure(404, "NOT_FOUND", "The requested resource does not exist");
  if (finished && !["JobComplete", "Failed", "Aborted"].includes(job.state)) {
    throw new RestFailure(400, "INVALIDJOBSTATE", `Job ${job.id} is not complete: ${job.state}`);
  }
  return job;
}

async function createJob(org: SfOrg, call: ApiCall): Promise<Response> {
  const body = (await jsonBody(call.request)) as Record<string, unknown>;
  const table = org.store.table(String(body.object ?? ""));
  if (!table) throw new RestFailure(400, "INVALIDJOB", `InvalidJob : Invalid object: ${String(body.object)}`);
  const operation = body.operation;
  if (operation !== "upsert" && operation !== "insert") {
    throw new RestFailure(400, "INVALIDJOB", `InvalidJob : operation ${String(operation)} is not served by the sandbox (insert, upsert)`);
  }
  let externalIdFieldName: string | undefined;
  if (operation === "upsert") {
    const f = table.field(String(body.externalIdFieldName ?? ""));
    if (!f || !f.externalId) throw new RestFailure(400, "INVALIDJOB", `InvalidJob : External ID was blank or not an External ID field: ${String(body.externalIdFieldName)}`);
    externalIdFieldName = f.name;
  }
  if ((body.contentType ?? "CSV") !== "CSV" || (body.columnDelimiter ?? "COMMA") !== "COMMA") {
    throw new RestFailure(400, "INVALIDJOB", "InvalidJob : only contentType CSV with columnDelimiter COMMA is served");
  }
  const lineEnding = body.lineEnding === "CRLF" ? "CRLF" : "LF";
  const now = formatDateTime(org.clock().getTime());
  const job: BulkIngestJob = {
    id: org.nextJobId(),
    object: table.name,
    operation,
    ...(externalIdFieldName ? { externalIdFieldName } : {}),
    lineEnding,
    state: "Open",
    createdDate: now,
    systemModstamp: now,
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
  };
  org.ingestJobs.set(job.id, job);
  return json(info(job, call));
}

async function upload(org: SfOrg, call: ApiCall): Promise<Response> {
  const job = jobOf(org, call);
  if (job.state !== "Open" || job.csv !== undefined) {
    throw new RestFailure(409, "INVALIDJOBSTATE", `Job ${job.id} accepts one upload while Open (state ${job.state})`);
  }
  job.csv = await call.request.text();
  return empty(201);
}

async function changeState(org: SfOrg, call: ApiCall): Promise<Response> {
  const job = jobOf(org, call);
  const { state } = (await jsonBody(call.request)) as { state?: string };
  if (state === "UploadComplete" && job.state === "Open") {
    if (job.csv === undefined) throw new RestFailure(400, "INVALIDJOBSTATE", "No data was uploaded for this job");
    job.state = "UploadComplete";
  } else if (state === "Aborted" && (job.state === "Open" || job.state === "UploadComplete" || job.state === "InProgress")) {
    abort(job);
  } else {
    throw new RestFailure(409, "INVALIDJOBSTATE", `Cannot change state of job ${job.id} from ${job.state} to ${String(state)}`);
  }
  job.systemModstamp = formatDateTime(org.clock().getTime());
  return json(info(job, call));
}

function status(org: SfOrg, call: ApiCall): Response {
  const job = jobOf(org, call);
  advance(org, job);
  return json(info(job, call));
}

function remove(org: SfOrg, call: ApiCall): Response {
  const job = jobOf(org, call);
  if (job.state === "UploadComplete" || job.state === "InProgress") {
    throw new RestFailure(400, "INVALIDJOBSTATE", `Job ${job.id} cannot be deleted while ${job.state}`);
  }
  org.ingestJobs.delete(job.id);
  return empty(204);
}
