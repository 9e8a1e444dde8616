// The mappings/*.yaml files as shipped, read the way the CLI reads them.
import { readFileSync } from "node:fs";
import { compileMappings } from "../../src/mapping/compile.js";
import { loadMappings, type LoadedMappings, type MappingSource } from "../../src/mapping/load-mappings.js";

export const MAPPING_FILES = ["salesforce.yaml", "portal.yaml", "coupa.yaml"];

export function shippedSources(): MappingSource[] {
  return MAPPING_FILES.map((f) => ({ path: `mappings/${f}`, text: readFileSync(new URL(`../../mappings/${f}`, import.meta.url), "utf8") }));
}

export function shippedMappings(): LoadedMappings {
  const r = loadMappings(shippedSources());
  if (!r.ok) throw new Error(`shipped mappings invalid:\n${JSON.stringify(r.problems, null, 2)}`);
  return r.mappings;
}

export const shippedConverters = () => compileMappings(shippedMappings());
