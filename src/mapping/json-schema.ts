// JSON Schema of a mapping file for editors (yaml-language-server), generated from the zod schema so
// the two cannot disagree. mappings/mapping.schema.json is this output, committed; a test keeps it current.
import { z } from "zod";
import { mappingFileSchema } from "./mapping.schema.js";
import { TRANSFORMS } from "./transforms.js";

export function mappingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(mappingFileSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    ...schema,
    title: "partner-sync field mappings (mappings/*.yaml)",
    description: `One file per system. Transforms: ${[...TRANSFORMS.keys()].join(", ")}. See docs/mappings.md.`,
  };
}

/** The file's exact text: stable key order, two-space indent, trailing newline. */
export function mappingJsonSchemaText(): string {
  return `${JSON.stringify(mappingJsonSchema(), null, 2)}\n`;
}
