// One Bulk API 2.0 ingest job: its state machine and its processing. Processing is asynchronous in
// Salesforce, so a client must poll: the first status read after UploadComplete says InProgress,
// the next one processes the data and says JobComplete. Result rows come back in an order unrelated
// to the upload (a seeded shuffle here): clients must match them by external id.
import type { JsonRecord } from "../contracts.js";
import { parseCsv, csvLine } from "./csv.js";
import type { SfOrg } from "./org.js";
import type { RecordError } from "./record-validation.js";
import { checkWrite } from "./record-validation.js";
import { applyUpsert, planUpsert } from "./upsert.js";

export type IngestState = "Open" | "UploadComplete" | "InProgress" | "JobComplete" | "Failed" | "Aborted";

export interface BulkIngestJob {
  id: string;
  object: string;
  operation: "insert" | "upsert";
  externalIdFieldName?: string;
  lineEnding: "LF" | "CRLF";
  state: IngestState;
  createdDate: string;
  systemModstamp: string;
  csv?: string;
  errorMessage?: string;
  results?: { header: string[]; ok: string[]; failed: string[]; unprocessed: string[] };
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
}

/** A status read: advances UploadComplete → InProgress → (processed) JobComplete. */
export function advance(org: SfOrg, job: BulkIngestJob): void {
  if (job.state === "UploadComplete") job.state = "InProgress";
  else if (job.state === "InProgress") process(org, job);
}

function process(org: SfOrg, job: BulkIngestJob): void {
  const table = org.store.table(job.object)!;
  const rows = parseCsv(job.csv ?? "");
  const header = rows.shift() ?? [];
  const unknown = header.find((h) => !table.field(h));
  if (unknown !== undefined) {
    job.state = "Failed";
    job.errorMessage = `InvalidBatch : Field name not found : ${unknown}`;
    return;
  }
  const ext = job.externalIdFieldName ? table.field(job.externalIdFieldName) : undefined;
  const ok: string[] = [];
  const failed: string[] = [];
  for (const cells of rows) {
    const record: JsonRecord = {};
    // `#N/A` sets a field to null; an empty cell leaves it as it is.
    header.forEach((h, i) => {
      const cell = cells[i] ?? "";
      if (cell === "#N/A") record[h] = null;
      else if (cell !== "") record[h] = cell;
    });
    const original = header.map((_, i) => cells[i] ?? "");
    let error: RecordError | undefined;
    let id = "";
    let created = false;
    if (job.operation === "upsert" && ext) {
      const plan = planUpsert(org, table, ext, record);
      if (plan.ok) {
        id = applyUpsert(org, table, plan);
        created = plan.create;
      } else error = plan.error;
    } else {
      const checked = checkWrite(table, record, "create");
      if (checked.ok) {
        id = org.store.insert(table.name, checked.values).Id as string;
        created = true;
      } else error = checked.error;
    }
    if (error) failed.push(csvLine(["", `${error.statusCode}:${error.message}:${error.fields.join(",")} --`, ...original]));
    else ok.push(csvLine([id, String(created), ...original]));
  }
  job.results = { header, ok: shuffle(ok, job.id), failed: shuffle(failed, job.id), unprocessed: [] };
  job.numberRecordsProcessed = rows.length;
  job.numberRecordsFailed = failed.length;
  job.state = "JobComplete";
}

export function abort(job: BulkIngestJob): void {
  const rows = parseCsv(job.csv ?? "");
  const header = rows.shift() ?? [];
  job.results = { header, ok: [], failed: [], unprocessed: rows.map((r) => csvLine(r)) };
  job.state = "Aborted";
}

export function resultCsv(job: BulkIngestJob, which: "ok" | "failed" | "unprocessed"): string {
  const r = job.results ?? { header: parseCsv(job.csv ?? "")[0] ?? [], ok: [], failed: [], unprocessed: [] };
  const lead = which === "ok" ? ["sf__Id", "sf__Created"] : which === "failed" ? ["sf__Id", "sf__Error"] : [];
  const eol = job.lineEnding === "CRLF" ? "\r\n" : "\n";
  return [csvLine([...lead, ...r.header]), ...r[which]].join(eol) + eol;
}

/** Deterministic shuffle (seeded by the job id) so a run is reproducible yet not in upload order. */
function shuffle<T>(items: T[], seed: string): T[] {
  let s = 0;
  for (const ch of seed) s = (s * 31 + ch.charCodeAt(0)) >>> 0;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
