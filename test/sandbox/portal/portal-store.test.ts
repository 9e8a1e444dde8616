// Key lookups (`F = a or F = b …`) answer from a per-field index kept up to date by every write; the
// answer is what testing every record gives (same filter semantics, order, paging and count).
import { describe, expect, it } from "vitest";
import { compileFilter, keyEqualities } from "../../../src/sandbox/portal/filter-evaluator.js";
import { parseFilter } from "../../../src/sandbox/portal/filter-parser.js";
import { buildTables, type ListSpec } from "../../../src/sandbox/portal/portal-store.js";
import { T0, portalSeed } from "./fixture.js";

function table() {
  const seed = portalSeed();
  return buildTables(seed.objects, seed.records, () => T0).get("account")!;
}

function spec(t: ReturnType<typeof table>, filter: string, indexed: boolean): ListSpec {
  const parsed = parseFilter(filter);
  const eq = keyEqualities(parsed, t.schema);
  return { predicate: compileFilter(parsed, t.schema), ...(indexed && eq ? { equalities: eq } : {}), filterKey: filter, order: [{ field: "Updated", desc: false }, { field: "Id", desc: false }], skip: 0, take: 100 };
}

const ids = (r: { page: Record<string, unknown>[] }) => r.page.map((x) => x.Id);

describe("portal table, key lookups", () => {
  it("finds by equalities of one field, case-insensitively for text, the same records in the same order as a scan", () => {
    const t = table();
    for (const f of ["CrmId = '001a' or CrmId = '001E' or CrmId = 'nope'", "Id = 3 or Id = 1", "Name = 'GAMMA'", "NFR_Seats__cf = 5"]) {
      expect(keyEqualities(parseFilter(f), t.schema), f).toBeDefined();
      expect(t.list(spec(t, f, true)), f).toEqual(t.list(spec(t, f, false)));
    }
    expect(ids(t.list(spec(t, "CrmId = '001a' or CrmId = '001E'", true)))).toEqual([1, 5]);
  });

  it("leaves any other filter to the scan (mixed fields, other operators, null)", () => {
    const t = table();
    for (const f of ["CrmId = '001A' or Name = 'gamma'", "NFR_Seats__cf > 3", "CrmId = null", "CrmId = '001A' and Name = 'Acme'"]) {
      expect(keyEqualities(parseFilter(f), t.schema), f).toBeUndefined();
    }
  });

  it("follows creates and updates: a changed key is found by its new value only", () => {
    const t = table();
    const lookup = (f: string) => ids(t.list(spec(t, f, true)));
    expect(lookup("CrmId = '001A'")).toEqual([1]); // the index is built here
    expect(t.update(1, { CrmId: "001Z" }).ok).toBe(true);
    const created = t.create({ Name: "Zeta", CrmId: "001a" });
    expect(created.ok).toBe(true);
    const newId = created.ok ? created.record.Id : undefined;
    expect(lookup("CrmId = '001A'")).toEqual([newId]);
    expect(lookup("CrmId = '001z'")).toEqual([1]);
    expect(t.list(spec(t, "CrmId = '001A' or CrmId = '001Z'", true))).toEqual(t.list(spec(t, "CrmId = '001A' or CrmId = '001Z'", false)));
  });
});
