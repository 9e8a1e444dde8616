// A converter's toCanonical, generated once per (system, entity) as straight-line code: one block per
// mapped field with the system and canonical property names as literals. A shared loop over fields
// makes every property access megamorphic (44 keys read, 25 written per record through the same
// `rec[field]` / `obj[prop]` sites); literal names give each site one shape, which V8 compiles to a
// plain load or store. That took Salesforce deal registrations from ~85k to well over 100k records/s.
// Names enter the code only through JSON.stringify (valid string literals whatever the mapping says);
// every behaviour stays the closures' (transforms, accessors, defaults, required, errors).
import { parsePath } from "./canonical-path.js";
import type { CompiledField } from "./compile-field.js";
import { jsonNetCamelCase } from "./json-net-camel-case.js";
import type { JsonRecord } from "./json-record.js";
import type { Owner, SystemId } from "./mapping.schema.js";
import { BadValue, type Reader } from "./transform-types.js";

export interface ToCanonicalSpec {
  system: SystemId;
  keys: readonly { system: Owner; field: string; read: Reader }[];
  canonical: Owner;
  keyField: string;
  canonicalKeyField: string;
  withExternalIds: boolean;
  lists: readonly string[];
  readable: readonly CompiledField[];
  idText(raw: unknown): string | null;
}

const lit = (s: string): string => JSON.stringify(s);

/** An expression reading system field `field` of `record`, or null when only the closure can (dotted paths). */
function readExpression(system: SystemId, field: string): string | null {
  if (system === "portal") {
    const camel = jsonNetCamelCase(field);
    // Same as systemReader: the camelCase key of a response first, the defined name otherwise.
    return camel === field ? `record[${lit(field)}]` : `((t = record[${lit(camel)}]) === undefined ? record[${lit(field)}] : t)`;
  }
  return field.includes(".") ? null : `record[${lit(field)}]`;
}

/** A statement setting canonical `path` of `value` to `v`, or null when only the closure can (selectors, deeper paths). */
function setStatement(path: string): string | null {
  const segs = parsePath(path);
  if (segs.some((s) => s.select !== undefined)) return null;
  const [a, b] = segs;
  if (segs.length === 1 && a !== undefined) return `value[${lit(a.prop)}] = v;`;
  if (segs.length === 2 && a !== undefined && b !== undefined) {
    return `{ const n = value[${lit(a.prop)}]; ((n !== null && typeof n === "object") ? n : (value[${lit(a.prop)}] = {}))[${lit(b.prop)}] = v; }`;
  }
  return null;
}

export function compileToCanonical(spec: ToCanonicalSpec): (record: Readonly<JsonRecord>) => unknown {
  const { readable } = spec;
  const lines: string[] = ['"use strict";', "return function toCanonical(record) {", "let t, v, raw, errors;"];
  lines.push('const ids = { salesforce: null, portal: null, coupa: null, "partner-sync": null };');
  spec.keys.forEach((k, i) => lines.push(`ids[${lit(k.system)}] = idText(${readExpression(spec.system, k.field) ?? `K[${i}].read(record)`});`));
  lines.push(`const key = ids[${lit(spec.canonical)}];`);
  if (spec.canonicalKeyField !== "") {
    lines.push(`if (key === null) errors = [{ field: ${lit(spec.keyField)}, systemField: ${lit(spec.canonicalKeyField)}, message: ${lit(`no ${spec.canonical} id: the record cannot be joined`)} }];`);
  }
  lines.push(`const value = { [${lit(spec.keyField)}]: key };`);
  if (spec.withExternalIds) lines.push("value.externalIds = ids;");
  for (const l of spec.lists) lines.push(`value[${lit(l)}] = [];`);
  readable.forEach((f, i) => {
    const error = (message: string): string => `(errors ??= []).push({ field: ${lit(f.path)}, systemField: ${lit(f.systemField)}, message: ${message} });`;
    lines.push(`raw = ${readExpression(spec.system, f.systemField) ?? `F[${i}].read(record)`};`);
    lines.push(f.transform.handlesNull ? `v = F[${i}].transform.forward(raw, record);` : `v = raw == null ? null : F[${i}].transform.forward(raw, record);`);
    lines.push(`if (v instanceof BadValue) ${error("v.message")}`);
    lines.push("else {");
    if (f.default !== undefined) lines.push(`if (v === null) v = F[${i}].default;`);
    const set = setStatement(f.path) ?? `F[${i}].canonical.set(value, v);`;
    lines.push(f.required ? `if (v === null) ${error(lit("a value is required"))} else ${set}` : set);
    lines.push("}");
  });
  lines.push("return errors === undefined ? { ok: true, value, keys: ids } : { ok: false, key, errors };", "};");
  // eslint-disable-next-line no-new-func -- generated from literals above, see the file comment
  const make = new Function("K", "F", "BadValue", "idText", lines.join("\n")) as (...args: unknown[]) => (record: Readonly<JsonRecord>) => unknown;
  return make(spec.keys, readable, BadValue, spec.idText);
}
