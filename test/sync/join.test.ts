import { describe, expect, it } from "vitest";
import { readMappings } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import { buildEntitySpecs } from "../../src/sync/entity-specs.js";
import { joinRecords, mergedValue, mergedValues } from "../../src/sync/join.js";
import type { SystemRecord } from "../../src/sync/normalize.js";
import { SHIPPED } from "./sync-harness.js";

function partnerSpec() {
  const m = readMappings(SHIPPED);
  if (!m.ok) throw new Error(m.message);
  return buildEntitySpecs(m.mappings, compileMappings(m.mappings)).find((s) => s.entity === "Partner")!;
}

describe("merged values of a joined record", () => {
  it("take each field from its owner, else from the first view holding it; one field alone gives the same", () => {
    const spec = partnerSpec();
    const owned = spec.paths.map((a) => a.path).filter((p) => spec.owners.get(p) === "salesforce");
    const [ownerHas, ownerLacks] = owned;
    expect(ownerLacks, "the Partner mapping has two Salesforce-owned fields").toBeDefined();
    const keys = { salesforce: "001A", portal: "7", coupa: null, "partner-sync": null };
    const view = (system: "salesforce" | "portal", values: Record<string, unknown>): SystemRecord => ({ system, key: "7", systemId: keys[system], keys, values, hash: system });
    const j = joinRecords(spec, [
      view("portal", { [ownerHas!]: "portal's", [ownerLacks!]: "portal's" }),
      view("salesforce", { [ownerHas!]: "salesforce's", [ownerLacks!]: null }),
    ]).get("7")!;
    const all = mergedValues(spec, j);
    expect(all[ownerHas!]).toBe("salesforce's");
    expect(all[ownerLacks!]).toBe("portal's");
    for (const a of spec.paths) expect(mergedValue(spec, j, a.path), a.path).toEqual(all[a.path]);
  });
});
