// Builds one transform the way compile does, against plain records, for table-driven tests.
import type { JsonRecord } from "../../src/mapping/json-record.js";
import { systemReader, systemWriter } from "../../src/mapping/system-access.js";
import { TRANSFORMS } from "../../src/mapping/transforms.js";
import { BadValue, type CompiledTransform } from "../../src/mapping/transform-types.js";
import type { SystemId } from "../../src/mapping/mapping.schema.js";

export function build(name: string, args: Record<string, unknown> = {}, system: SystemId = "salesforce", field = "F"): CompiledTransform {
  const def = TRANSFORMS.get(name);
  if (def === undefined) throw new Error(`no transform ${name}`);
  return def.build(def.args.parse(args), { system, field, reader: (f) => systemReader(system, f), writer: (f) => systemWriter(system, f) });
}

export const fwd = (t: CompiledTransform, raw: unknown, record: JsonRecord = {}) => t.forward(raw, record);
export const rev = (t: CompiledTransform, value: unknown, out: JsonRecord = {}) => t.reverse(value, out);
export const isBad = (v: unknown): v is BadValue => v instanceof BadValue;
