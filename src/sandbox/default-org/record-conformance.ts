// Does a record, in its system's wire representation, conform to the default org's schema? Used to
// prove generated and hand-written data sets valid (and the malformed demo records invalid).
import type { JsonRecord, PortalObjectDef, SfFieldDescribe, SfSObjectDescribe } from "../contracts.js";
import type { CoupaFieldType, CoupaResourceDoc } from "./coupa-resources.js";

export interface ConformanceProblem {
  field: string;
  problem: "unknown-field" | "required-missing" | "wrong-type" | "too-long" | "unknown-picklist-value" | "bad-email";
  detail: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SF_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;
const SF_ID = /^[a-zA-Z0-9]{18}$/;

const SF_STRINGS = new Set(["string", "textarea", "email", "phone", "url", "picklist", "multipicklist"]);
const SF_NUMBERS = new Set(["double", "currency", "percent", "int"]);

function sfValueProblem(f: SfFieldDescribe, v: unknown): ConformanceProblem | undefined {
  const bad = (problem: ConformanceProblem["problem"], detail: string) => ({ field: f.name, problem, detail });
  if (f.type === "boolean") return typeof v === "boolean" ? undefined : bad("wrong-type", `expected boolean, got ${JSON.stringify(v)}`);
  if (SF_NUMBERS.has(f.type)) return typeof v === "number" && Number.isFinite(v) ? undefined : bad("wrong-type", `expected number, got ${JSON.stringify(v)}`);
  if (typeof v !== "string") return bad("wrong-type", `expected ${f.type} string, got ${JSON.stringify(v)}`);
  if (f.type === "id" || f.type === "reference") return SF_ID.test(v) ? undefined : bad("wrong-type", `not an 18-character id: ${v}`);
  if (f.type === "datetime") return SF_DATETIME.test(v) ? undefined : bad("wrong-type", `not a Salesforce datetime: ${v}`);
  if (f.type === "date") return DAY.test(v) ? undefined : bad("wrong-type", `not a date: ${v}`);
  if (!SF_STRINGS.has(f.type)) return bad("wrong-type", `unsupported type ${f.type}`);
  if (f.length !== undefined && v.length > f.length) return bad("too-long", `${v.length} > ${f.length}`);
  if (f.type === "email" && !EMAIL.test(v)) return bad("bad-email", v);
  if (f.type === "picklist" && !f.picklistValues?.some((p) => p.value === v)) return bad("unknown-picklist-value", v);
  return undefined;
}

export function checkSfRecord(describe: SfSObjectDescribe, record: JsonRecord): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const byName = new Map(describe.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(record)) {
    const f = byName.get(name);
    if (!f) problems.push({ field: name, problem: "unknown-field", detail: `${describe.name} has no field ${name}` });
    else if (value !== null) {
      const p = sfValueProblem(f, value);
      if (p) problems.push(p);
    }
  }
  for (const f of describe.fields) {
    // Id is assigned on load when absent; other non-nillable fields must be there.
    if (!f.nillable && f.name !== "Id" && (record[f.name] === undefined || record[f.name] === null)) {
      problems.push({ field: f.name, problem: "required-missing", detail: `${describe.name}.${f.name} is required` });
    }
  }
  return problems;
}

function portalValueProblem(f: PortalObjectDef["fields"][number], v: unknown): ConformanceProblem | undefined {
  const bad = (problem: ConformanceProblem["problem"], detail: string) => ({ field: f.name, problem, detail });
  switch (f.dataType) {
    case "Boolean": return typeof v === "boolean" ? undefined : bad("wrong-type", `expected Boolean, got ${JSON.stringify(v)}`);
    case "Integer":
    case "Reference": return Number.isInteger(v) ? undefined : bad("wrong-type", `expected ${f.dataType} (integer), got ${JSON.stringify(v)}`);
    case "Decimal": return typeof v === "number" && Number.isFinite(v) ? undefined : bad("wrong-type", `expected Decimal, got ${JSON.stringify(v)}`);
  }
  if (typeof v !== "string") return bad("wrong-type", `expected ${f.dataType} string, got ${JSON.stringify(v)}`);
  if (f.dataType === "Date") return DAY.test(v) ? undefined : bad("wrong-type", `not a date: ${v}`);
  if (f.dataType === "DateTime") return OFFSET_DATETIME.test(v) ? undefined : bad("wrong-type", `not a datetime with offset: ${v}`);
  if (f.maxLength !== undefined && v.length > f.maxLength) return bad("too-long", `${v.length} > ${f.maxLength}`);
  if (f.dataType === "Email" && !EMAIL.test(v)) return bad("bad-email", v);
  if (f.dataType === "Picklist" && !f.picklistValues?.includes(v)) return bad("unknown-picklist-value", v);
  return undefined;
}

export function checkPortalRecord(def: PortalObjectDef, record: JsonRecord): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const byName = new Map(def.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(record)) {
    const f = byName.get(name);
    if (!f) problems.push({ field: name, problem: "unknown-field", detail: `${def.name} has no field ${name}` });
    else if (value !== null) {
      const p = portalValueProblem(f, value);
      if (p) problems.push(p);
    }
  }
  for (const f of def.fields) {
    if (f.isRequired && (record[f.name] === undefined || record[f.name] === null || record[f.name] === "")) {
      problems.push({ field: f.name, problem: "required-missing", detail: `${def.name}.${f.name} is required` });
    }
  }
  return problems;
}

function coupaTypeOk(type: CoupaFieldType, v: unknown): boolean {
  switch (type) {
    case "integer": return Number.isInteger(v);
    case "boolean": return typeof v === "boolean";
    case "decimal-string": return typeof v === "string" && /^-?\d+\.\d{2}$/.test(v);
    case "datetime": return typeof v === "string" && OFFSET_DATETIME.test(v);
    case "date": return typeof v === "string" && DAY.test(v);
    case "object": return typeof v === "object" && !Array.isArray(v);
    case "array": return Array.isArray(v);
    case "string": return typeof v === "string";
  }
}

/** Walks nested objects and arrays: every path must be documented, with its type and values. */
export function checkCoupaRecord(doc: CoupaResourceDoc, record: JsonRecord): ConformanceProblem[] {
  const byPath = new Map(doc.fields.map((f) => [f.path, f]));
  const problems: ConformanceProblem[] = [];
  const walk = (obj: JsonRecord, prefix: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix + key;
      const f = byPath.get(path);
      if (!f) { problems.push({ field: path, problem: "unknown-field", detail: `${doc.name} has no field ${path}` }); continue; }
      if (value === null) continue;
      if (!coupaTypeOk(f.type, value)) problems.push({ field: path, problem: "wrong-type", detail: `expected ${f.type}, got ${JSON.stringify(value)}` });
      else if (f.values && !f.values.includes(value as string)) problems.push({ field: path, problem: "unknown-picklist-value", detail: String(value) });
      else if (f.type === "array") for (const item of value as JsonRecord[]) walk(item, `${path}[].`);
      else if (f.type === "object") walk(value as JsonRecord, `${path}.`);
    }
  };
  walk(record, "");
  return problems;
}
