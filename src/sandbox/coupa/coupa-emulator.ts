// The Coupa emulator: msw handlers for `{any origin}/oauth2/token` and `/api/<resource>` implementing
// the Coupa contract of systems.md (client-credentials tokens with scopes, JSON only when asked for,
// bare arrays paged by offset/limit ≤ 50, attr[op] filters, fields projection), seeded read-only from
// SandboxData["coupa"].
import { http, HttpResponse, type HttpHandler } from "msw";
import { z } from "zod";
import type { Clock, Emulator, JsonRecord, SandboxCredentials, SandboxData } from "../contracts.js";
import { rateLimitSchema, RateLimiter } from "../portal/rate-limit.js";
import { CoupaTokens } from "./coupa-auth.js";
import { readFields } from "./coupa-fields.js";
import { CoupaRequestError, readCoupaQuery, type CoupaQuery } from "./coupa-query.js";
import { COUPA_RESOURCES, type CoupaResource } from "./coupa-resources.js";
import { normalizeSeed } from "./coupa-values.js";
import { toXml } from "./coupa-xml.js";

export const coupaFaultsSchema = z.strictObject({
  rateLimit: rateLimitSchema.optional(),
  /** `expires_in` of issued tokens; a token is refused (401) once that much clock time has passed. */
  tokenExpiresInSeconds: z.number().int().min(1).default(86399),
});
export type CoupaFaults = z.input<typeof coupaFaultsSchema>;

export interface CoupaEmulatorOptions {
  seed: SandboxData["coupa"];
  credentials: SandboxCredentials["coupa"];
  clock?: Clock;
  faults?: CoupaFaults;
}

/** Coupa answers JSON only to an explicit `Accept: application/json`; anything else gets XML. */
function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.split(",").some((part) => part.split(";")[0]?.trim().toLowerCase() === "application/json");
}

function respond(request: Request, status: number, body: unknown, xml: { root: string; item?: string }, headers: Record<string, string> = {}) {
  if (wantsJson(request)) return HttpResponse.json(body as never, { status, headers });
  return new HttpResponse(toXml(xml.root, body, xml.item), { status, headers: { ...headers, "Content-Type": "application/xml; charset=utf-8" } });
}

function errorBody(key: string, message: string) {
  return { errors: { [key]: [message] } };
}

/** Queries whose sorted matches are kept per resource (a sync pages through one or two at a time). */
const MATCH_CACHE_SIZE = 8;

export function createCoupaEmulator(opts: CoupaEmulatorOptions): Emulator {
  const clock = opts.clock ?? (() => new Date());
  const faults = coupaFaultsSchema.parse(opts.faults ?? {});
  const limiter = new RateLimiter(faults.rateLimit, clock);
  const tokens = new CoupaTokens(opts.credentials, clock, faults.tokenExpiresInSeconds);
  const load = () => new Map(COUPA_RESOURCES.map((r) => [r.path, normalizeSeed(opts.seed.records[r.seedKey] ?? [], clock)]));
  let data = load();
  // The data never changes between loads (reads only; reset loads anew): a query's sorted matches are
  // kept per records array and query, so a list read at 50 a page filters and sorts once, not per page.
  const sortedMatches = new WeakMap<readonly JsonRecord[], Map<string, JsonRecord[]>>();
  const matchesOf = (records: readonly JsonRecord[], query: CoupaQuery): JsonRecord[] => {
    let byQuery = sortedMatches.get(records);
    if (!byQuery) sortedMatches.set(records, (byQuery = new Map()));
    let matches = byQuery.get(query.matchKey);
    if (!matches) {
      matches = records.filter(query.predicate).sort(query.compare);
      if (byQuery.size >= MATCH_CACHE_SIZE) byQuery.delete(byQuery.keys().next().value as string);
      byQuery.set(query.matchKey, matches);
    }
    return matches;
  };

  const fail = (request: Request, status: number, key: string, message: string, headers?: Record<string, string>) =>
    respond(request, status, errorBody(key, message), { root: "errors" }, headers);

  /** Auth, scope and rate limit, in the order Coupa applies them; undefined when the call may proceed. */
  const gate = (request: Request, resource: CoupaResource): Response | undefined => {
    const auth = tokens.check(request.headers.get("authorization"));
    if (!auth.ok) return fail(request, 401, "base", auth.message, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
    if (!auth.scopes.has(resource.scope)) return fail(request, 403, "base", `This token lacks the scope ${resource.scope}`);
    const rate = limiter.check();
    if (rate.limited) {
      const headers = rate.retryAfterSeconds !== undefined ? { "Retry-After": String(rate.retryAfterSeconds) } : undefined;
      return fail(request, 429, "base", "Rate limit exceeded", headers);
    }
    return undefined;
  };

  const serveResource = (resource: CoupaResource): HttpHandler[] => [
    http.get(`*/api/${resource.path}`, ({ request }) => {
      const refused = gate(request, resource);
      if (refused) return refused;
      const records = data.get(resource.path) ?? [];
      try {
        const params = new URL(request.url).searchParams;
        const query = readCoupaQuery(resource, records, params);
        const project = readFields(params.get("fields"));
        const page = matchesOf(records, query).slice(query.offset, query.offset + query.limit);
        return respond(request, 200, project ? page.map(project) : page, { root: resource.xmlRoot, item: resource.xmlItem });
      } catch (err) {
        if (err instanceof CoupaRequestError) return fail(request, err.status, resource.path, err.message);
        throw err;
      }
    }),
    http.get(`*/api/${resource.path}/:id`, ({ request, params }) => {
      const refused = gate(request, resource);
      if (refused) return refused;
      const id = String(params.id);
      const rec = /^\d+$/.test(id) ? (data.get(resource.path) ?? []).find((r) => r.id === Number(id)) : undefined;
      if (!rec) return fail(request, 404, resource.path, `No ${resource.xmlItem} with id ${id}`);
      try {
        const project = readFields(new URL(request.url).searchParams.get("fields"));
        return respond(request, 200, project ? project(rec) : rec, { root: resource.xmlItem });
      } catch (err) {
        if (err instanceof CoupaRequestError) return fail(request, err.status, resource.path, err.message);
        throw err;
      }
    }),
  ];

  const handlers: HttpHandler[] = [
    http.post("*/oauth2/token", async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
      const [id, secret] = basic ? Buffer.from(basic[1] as string, "base64").toString().split(":") : [];
      const grant = tokens.grant(form, id !== undefined && secret !== undefined ? { id, secret } : undefined);
      return HttpResponse.json(grant.body, { status: grant.ok ? 200 : grant.status, headers: { "Cache-Control": "no-store" } });
    }),
    ...COUPA_RESOURCES.flatMap(serveResource),
    http.all("*/api/*", ({ request }) => fail(request, 404, "base", `No route for ${request.method} ${new URL(request.url).pathname}`)),
  ];

  return {
    system: "coupa",
    handlers,
    reset() {
      data = load();
      tokens.reset();
      limiter.reset();
    },
  };
}
