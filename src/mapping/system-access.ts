// How a system field is read from and written to a record of that system, compiled once per field.
// Portal responses camelCase keys (Json.NET) while its data folders and our writes use the names as
// defined, so a portal reader tries the camelCase key first and falls back to the defined one.
// Coupa and Salesforce fields may be dotted paths into nested objects (`supplier.number`).
import type { JsonRecord } from "./json-record.js";
import { jsonNetCamelCase } from "./json-net-camel-case.js";
import type { SystemId } from "./mapping.schema.js";
import type { Reader, Writer } from "./transform-types.js";

function pathReader(parts: readonly string[]): Reader {
  return (rec) => {
    let cur: unknown = rec;
    for (const p of parts) {
      if (cur === null || typeof cur !== "object") return undefined;
      cur = (cur as JsonRecord)[p];
    }
    return cur;
  };
}

function pathWriter(parts: readonly string[]): Writer {
  const last = parts[parts.length - 1] ?? "";
  const parents = parts.slice(0, -1);
  return (out, value) => {
    let cur = out;
    for (const p of parents) {
      const next = cur[p];
      cur = (next !== null && typeof next === "object" ? next : (cur[p] = {})) as JsonRecord;
    }
    cur[last] = value;
  };
}

export function systemReader(system: SystemId, field: string): Reader {
  if (system === "portal") {
    const camel = jsonNetCamelCase(field);
    if (camel === field) return (rec) => rec[field];
    return (rec) => {
      const v = rec[camel];
      return v === undefined ? rec[field] : v;
    };
  }
  const parts = field.split(".");
  if (parts.length === 1) return (rec) => rec[field];
  return pathReader(parts);
}

export function systemWriter(system: SystemId, field: string): Writer {
  const parts = system === "portal" ? [field] : field.split(".");
  if (parts.length === 1) return (out, value) => { out[field] = value; };
  return pathWriter(parts);
}
