// One portal object as the emulator sees it: its field definitions plus the system fields every
// portal record carries, looked up case-insensitively (clients send PascalCase or camelCase), with
// each field's response key precomputed once (Json.NET camelCase) because rendering is the hot path.
import type { PortalFieldDef, PortalObjectDef } from "../contracts.js";
import { jsonNetCamelCase } from "../../mapping/json-net-camel-case.js";

/** Present on every object whether or not the seed defines them *(choice)*; the emulator owns them. */
export const SYSTEM_FIELDS: readonly PortalFieldDef[] = [
  { name: "Id", dataType: "Integer", isReadOnly: true, isFilterable: true, isRequired: false },
  { name: "Created", dataType: "DateTime", isReadOnly: true, isFilterable: true, isRequired: false },
  { name: "Updated", dataType: "DateTime", isReadOnly: true, isFilterable: true, isRequired: false },
  { name: "RecordVersion", dataType: "Integer", isReadOnly: true, isFilterable: true, isRequired: false },
];

export interface SchemaField extends PortalFieldDef {
  /** The key this field has in responses. */
  readonly jsonKey: string;
}

export interface ObjectSchema {
  readonly name: string;
  readonly label: string;
  readonly fields: readonly SchemaField[];
  field(name: string): SchemaField | undefined;
}

export function buildObjectSchema(def: PortalObjectDef): ObjectSchema {
  const byLower = new Map<string, SchemaField>();
  const fields: SchemaField[] = [];
  const add = (f: PortalFieldDef, force: boolean) => {
    const key = f.name.toLowerCase();
    const existing = byLower.get(key);
    // A seed may define Id/Updated itself; the system definition wins so they stay read-only.
    const merged: SchemaField = { ...f, ...(force ? { isReadOnly: true } : {}), jsonKey: jsonNetCamelCase(f.name) };
    if (existing) fields[fields.indexOf(existing)] = merged;
    else fields.push(merged);
    byLower.set(key, merged);
  };
  for (const f of SYSTEM_FIELDS) add(f, true);
  for (const f of def.fields) {
    const system = SYSTEM_FIELDS.find((s) => s.name.toLowerCase() === f.name.toLowerCase());
    add(system ? { ...system, name: system.name } : f, system !== undefined);
  }
  return {
    name: def.name,
    label: def.label ?? def.name,
    fields,
    // Json.NET camelCase only changes the case, so one lower-cased lookup serves both spellings.
    field: (name) => byLower.get(name.toLowerCase()),
  };
}
