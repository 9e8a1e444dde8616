import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mappingJsonSchemaText } from "../../src/mapping/json-schema.js";
import { MAPPING_FILES } from "./shipped-mappings.js";

const committed = () => readFileSync(new URL("../../mappings/mapping.schema.json", import.meta.url), "utf8");

describe("mapping JSON Schema", () => {
  it("the committed mappings/mapping.schema.json equals the schema generated from zod (regenerate: UPDATE_MAPPING_SCHEMA=1)", async () => {
    const generated = mappingJsonSchemaText();
    if (process.env.UPDATE_MAPPING_SCHEMA === "1") {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(new URL("../../mappings/mapping.schema.json", import.meta.url), generated);
    }
    expect(committed()).toBe(generated);
  });

  it("rejects unknown keys in a field mapping, as the loader does", () => {
    const schema = JSON.parse(committed()) as { $defs?: unknown };
    expect(JSON.stringify(schema)).toContain('"additionalProperties":false');
  });

  it.each(MAPPING_FILES)("%s points editors at the schema", (f) => {
    const text = readFileSync(new URL(`../../mappings/${f}`, import.meta.url), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./mapping.schema.json");
  });
});
