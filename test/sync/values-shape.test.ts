import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileValuesShape } from "../../src/sync/values-shape.js";

const paths = ["isActive[kind=x]", "a", "b.c", "name", 'we"ird\\key', ...Array.from({ length: 40 }, (_, i) => `field${i}.sub`)];

describe("compiled values shape", () => {
  it("gives the object key by key building gives: same keys, same order, undefined kept", () => {
    const values = paths.map((p, i) => (i % 3 === 0 ? undefined : `${p}=${i}`));
    const byKey: Record<string, unknown> = {};
    paths.forEach((p, i) => (byKey[p] = values[i]));
    const shaped = compileValuesShape(paths)(values);
    expect(Object.keys(shaped)).toEqual(Object.keys(byKey));
    expect(shaped).toStrictEqual(byKey);
    expect(JSON.stringify(shaped)).toBe(JSON.stringify(byKey));
  });

  it("keeps the values in fast properties, where building key by key makes a dictionary (V8)", () => {
    const module = fileURLToPath(new URL("../../dist/sync/values-shape.js", import.meta.url));
    const script = `
      const { compileValuesShape } = await import(${JSON.stringify(module)});
      const paths = ${JSON.stringify(paths)};
      const byKey = {};
      for (const p of paths) byKey[p] = 1;
      const shaped = compileValuesShape(paths)(paths.map(() => 1));
      console.log(JSON.stringify({ shaped: %HasFastProperties(shaped), byKey: %HasFastProperties(byKey) }));`;
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ shaped: true, byKey: false });
  });
});
