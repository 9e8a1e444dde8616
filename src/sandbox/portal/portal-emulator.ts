// The partner-portal emulator: msw handlers for `{any origin}/api/objects/v1/...` implementing the
// portal contract of systems.md (auth bound to a tenant, list with filter/orderby/skip/take, get,
// partial and batch PATCH, POST, describe), seeded from SandboxData["portal"].
import { http, HttpResponse, type HttpHandler } from "msw";
import { z } from "zod";
import type { Clock, Emulator, SandboxCredentials, SandboxData } from "../contracts.js";
import { PortalRequestError, readListQuery } from "./list-query.js";
import { type ObjectTable, buildTables } from "./portal-store.js";
import { rateLimitSchema, RateLimiter } from "./rate-limit.js";
import { renderRecord, renderRecordJson } from "./render-record.js";

const BASE = "*/api/objects/v1";

export const portalFaultsSchema = z.strictObject({
  rateLimit: rateLimitSchema.optional(),
  /** Writes to these records fail with `message` (per record in a batch), as a portal validation rule would. */
  failWrites: z
    .array(z.strictObject({ object: z.string(), id: z.number().int(), message: z.string().default("Validation rule failed") }))
    .default([]),
});
export type PortalFaults = z.input<typeof portalFaultsSchema>;

export interface PortalEmulatorOptions {
  seed: SandboxData["portal"];
  credentials: SandboxCredentials["portal"];
  clock?: Clock;
  /** Largest `take` honoured; larger values are clamped *(choice: 500)*. */
  takeCap?: number;
  /** Largest batch PATCH accepted *(choice: 500)*; more is a 400. */
  batchCap?: number;
  faults?: PortalFaults;
}

type Resolver = (info: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response>;

export function createPortalEmulator(opts: PortalEmulatorOptions): Emulator {
  const clock = opts.clock ?? (() => new Date());
  const takeCap = z.number().int().min(1).parse(opts.takeCap ?? 500);
  const batchCap = z.number().int().min(1).parse(opts.batchCap ?? 500);
  const faults = portalFaultsSchema.parse(opts.faults ?? {});
  const limiter = new RateLimiter(faults.rateLimit, clock);
  let tables = buildTables(opts.seed.objects, opts.seed.records, clock);

  const fail = (status: number, message: string, headers?: Record<string, string>) =>
    HttpResponse.json({ success: false, message }, { status, ...(headers ? { headers } : {}) });

  const table = (params: Record<string, unknown>): ObjectTable => {
    const name = String(params.object ?? "");
    const t = tables.get(name.toLowerCase());
    if (!t) throw new PortalRequestError(404, `Unknown object '${name}'`);
    return t;
  };

  const recordId = (params: Record<string, unknown>): number => {
    const text = String(params.id ?? "");
    if (!/^\d+$/.test(text)) throw new PortalRequestError(404, `No record with id '${text}'`);
    return Number(text);
  };

  const readBody = async (request: Request): Promise<unknown> => {
    try {
      return await request.json();
    } catch {
      throw new PortalRequestError(400, "The request body is not valid JSON");
    }
  };

  const injectedFailure = (t: ObjectTable, id: number) =>
    faults.failWrites.find((f) => f.object.toLowerCase() === t.schema.name.toLowerCase() && f.id === id);

  // Every route: authenticate first (a bad key never reaches data), then the rate limit, then the work.
  const guarded =
    (work: Resolver): Parameters<typeof http.get>[1] =>
    async ({ request, params }) => {
      const auth = /^prm-key\s+(\S+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
      const tenant = request.headers.get("x-prm-tenantid")?.trim() ?? "";
      if (!auth) return fail(401, "Missing or malformed Authorization header (expected 'prm-key <key>')");
      if (!/^\d+$/.test(tenant)) return fail(401, "Missing or malformed X-PRM-TenantId header");
      if (auth[1] !== opts.credentials.apiKey || Number(tenant) !== opts.credentials.tenantId) {
        return fail(401, "The API key is not valid for this tenant");
      }
      const rate = limiter.check();
      if (rate.limited) {
        const headers = rate.retryAfterSeconds !== undefined ? { "Retry-After": String(rate.retryAfterSeconds) } : undefined;
        return fail(429, "Too many requests", headers);
      }
      try {
        return await work({ request, params });
      } catch (err) {
        if (err instanceof PortalRequestError) return fail(err.status, err.message);
        throw err;
      }
    };

  const handlers: HttpHandler[] = [
    http.get(
      `${BASE}/_describe`,
      guarded(async () =>
        HttpResponse.json({
          success: true,
          data: [...tables.values()].map((t) => ({ name: t.schema.name, label: t.schema.label })),
        }),
      ),
    ),
    http.get(
      `${BASE}/:object/_describe`,
      guarded(async ({ params }) => {
        const { schema } = table(params);
        const fields = schema.fields.map(({ jsonKey: _k, ...f }) => ({ ...f, picklistValues: f.picklistValues ?? null }));
        return HttpResponse.json({ success: true, data: { name: schema.name, label: schema.label, fields } });
      }),
    ),
    http.get(
      `${BASE}/:object/:id`,
      guarded(async ({ params }) => {
        const t = table(params);
        const id = recordId(params);
        const rec = t.byId.get(id);
        if (!rec) throw new PortalRequestError(404, `${t.schema.name} ${id} not found`);
        return HttpResponse.json({ success: true, data: renderRecord(t.schema, rec) });
      }),
    ),
    http.get(
      `${BASE}/:object`,
      guarded(async ({ request, params }) => {
        const t = table(params);
        const query = readListQuery(t.schema, new URL(request.url).searchParams, takeCap);
        const { count, page } = t.list(query.spec);
        // Assembled from cached per-record JSON: serialising whole pages dominated list latency.
        const results = page.map((r) => renderRecordJson(t.schema, r, query.fields)).join(",");
        const head = `{"success":true,"data":{"count":${count},"entity":${JSON.stringify(t.schema.name)},"results":[`;
        return new HttpResponse(`${head}${results}]}}`, { headers: { "Content-Type": "application/json; charset=utf-8" } });
      }),
    ),
    http.patch(
      `${BASE}/:object/:id`,
      guarded(async ({ request, params }) => {
        const t = table(params);
        const id = recordId(params);
        const body = await readBody(request);
        const bodyId = typeof body === "object" && body !== null ? Object.entries(body).find(([k]) => k.toLowerCase() === "id")?.[1] : undefined;
        if (bodyId !== undefined && bodyId !== id) throw new PortalRequestError(400, `Body id ${String(bodyId)} does not match the URL id ${id}`);
        const injected = t.byId.has(id) ? injectedFailure(t, id) : undefined;
        if (injected) throw new PortalRequestError(400, injected.message);
        const result = t.update(id, body);
        if (!result.ok) throw new PortalRequestError(result.status, result.message);
        return HttpResponse.json({ success: true, data: renderRecord(t.schema, result.record) });
      }),
    ),
    http.patch(
      `${BASE}/:object`,
      guarded(async ({ request, params }) => {
        const t = table(params);
        const body = await readBody(request);
        if (!Array.isArray(body)) throw new PortalRequestError(400, "A batch update takes a JSON array of records");
        if (body.length > batchCap) throw new PortalRequestError(400, `At most ${batchCap} records per batch (got ${body.length})`);
        const results = body.map((item: unknown) => {
          const idEntry = typeof item === "object" && item !== null ? Object.entries(item).find(([k]) => k.toLowerCase() === "id") : undefined;
          const id = idEntry?.[1];
          if (typeof id !== "number" || !Number.isInteger(id)) return { id: id ?? null, success: false, message: "Each record needs an integer 'id'" };
          const injected = t.byId.has(id) ? injectedFailure(t, id) : undefined;
          if (injected) return { id, success: false, message: injected.message };
          const result = t.update(id, item);
          return result.ok ? { id, success: true } : { id, success: false, message: result.message };
        });
        return HttpResponse.json({ success: results.every((r) => r.success), results });
      }),
    ),
    http.post(
      `${BASE}/:object`,
      guarded(async ({ request, params }) => {
        const t = table(params);
        const result = t.create(await readBody(request));
        if (!result.ok) throw new PortalRequestError(result.status, result.message);
        return HttpResponse.json({ success: true, data: renderRecord(t.schema, result.record) }, { status: 201 });
      }),
    ),
    http.all(
      `${BASE}/*`,
      guarded(async ({ request }) => {
        throw new PortalRequestError(404, `No route for ${request.method} ${new URL(request.url).pathname}`);
      }),
    ),
  ];

  return {
    system: "portal",
    handlers,
    reset() {
      tables = buildTables(opts.seed.objects, opts.seed.records, clock);
      limiter.reset();
    },
  };
}
