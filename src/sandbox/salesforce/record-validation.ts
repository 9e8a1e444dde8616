// Checks a write against the describe the way Salesforce does, and returns the values in stored form.
import type { JsonRecord, SfFieldDescribe } from "../contracts.js";
import { canonicalDateTime, isDate } from "./sf-datetime.js";
import { isSfId, normalizeId } from "./sf-id.js";
import { NUMBER_TYPES, type SObjectTable } from "./sobject-table.js";

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type Checked = { ok: true; values: JsonRecord } | { ok: false; error: RecordError };

/** `values` keyed by describe names; `undefined` values are "leave unchanged" (Bulk empty cells). */
export function checkWrite(table: SObjectTable, input: JsonRecord, mode: "create" | "update"): Checked {
  const values: JsonRecord = {};
  for (const [key, raw] of Object.entries(input)) {
    if (key === "attributes" || raw === undefined) continue;
    const f = table.field(key);
    if (!f) return fail("INVALID_FIELD", `No such column '${key}' on sobject of type ${table.name}`, []);
    if (mode === "create" ? !f.createable : !f.updateable) {
      return fail(
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [f.name],
      );
    }
    const v = convert(f, raw);
    if ("error" in v) return { ok: false, error: v.error };
    values[f.name] = v.value;
  }
  const missing = table.requiredFields.filter((f) =>
    mode === "create" ? values[f.name] === undefined || values[f.name] === null : values[f.name] === null,
  );
  if (missing.length > 0) {
    const names = missing.map((f) => f.name);
    return fail("REQUIRED_FIELD_MISSING", `Required fields are missing: [${names.join(", ")}]`, names);
  }
  return { ok: true, values };
}

function convert(f: SfFieldDescribe, raw: unknown): { value: unknown } | { error: RecordError } {
  if (raw === null) return { value: null };
  const wrongType = (): { error: RecordError } => ({
    error: { statusCode: "INVALID_TYPE_ON_FIELD_IN_RECORD", message: `${f.label ?? f.name}: value not of required type: ${String(raw)}`, fields: [f.name] },
  });
  switch (f.type) {
    case "boolean":
      if (typeof raw === "boolean") return { value: raw };
      if (raw === "true" || raw === "false") return { value: raw === "true" };
      return wrongType();
    case "datetime": {
      const c = typeof raw === "string" ? canonicalDateTime(raw) : undefined;
      return c ? { value: c } : wrongType();
    }
    case "date":
      return typeof raw === "string" && isDate(raw) ? { value: raw } : wrongType();
    case "id":
    case "reference":
      if (typeof raw !== "string" || !isSfId(raw)) {
        return { error: { statusCode: "MALFORMED_ID", message: `${f.label ?? f.name}: id value of incorrect type: ${String(raw)}`, fields: [f.name] } };
      }
      return { value: normalizeId(raw) };
  }
  if (NUMBER_TYPES.has(f.type)) {
    const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (!Number.isFinite(n) || ((f.type === "int" || f.type === "long") && !Number.isInteger(n))) return wrongType();
    return { value: n };
  }
  const text = typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : undefined;
  if (text === undefined) return wrongType();
  if (f.length !== undefined && f.length > 0 && text.length > f.length) {
    return {
      error: {
        statusCode: "STRING_TOO_LONG",
        message: `${f.label ?? f.name}: data value too large: ${text.slice(0, 40)} (max length=${f.length})`,
        fields: [f.name],
      },
    };
  }
  if ((f.type === "picklist" || f.type === "multipicklist") && f.picklistValues) {
    const allowed = new Set(f.picklistValues.filter((p) => p.active).map((p) => p.value));
    const chosen = f.type === "multipicklist" ? text.split(";") : [text];
    const bad = chosen.find((c) => !allowed.has(c));
    if (bad !== undefined) {
      return {
        error: { statusCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", message: `${f.label ?? f.name}: bad value for restricted picklist field: ${bad}`, fields: [f.name] },
      };
    }
  }
  return { value: text };
}

function fail(statusCode: string, message: string, fields: string[]): Checked {
  return { ok: false, error: { statusCode, message, fields } };
}
