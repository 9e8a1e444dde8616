import { describe, expect, it } from "vitest";
import { readMappings } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import { buildEntitySpecs } from "../../src/sync/entity-specs.js";
import { joinRecords, mergedValue, mergedValues, toPlanInput } from "../../src/sync/join.js";
import { planEntity } from "../../src/sync/plan.js";
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

describe("the planner's view of a joined record (toPlanInput)", () => {
  const spec = partnerSpec();
  const keys = { salesforce: "001A", portal: "7", coupa: null, "partner-sync": null };
  const view = (system: "salesforce" | "portal", values: Record<string, unknown>): SystemRecord => ({ system, key: "7", systemId: keys[system], keys, values, hash: system });
  const owned = spec.paths.map((a) => a.path).filter((p) => spec.owners.get(p) === "salesforce");

  it("asks whether a view changed since the last sync only when the planner reads it, and once", () => {
    const field = owned[0]!;
    const j = joinRecords(spec, [view("portal", { [field]: "same" }), view("salesforce", { [field]: "same" })]).get("7")!;
    const asked: string[] = [];
    const input = toPlanInput(j, (v) => {
      asked.push(v.system);
      return true;
    });
    // Nothing differs: the plan has no change, and no view was asked about.
    expect(planEntity(input, spec.plan).flatMap((w) => w.changes)).toEqual([]);
    expect(asked).toEqual([]);
    expect(input.views.portal?.changedSinceSync).toBe(true);
    expect(input.views.portal?.changedSinceSync).toBe(true);
    expect(asked).toEqual(["portal"]);
  });

  it("marks a non-owner's different value as drift when that view changed since the last sync", () => {
    const field = spec.plan.fields.find((f) => f.owner === "salesforce" && f.targets.includes("portal"))!.field;
    const j = joinRecords(spec, [view("portal", { [field]: "edited on the portal" }), view("salesforce", { [field]: "owner's" })]).get("7")!;
    const plan = (changed: boolean) => planEntity(toPlanInput(j, () => changed), spec.plan).flatMap((w) => w.changes).find((c) => c.field === field);
    expect(plan(true)).toMatchObject({ from: "edited on the portal", to: "owner's", drift: true });
    expect(plan(false)).toMatchObject({ from: "edited on the portal", to: "owner's", drift: false });
  });
});
