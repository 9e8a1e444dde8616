// Reading a portal object page by page, robust to records changing while we page.
//
// The portal pages with skip/take over `orderby=Updated asc,Id asc`. A record written during the read
// gets a new `Updated` and moves to the end of that order, so every later record shifts one place
// forward and plain skip/take silently skips one. We page by keyset instead: `skip` stays 0 and each
// page is re-anchored after the last (Updated, Id) seen. A record that moves can then only move
// behind the anchor, where we meet it again: its first version was yielded, the newer one is dropped
// (one record, once per read) and the watermark is held back to its new `Updated`, so the next
// incremental read picks the newer version up instead of losing it.
//
// The window is read in whole seconds (portal-read-window.ts): its start floored to the second and the
// coverage never past the start of the second the end falls in, because `Updated` has no milliseconds.
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { ReadWindow, RecordPage } from "../connector.js";
import { ConnectorError } from "../shared/connector-error.js";
import { after, allOf, literal } from "./portal-filter.js";
import type { PortalHttp } from "./portal-http.js";
import { floorToSecond, portalWindow } from "./portal-read-window.js";
import type { PortalSchemas, Retrying } from "./portal-schema.js";

export interface PortalReaderDeps {
  call: PortalHttp;
  retrying: Retrying;
  schemas: PortalSchemas;
  pageSize: number;
}

export interface PortalReadSpec {
  fields: readonly string[];
  window?: ReadWindow;
  /** A portal filter ANDed with the window (parenthesised, so its `or`s stay inside). */
  where?: string;
  signal?: AbortSignal;
}

interface ListBody {
  data?: { count?: unknown; results?: unknown };
}

export async function* readPortalPages(deps: PortalReaderDeps, object: string, spec: PortalReadSpec): AsyncGenerator<RecordPage> {
  const schema = await deps.schemas.object(object);
  const path = `/${encodeURIComponent(object)}`;
  const route = `GET /api/objects/v1${path}`;
  // Id and Updated anchor the pages, so they are always read, whatever the caller asked for.
  const fields = [...new Set([...spec.fields, "Id", "Updated"].map((f) => schema.field(f)?.name ?? f))];
  const window = spec.window ? portalWindow(spec.window) : undefined;
  const base = allOf([
    window?.start ? `Updated >= ${literal(window.start)}` : undefined,
    window ? `Updated < ${literal(window.end)}` : undefined,
    spec.where,
  ]);
  const seen = new Set<number>();
  let anchor: { updated: string; id: number } | undefined;
  let heldBackMs: number | undefined;

  for (;;) {
    spec.signal?.throwIfAborted();
    const filter = allOf([base, anchor ? after(anchor.updated, anchor.id) : undefined]);
    const params = { fields: fields.join(","), orderby: "Updated asc,Id asc", skip: 0, take: deps.pageSize, ...(filter ? { filter } : {}) };
    const res = await deps.retrying(() => deps.call({ method: "GET", path, params, ...(spec.signal ? { signal: spec.signal } : {}) }), "idempotent", spec.signal);
    const data = (res.data as ListBody).data;
    if (!data || !Array.isArray(data.results) || typeof data.count !== "number") {
      throw new ConnectorError({ system: "portal", route, status: res.status, kind: "server" }, "list response lacks data.results or data.count");
    }
    const records: JsonRecord[] = [];
    for (const wire of data.results as JsonRecord[]) {
      const rec = schema.toDefined(wire);
      const id = rec.Id;
      const updated = rec.Updated;
      if (typeof id !== "number" || typeof updated !== "string" || Number.isNaN(Date.parse(updated))) {
        throw new ConnectorError({ system: "portal", route, status: res.status, kind: "server" }, `a record lacks a numeric Id or a readable Updated: ${JSON.stringify(wire).slice(0, 200)}`);
      }
      anchor = { updated, id };
      if (seen.has(id)) {
        const ms = Date.parse(updated);
        heldBackMs = heldBackMs === undefined ? ms : Math.min(heldBackMs, ms);
        continue;
      }
      seen.add(id);
      records.push(rec);
    }
    // `count` is the number of matches of this page's filter, i.e. what remains from the anchor on;
    // comparing with it (not with `take`) stays right when the portal clamps `take` to its cap.
    const last = data.results.length === 0 || data.results.length >= data.count;
    yield { records, ...coverage(window, last, anchor, heldBackMs) };
    if (last) return;
  }
}

function coverage(window: ReadWindow | undefined, last: boolean, anchor: { updated: string } | undefined, heldBackMs: number | undefined): { coveredUntil?: Date } {
  if (!window) return {};
  let ms = last || !anchor ? window.end.getTime() : Math.min(Date.parse(anchor.updated), window.end.getTime());
  if (heldBackMs !== undefined) ms = Math.min(ms, heldBackMs);
  // A partial second is never covered: a record stamped in it may be written after this read.
  return { coveredUntil: floorToSecond(new Date(ms)) };
}
