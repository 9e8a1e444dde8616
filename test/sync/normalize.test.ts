import { describe, expect, it } from "vitest";
import { readMappings } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { openStore } from "../../src/store/store.js";
import { buildEntitySpecs } from "../../src/sync/entity-specs.js";
import { IdMap } from "../../src/sync/id-map.js";
import { normalizeRecords } from "../../src/sync/normalize.js";
import { recordHash } from "../../src/sync/record-hash.js";
import { SHIPPED } from "./sync-harness.js";

function partnerSpec() {
  const m = readMappings(SHIPPED);
  if (!m.ok) throw new Error(m.message);
  const specs = buildEntitySpecs(m.mappings, compileMappings(m.mappings));
  return { specs: new Map(specs.map((s) => [s.entity, s])), spec: specs.find((s) => s.entity === "Partner")! };
}

describe("normalizeRecords' record hash (computed when first read)", () => {
  const { specs, spec } = partnerSpec();
  const side = spec.sides.salesforce!;
  const accounts = (generateDemoData({ size: 40, seed: 3 }).salesforce.records.Account ?? []) as JsonRecord[];

  async function normalized() {
    const store = openStore(":memory:");
    try {
      return await normalizeRecords({ access: {}, idMap: new IdMap(store), specs }, spec, side, accounts);
    } finally {
      store.close();
    }
  }

  it("is the hash of the record's values and keys in the entity's order, as an eager hash was", async () => {
    const { records } = await normalized();
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) expect(r.hash, r.key).toBe(recordHash(r.values, r.keys));
    // Two records that differ in one value differ in hash.
    expect(new Set(records.map((r) => r.hash)).size).toBe(records.length);
  });

  it("goes with JSON, cannot be assigned, and keeps every record of an entity in one fast shape", async () => {
    const { records } = await normalized();
    const [r] = records;
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["system", "key", "systemId", "keys", "values", "hash"]);
    expect(json.hash).toBe(r!.hash);
    expect(() => {
      (r as { hash: string }).hash = "x";
    }).toThrow(TypeError);
    // An object literal with a getter is a V8 dictionary (≈ 0.5 KB a record, docs/bench.md round 13):
    // a normalized record's own properties are its plain fields only.
    for (const x of records) expect(Object.keys(x)).toEqual(["system", "key", "systemId", "keys", "values"]);
  });
});
