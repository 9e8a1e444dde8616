// `GET /sobjects/{Obj}/updated/?start&end` (≤30 days back) and `/deleted/` (≤15 days back).
// Salesforce works in whole minutes here: bounds are truncated to the minute, and
// `latestDateCovered` never passes the last complete minute, so a client never skips a write.
import { http, type HttpHandler } from "msw";
import { apiRoute, type ApiCall } from "./api-route.js";
import type { SfOrg } from "./org.js";
import { formatDateTime, parseDateTime } from "./sf-datetime.js";
import { RestFailure, json } from "./responses.js";
import { tableOf } from "./sobject-routes.js";

const DAY = 86_400_000;
const BASE = "*/services/data/:version/sobjects/:sobject";

export function replicationHandlers(org: SfOrg): HttpHandler[] {
  const updated = apiRoute(org, (c) => listUpdated(org, c));
  const deleted = apiRoute(org, (c) => listDeleted(org, c));
  return [http.get(`${BASE}/updated`, updated), http.get(`${BASE}/updated/`, updated), http.get(`${BASE}/deleted`, deleted), http.get(`${BASE}/deleted/`, deleted)];
}

function window(org: SfOrg, call: ApiCall, maxDays: number): { start: number; end: number; now: number } {
  const parse = (name: string): number => {
    const raw = call.url.searchParams.get(name);
    const ms = raw ? parseDateTime(raw) : undefined;
    if (ms === undefined) throw new RestFailure(400, "INVALID_REPLICATION_DATE", `${name} date is missing or not a valid dateTime`);
    return Math.floor(ms / 60_000) * 60_000;
  };
  const now = org.clock().getTime();
  const lastMinute = Math.floor(now / 60_000) * 60_000;
  const start = parse("start");
  const end = Math.min(parse("end"), lastMinute);
  if (start < lastMinute - maxDays * DAY) {
    throw new RestFailure(400, "INVALID_REPLICATION_DATE", `startDate cannot be more than ${maxDays} days ago`);
  }
  if (end < start) throw new RestFailure(400, "INVALID_REPLICATION_DATE", "EndDate can not be before StartDate");
  return { start, end, now };
}

function listUpdated(org: SfOrg, call: ApiCall): Response {
  const table = tableOf(org, call);
  const { start, end } = window(org, call, 30);
  const [from, to] = [formatDateTime(start), formatDateTime(end)];
  const ids: string[] = [];
  for (const r of org.store.rows(table.name)) {
    const stamp = r.SystemModstamp as string;
    if (!r.IsDeleted && stamp >= from && stamp < to) ids.push(r.Id as string);
  }
  return json({ ids, latestDateCovered: to });
}

function listDeleted(org: SfOrg, call: ApiCall): Response {
  const table = tableOf(org, call);
  const { start, end, now } = window(org, call, 15);
  const [from, to] = [formatDateTime(start), formatDateTime(end)];
  const deletedRecords = org.store
    .deletedLog(table.name)
    .filter((d) => d.deletedDate >= from && d.deletedDate < to)
    .map((d) => ({ id: d.id, deletedDate: d.deletedDate }));
  return json({ deletedRecords, earliestDateAvailable: formatDateTime(Math.floor((now - 15 * DAY) / 60_000) * 60_000), latestDateCovered: to });
}
