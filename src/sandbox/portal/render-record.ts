// The wire form of a portal record: Json.NET camelCase keys, every field present (nulls included),
// timestamps in the tenant's offset. Rendering dominates list latency, so the full form of each stored
// record is cached by identity (the store replaces the object on every write).
import type { JsonRecord } from "../contracts.js";
import type { StoredRecord } from "./filter-evaluator.js";
import type { ObjectSchema, SchemaField } from "./object-schema.js";
import { renderValue } from "./portal-values.js";

const rendered = new WeakMap<StoredRecord, JsonRecord>();
const serialized = new WeakMap<StoredRecord, string>();
const keyPrefixes = new WeakMap<ObjectSchema, string[]>();

export function renderRecord(schema: ObjectSchema, rec: StoredRecord, fields?: SchemaField[]): JsonRecord {
  let full = rendered.get(rec);
  if (!full) {
    full = {};
    for (const f of schema.fields) full[f.jsonKey] = renderValue(f, rec[f.name]);
    rendered.set(rec, full);
  }
  if (!fields) return full;
  // The id always comes back *(choice)*: a projection without it could not be written back.
  const out: JsonRecord = { id: full.id };
  for (const f of fields) out[f.jsonKey] = full[f.jsonKey];
  return out;
}

/** The JSON text of a record (all fields), cached: list pages are assembled from these strings. */
export function renderRecordJson(schema: ObjectSchema, rec: StoredRecord, fields?: SchemaField[]): string {
  if (fields) return JSON.stringify(renderRecord(schema, rec, fields));
  let text = serialized.get(rec);
  if (text === undefined) {
    // Written directly rather than via an object and JSON.stringify: this is the hot path of a full read.
    let prefixes = keyPrefixes.get(schema);
    if (!prefixes) {
      prefixes = schema.fields.map((f, i) => `${i === 0 ? "{" : ","}${JSON.stringify(f.jsonKey)}:`);
      keyPrefixes.set(schema, prefixes);
    }
    text = "";
    for (let i = 0; i < schema.fields.length; i++) {
      const f = schema.fields[i] as SchemaField;
      text += `${prefixes[i]}${JSON.stringify(renderValue(f, rec[f.name]))}`;
    }
    text += "}";
    serialized.set(rec, text);
  }
  return text;
}
