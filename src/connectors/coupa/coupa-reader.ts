// Reading a Coupa resource page by page. Coupa answers bare arrays of at most 50 records (a larger
// `limit` is clamped), without a total: a page shorter than 50 is the last one.
//
// Pages are anchored on the id (`order_by=id`, `id[gt]=<last id>`, offset 0) rather than walked by
// growing offsets: with an `updated-at` window, a record updated during the read leaves the window,
// every later record shifts one place forward and offset paging would skip one. An id never moves.
// Keys stay hyphenated and decimals stay strings: the mapping layer converts them exactly.
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { ReadWindow, RecordPage } from "../connector.js";
import { ConnectorError } from "../shared/connector-error.js";

export const COUPA_PAGE_CAP = 50;

/** Parameters the reader sets itself (paging, order, window, fields): a filter may not. */
const RESERVED = new Set(["offset", "limit", "order_by", "dir", "id[gt]", "fields"]);

/** The parameters of a filter (`where`, Coupa's syntax) that are the reader's to set, in order of appearance. */
export function reservedParams(where: string): string[] {
  return [...new Set([...new URLSearchParams(where).keys()].filter((k) => RESERVED.has(k) || k.startsWith("updated-at[")))];
}

export type CoupaGet = (resource: string, params: URLSearchParams, signal?: AbortSignal) => Promise<unknown>;

export interface CoupaReadSpec {
  fields: readonly string[];
  window?: ReadWindow;
  /** Extra query parameters in Coupa's own syntax, e.g. `status=active&supplier[number]=S-1`. */
  where?: string;
  signal?: AbortSignal;
}

/** Coupa timestamps carry an offset; UTC with `+00:00` is unambiguous whatever the instance's zone. */
export function coupaInstant(d: Date): string {
  return d.toISOString().replace(/Z$/, "+00:00");
}

export async function* readCoupaPages(get: CoupaGet, resource: string, spec: CoupaReadSpec, pageSize = COUPA_PAGE_CAP): AsyncGenerator<RecordPage> {
  // Coupa clamps `limit` to 50 without saying so: a page is "short" only against what it can send.
  const fullPage = Math.min(pageSize, COUPA_PAGE_CAP);
  const base = new URLSearchParams(spec.where ?? "");
  const [reserved] = reservedParams(spec.where ?? "");
  if (reserved !== undefined) throw new ConnectorError({ system: "coupa", route: `GET /api/${resource}`, kind: "client" }, `'${reserved}' is the reader's to set, not the filter's`);
  if (spec.window?.start) base.set("updated-at[gt_or_eq]", coupaInstant(spec.window.start));
  if (spec.window) base.set("updated-at[lt]", coupaInstant(spec.window.end));
  if (spec.fields.length > 0) base.set("fields", JSON.stringify([...new Set(["id", "updated-at", ...spec.fields])]));
  base.set("order_by", "id");
  base.set("dir", "asc");
  base.set("offset", "0");
  base.set("limit", String(pageSize));

  let lastId: number | undefined;
  for (;;) {
    spec.signal?.throwIfAborted();
    const params = new URLSearchParams(base);
    if (lastId !== undefined) params.set("id[gt]", String(lastId));
    const body = await get(resource, params, spec.signal);
    if (!Array.isArray(body)) {
      throw new ConnectorError({ system: "coupa", route: `GET /api/${resource}`, kind: "server" }, `expected a bare JSON array, got ${body === null ? "null" : typeof body}`);
    }
    const records = body as JsonRecord[];
    for (const rec of records) {
      if (typeof rec.id !== "number") {
        throw new ConnectorError({ system: "coupa", route: `GET /api/${resource}`, kind: "server" }, `a record has no numeric id: ${JSON.stringify(rec).slice(0, 200)}`);
      }
      lastId = rec.id;
    }
    const last = records.length < fullPage;
    // Records come in id order, not time order: only the end of the read covers the window.
    yield { records, ...(last && spec.window ? { coveredUntil: spec.window.end } : {}) };
    if (last) return;
  }
}
