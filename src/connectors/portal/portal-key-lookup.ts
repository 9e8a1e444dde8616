// Fetching portal records by the values of a key field (`CrmId = '001A' or CrmId = '001B' …`), in
// batches bounded by count and by filter length because the filter rides in the URL. The engine uses
// it for the counterparts of changed records; upsert uses it to tell updates from creates.
import type { JsonRecord, PortalFieldDef } from "../../sandbox/contracts.js";
import { ConnectorError } from "../shared/connector-error.js";
import { keyFilters, keyLiteral } from "./portal-filter.js";
import { type PortalReaderDeps, readPortalPages } from "./portal-reader.js";

export interface KeyLookupLimits {
  /** Equalities per filter. */
  maxKeysPerLookup: number;
  /** Characters of one filter before URL-encoding. */
  maxFilterChars: number;
}

export interface KeyLookup {
  keyField: PortalFieldDef;
  /** Matches per normalised key (see `normalizeKey`); a key with no entry matched nothing. */
  matches: Map<string, JsonRecord[]>;
  /** Keys that cannot be values of the key field (e.g. "abc" for an Integer field). */
  invalid: Set<string>;
}

/**
 * The portal compares text case-insensitively (`CrmId = '001a'` finds `001A`), so matches are
 * grouped the same way; otherwise a record found by the portal would look missing here and be
 * created a second time.
 */
export function normalizeKey(field: PortalFieldDef, value: unknown): string {
  const text = String(value);
  return ["Integer", "Decimal", "Reference", "Boolean"].includes(field.dataType) ? text : text.toLowerCase();
}

export async function lookupByKeys(
  deps: PortalReaderDeps & KeyLookupLimits,
  object: string,
  keyField: string,
  keys: readonly (string | number)[],
  options: { fields: readonly string[]; signal?: AbortSignal },
): Promise<KeyLookup> {
  const schema = await deps.schemas.object(object);
  const field = schema.field(keyField);
  if (!field) {
    throw new ConnectorError({ system: "portal", route: `GET /api/objects/v1/${object}/_describe`, kind: "client" }, `${object} has no field '${keyField}' to look records up by`);
  }
  const invalid = new Set<string>();
  const literals = new Map<string, string>();
  for (const key of keys) {
    const lit = keyLiteral(field, key);
    if (lit === undefined) invalid.add(String(key));
    else literals.set(normalizeKey(field, key), lit);
  }
  const matches = new Map<string, JsonRecord[]>();
  for (const where of keyFilters(field.name, [...literals.values()], deps.maxKeysPerLookup, deps.maxFilterChars)) {
    for await (const page of readPortalPages(deps, object, { fields: [...options.fields, field.name], where, ...(options.signal ? { signal: options.signal } : {}) })) {
      for (const rec of page.records) {
        const k = normalizeKey(field, rec[field.name]);
        const list = matches.get(k) ?? [];
        list.push(rec);
        matches.set(k, list);
      }
    }
  }
  return { keyField: field, matches, invalid };
}
