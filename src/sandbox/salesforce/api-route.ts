// What every REST call goes through before its handler: API version, the bearer session, the daily
// API budget; and what every answer carries: `Sforce-Limit-Info: api-usage=USED/MAX`.
import type { HttpResponseResolver, PathParams } from "msw";
import type { SfOrg } from "./org.js";
import { RestFailure, restError } from "./responses.js";
import { SoqlError } from "./soql-error.js";

export interface ApiCall {
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** `vNN.N` from the path */
  version: string;
}

const VERSION_RE = /^v(\d{2,})\.\d$/;

export function apiRoute(org: SfOrg, handler: (call: ApiCall) => Response | Promise<Response>): HttpResponseResolver<PathParams> {
  return async ({ request, params }) => {
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (typeof v === "string") flat[k] = v;
    const version = flat.version ?? "";
    const m = VERSION_RE.exec(version);
    if (!m || Number(m[1]) < 20) {
      return restError(404, "NOT_FOUND", "The requested resource does not exist");
    }
    const auth = request.headers.get("authorization") ?? "";
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth)?.[1];
    if (!org.sessions.use(token, org.faults.get().sessionExpiresAfterCalls)) {
      return restError(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    let res: Response;
    if (org.apiUsed >= org.dailyApiLimit) {
      res = restError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    } else {
      org.apiUsed++;
      try {
        res = await handler({ request, url: new URL(request.url), params: flat, version });
      } catch (e) {
        if (e instanceof RestFailure) res = e.toResponse();
        else if (e instanceof SoqlError) res = restError(400, e.errorCode, e.message);
        else throw e;
      }
    }
    res.headers.set("Sforce-Limit-Info", `api-usage=${org.apiUsed}/${org.dailyApiLimit}`);
    return res;
  };
}
