// `GET /limits`: the org's daily API allocation as the usage header reports it.
import { http, type HttpHandler } from "msw";
import { apiRoute } from "./api-route.js";
import type { SfOrg } from "./org.js";
import { json } from "./responses.js";

export function limitsHandlers(org: SfOrg): HttpHandler[] {
  return [
    http.get(
      "*/services/data/:version/limits",
      apiRoute(org, () =>
        json({
          DailyApiRequests: { Max: org.dailyApiLimit, Remaining: Math.max(0, org.dailyApiLimit - org.apiUsed) },
          DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 - org.queryJobs.size },
          DailyBulkApiBatches: { Max: 15000, Remaining: 15000 - org.ingestJobs.size },
          DataStorageMB: { Max: 1024, Remaining: 1024 },
        }),
      ),
    ),
  ];
}
