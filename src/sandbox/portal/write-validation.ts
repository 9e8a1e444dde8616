// Checks one record a client wants to write (a PATCH body, one element of a batch, a POST body)
// against the object's schema. Keys may be PascalCase or camelCase, as the portal accepts both.
// The first problem fails the whole record, with a message naming the field.
import type { ObjectSchema } from "./object-schema.js";
import { coerceValue } from "./portal-values.js";

export type WriteCheck = { ok: true; values: Record<string, unknown> } | { ok: false; message: string };

export function validateWrite(schema: ObjectSchema, body: unknown, mode: "create" | "update"): WriteCheck {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, message: "The record must be a JSON object" };
  }
  const values: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(body)) {
    const field = schema.field(key);
    if (!field) return { ok: false, message: `Unknown field '${key}' on ${schema.name}` };
    // On update the id names the record (batch bodies carry it); the caller has matched it already.
    if (mode === "update" && field.name === "Id") continue;
    if (field.isReadOnly) return { ok: false, message: `Field '${field.name}' is read-only` };
    if (field.name in values) return { ok: false, message: `Field '${field.name}' is given twice` };
    const coerced = coerceValue(field, raw);
    if (!coerced.ok) return coerced;
    if (coerced.value === null && field.isRequired) {
      return { ok: false, message: `Field '${field.name}' is required and cannot be null` };
    }
    values[field.name] = coerced.value;
  }
  if (mode === "create") {
    const missing = schema.fields.filter((f) => f.isRequired && !f.isReadOnly && values[f.name] == null);
    if (missing.length > 0) {
      return { ok: false, message: `Required field(s) missing: ${missing.map((f) => f.name).join(", ")}` };
    }
  }
  return { ok: true, values };
}
