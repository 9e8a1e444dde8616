// Upsert by key for a portal that has none: look the keys up, batch-PATCH the records that exist,
// POST the ones that do not, one record per POST (one after another, or a few in flight when
// `createConcurrency` allows).
//
// Why this order is crash-safe: a POST is not idempotent (each one creates a record), so it is never
// repeated blindly. What makes a re-run safe is the lookup that precedes every create: if a previous
// run created the record and crashed before remembering it, the lookup finds it (by the key field,
// which every create carries) and this run updates it instead of creating a second one. The same
// lookup settles a POST whose answer was lost (a dropped connection, a 5xx): we ask whether the
// record now exists rather than send the POST again. Only a 429 is retried, because the portal
// refused that request before doing anything.
import type { JsonRecord } from "../../sandbox/contracts.js";
import type { WriteRecord, WriteResult } from "../connector.js";
import { ConnectorError } from "../shared/connector-error.js";
import { type KeyLookupLimits, lookupByKeys, normalizeKey } from "./portal-key-lookup.js";
import type { PortalReaderDeps } from "./portal-reader.js";

export interface PortalWriterDeps extends PortalReaderDeps, KeyLookupLimits {
  /** Records per batch PATCH (the portal's cap is not public: config). */
  writeBatchSize: number;
  /** Creates (one POST each) in flight at once. */
  createConcurrency: number;
}

type Failure = NonNullable<WriteResult["error"]>;
const fail = (key: string, error: Failure): WriteResult => ({ key, ok: false, error });

interface BatchResult {
  id?: unknown;
  success?: unknown;
  message?: unknown;
}

export async function upsertPortal(deps: PortalWriterDeps, object: string, keyField: string, records: readonly WriteRecord[]): Promise<WriteResult[]> {
  const path = `/${encodeURIComponent(object)}`;
  const results: (WriteResult | undefined)[] = new Array(records.length);
  const lookup = await lookupByKeys(deps, object, keyField, records.map((r) => r.key), { fields: [] });
  const field = lookup.keyField;
  const typedKey = (key: string): string | number => (["Integer", "Decimal", "Reference"].includes(field.dataType) ? Number(key) : key);

  const firstIndex = new Map<string, number>();
  const updates: { index: number; id: number; body: JsonRecord }[] = [];
  const creates: number[] = [];
  records.forEach((rec, index) => {
    const norm = normalizeKey(field, rec.key);
    if (lookup.invalid.has(rec.key)) {
      results[index] = fail(rec.key, { code: "INVALID_KEY", message: `'${rec.key}' is not a valid ${field.dataType} for ${object}.${field.name}`, fields: [field.name], retryable: false });
    } else if (firstIndex.has(norm)) {
      // Two creates of one key in one call would make two records.
      results[index] = fail(rec.key, { code: "DUPLICATE_KEY_IN_BATCH", message: `key '${rec.key}' appears more than once in this upsert (first at position ${firstIndex.get(norm)})`, fields: [field.name], retryable: false });
    } else {
      firstIndex.set(norm, index);
      const found = lookup.matches.get(norm) ?? [];
      if (found.length > 1) {
        const ids = found.map((r) => r.Id).join(", ");
        results[index] = fail(rec.key, { code: "AMBIGUOUS_KEY", message: `${found.length} ${object} records have ${field.name} '${rec.key}' (ids ${ids}); none was written`, fields: [field.name], retryable: false });
      } else if (found.length === 1) {
        const id = found[0]?.Id as number;
        updates.push({ index, id, body: { ...withoutId(rec.fields), id } });
      } else {
        creates.push(index);
      }
    }
  });

  for (let i = 0; i < updates.length; i += deps.writeBatchSize) {
    const chunk = updates.slice(i, i + deps.writeBatchSize);
    // Setting fields to given values can be repeated safely: a batch PATCH is retried as a whole.
    const res = await deps.retrying(() => deps.call({ method: "PATCH", path, body: chunk.map((u) => u.body) }), "idempotent");
    const byId = new Map<number, BatchResult>();
    for (const r of ((res.data as { results?: BatchResult[] }).results ?? [])) if (typeof r.id === "number") byId.set(r.id, r);
    for (const u of chunk) {
      const key = records[u.index]?.key as string;
      const r = byId.get(u.id);
      if (!r) results[u.index] = fail(key, { code: "NO_RESULT", message: `the batch update answered nothing for id ${u.id}`, retryable: true });
      else if (r.success === true) results[u.index] = { key, ok: true, id: String(u.id), created: false };
      else results[u.index] = fail(key, { code: "PORTAL_REJECTED", message: typeof r.message === "string" ? r.message : "refused without a message", retryable: false });
    }
  }

  // The portal creates one record per POST: up to `createConcurrency` of them in flight (default 1),
  // so against a hosted portal the calls' round trips can overlap instead of adding up. Each create has
  // its own key (a key given twice was refused above) and its own lookup-settled outcome, so their
  // order does not matter — but the portal numbers records as they arrive, so more than one in flight
  // gives ids in another order (docs/connector-portal-coupa.md).
  await eachLimited(creates, deps.createConcurrency, async (index) => {
    const rec = records[index] as WriteRecord;
    // The key is always written: it is what lets the next lookup find this record.
    const body = { ...withoutId(rec.fields), [field.name]: typedKey(rec.key) };
    results[index] = await createOne(deps, object, path, keyField, rec.key, body);
  });
  return results.map((r, i) => r ?? fail(records[i]?.key ?? "", { code: "NO_RESULT", message: "not processed", retryable: true }));
}

/**
 * `fn` for every item, at most `limit` at a time. The first failure stops new starts; the calls in
 * flight are let finish (a create sent is a create made: abandoning it would leave its promise
 * unobserved), then that failure is thrown. What the others made is found by the next run's lookup.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failed === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.error;
}

async function createOne(deps: PortalWriterDeps, object: string, path: string, keyField: string, key: string, body: JsonRecord): Promise<WriteResult> {
  try {
    const res = await deps.retrying(() => deps.call({ method: "POST", path, body }), "refusals");
    const id = (res.data as { data?: { id?: unknown } }).data?.id;
    return { key, ok: true, ...(id === undefined ? {} : { id: String(id) }), created: true };
  } catch (e) {
    if (!(e instanceof ConnectorError)) throw e;
    if (e.kind === "client" && e.status === 400) {
      return fail(key, { code: "PORTAL_REJECTED", message: stripRoute(e.message), retryable: false });
    }
    if (e.kind !== "network" && e.kind !== "server") throw e;
    // The answer was lost, not the request: did the portal store it? Ask, never POST again.
    const again = await lookupByKeys(deps, object, keyField, [key], { fields: [] });
    const found = again.matches.get(normalizeKey(again.keyField, key)) ?? [];
    if (found.length === 1) return { key, ok: true, id: String(found[0]?.Id), created: true };
    return fail(key, {
      code: "CREATE_UNCONFIRMED",
      message: `the create was not answered (${stripRoute(e.message)}) and no record with ${keyField} '${key}' exists; the next run's lookup decides`,
      retryable: true,
    });
  }
}

function withoutId(fields: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  for (const [k, v] of Object.entries(fields)) if (k.toLowerCase() !== "id") out[k] = v;
  return out;
}

/** The portal's own words, without the "portal POST /api/…: HTTP 400:" prefix of a ConnectorError. */
function stripRoute(message: string): string {
  return message.replace(/^portal [A-Z]+ \S+: (HTTP \d+: )?/, "");
}
