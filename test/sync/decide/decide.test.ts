// Properties of the whole decide step on a generated world: a second pass over the applied result
// writes nothing, the same input and instant give identical JSON, and input order does not matter.
import { describe, expect, it } from "vitest";
import { decide } from "../../../src/sync/decide/decide.js";
import { syntheticWorld } from "../../../src/sync/decide/synthetic-world.js";
import { buildWorld, type WorldInput } from "../../../src/sync/decide/world.js";
import { applyDecisions, context } from "./world-builders.js";

const NOW = "2026-06-15T12:00:00Z";

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("decide over a generated world", () => {
  const input = syntheticWorld({ registrations: 3000, seed: 11, asOf: new Date(NOW) });
  const newlyApprovedIds = new Set(input.registrations.filter((r, i) => r.status === "Approved" && i % 7 === 0).map((r) => r.id));
  const ctx = context(NOW, { newlyApprovedIds });
  const first = decide(buildWorld(input), ctx);

  it("makes writes of every kind on the first pass (so the properties below are not vacuous)", () => {
    const entities = new Set(first.writes.map((w) => w.entity));
    expect([...entities].sort()).toEqual(["DealRegistration", "EvaluationLicense", "NfrLicense", "Opportunity", "Partner", "Prospect", "RebateAccrual"]);
    const statuses = new Set(first.writes.filter((w) => w.entity === "DealRegistration").map((w) => w.fields.status));
    expect(statuses).toContain("Expired");
    expect(first.withheld.length).toBeGreaterThan(0);
  });

  it("writes nothing on a second pass over the applied result (idempotence)", () => {
    const applied = applyDecisions(input, first);
    const second = decide(buildWorld(applied), ctx);
    expect(second.writes).toEqual([]);
    // Automatic actions are reported with their writes only, so none repeat; violations still do.
    expect(second.findings.filter((f) => f.severity === "action")).toEqual([]);
    expect(second.findings.length).toBeGreaterThan(0);
  });

  it("gives byte-identical JSON for the same world and instant", () => {
    const again = decide(buildWorld(input), ctx);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it("gives byte-identical JSON whatever order the systems returned the records in", () => {
    const reordered: WorldInput = {
      ...input,
      partners: shuffled(input.partners, 1), registrations: shuffled(input.registrations, 2), opportunities: shuffled(input.opportunities, 3),
      prospects: shuffled(input.prospects ?? [], 4), nfrLicenses: shuffled(input.nfrLicenses ?? [], 5),
      evaluationLicenses: shuffled(input.evaluationLicenses ?? [], 6), supplierBanking: shuffled(input.supplierBanking ?? [], 7),
    };
    expect(JSON.stringify(decide(buildWorld(reordered), ctx))).toBe(JSON.stringify(first));
  });

  it("sorts writes by entity and key, findings by entity, key and rule", () => {
    const writeKeys = first.writes.map((w) => `${w.entity}\u0000${w.key}`);
    expect(writeKeys).toEqual([...writeKeys].sort());
    const findingKeys = first.findings.map((f) => `${f.entity}\u0000${f.key}\u0000${f.rule}\u0000${f.code}`);
    expect(findingKeys).toEqual([...findingKeys].sort());
  });

  it("decides differently at another instant (the instant is an input, not the clock)", () => {
    const later = decide(buildWorld(input), context("2026-09-15T12:00:00Z", { newlyApprovedIds }));
    expect(later.writes.length).not.toBe(first.writes.length);
  });
});
