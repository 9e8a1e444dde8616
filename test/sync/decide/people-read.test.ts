// A sync page loads people only for the partners named by a registration or an NFR license
// (related-records.ts partnersWithPeople); every other partner's `people` throws when read
// (world-input.ts). These tests pin that the rules read no other partner's people, and that the
// world marks the partners as the page loaded them.
import { describe, expect, it } from "vitest";
import { readMappings } from "../../../src/cli/sync.command.js";
import type { Partner } from "../../../src/domain/index.js";
import { compileMappings } from "../../../src/mapping/compile.js";
import { decide } from "../../../src/sync/decide/decide.js";
import { syntheticWorld } from "../../../src/sync/decide/synthetic-world.js";
import { buildWorld, type WorldInput } from "../../../src/sync/decide/world.js";
import { buildEntitySpecs } from "../../../src/sync/entity-specs.js";
import { emptyJoined, type JoinedRecord } from "../../../src/sync/join.js";
import { partnersWithPeople } from "../../../src/sync/related-records.js";
import { worldInput } from "../../../src/sync/world-input.js";
import { SHIPPED } from "../sync-harness.js";
import { context, opportunity, partner, person, registration } from "./world-builders.js";

const NOW = "2026-06-15T12:00:00Z";

/** The input with every partner's people unreadable except those of `loaded` (what a page's world holds). */
function hidingPeople(input: WorldInput, loaded: ReadonlySet<string>): WorldInput {
  const partners = input.partners.map((p) => {
    const copy = { ...p };
    if (!loaded.has(p.id)) {
      Object.defineProperty(copy, "people", { enumerable: false, get: () => { throw new Error(`people of ${p.id} read`); } });
    }
    return copy as Partner;
  });
  return { ...input, partners };
}

describe("the rules read people only of partners named by a registration or an NFR license", () => {
  it("decide gives the same decisions over a generated world when every other partner's people are unreadable", () => {
    // A page's world: every partner, opportunity and prospect, but the registrations and NFR licenses
    // of half the partners only (the generated world names every partner by some registration).
    const whole = syntheticWorld({ registrations: 3000, seed: 5, asOf: new Date(NOW) });
    const half = new Set(whole.partners.filter((_, i) => i % 2 === 0).map((p) => p.id));
    const input: WorldInput = {
      ...whole,
      registrations: whole.registrations.filter((r) => half.has(r.partnerId)),
      nfrLicenses: (whole.nfrLicenses ?? []).filter((l) => half.has(l.partnerId)),
    };
    const named = new Set([...input.registrations.map((r) => r.partnerId), ...(input.nfrLicenses ?? []).map((l) => l.partnerId)]);
    const hidden = input.partners.filter((p) => !named.has(p.id));
    // Not vacuous: partners named only by an opportunity or a prospect, some of them untrained.
    expect(hidden.length).toBeGreaterThan(10);
    expect(hidden.some((p) => !p.people.some((x) => x.trainings.length > 0))).toBe(true);
    expect(input.opportunities.some((o) => o.resoldByPartnerId !== null && !named.has(o.resoldByPartnerId))).toBe(true);
    const ctx = context(NOW);
    const all = decide(buildWorld(input), ctx);
    expect(JSON.stringify(decide(buildWorld(hidingPeople(input, named)), ctx))).toBe(JSON.stringify(all));
  });

  it("the standing report judges ELIG-2 only with registrations in play: a reseller's people are not read", () => {
    // P2 resells an open deal and has no registration; its people are not loaded. Untrained or not,
    // ELIG-2 is reported only with registrations, so the report is the same as with its people read.
    const input: WorldInput = {
      partners: [partner(), partner({ id: "P2", name: "Reseller", people: [person({ partnerId: "P2", trainings: [] })] })],
      registrations: [registration({ status: "Submitted" })],
      opportunities: [opportunity(), opportunity({ id: "O2", resoldByPartnerId: "P2" })],
    };
    const ctx = context(NOW);
    const all = decide(buildWorld(input), ctx);
    expect(JSON.stringify(decide(buildWorld(hidingPeople(input, new Set(["P1"]))), ctx))).toBe(JSON.stringify(all));
  });
});

describe("worldInput and partnersWithPeople", () => {
  const m = readMappings(SHIPPED);
  if (!m.ok) throw new Error(m.message);
  const specs = new Map(buildEntitySpecs(m.mappings, compileMappings(m.mappings)).map((s) => [s.entity, s]));

  function joined(entity: "Partner" | "DealRegistration", key: string, values: Record<string, unknown>): JoinedRecord {
    const j = emptyJoined(specs.get(entity)!, key);
    j.views.portal = { system: "portal", key, systemId: key, keys: j.keys, values, hash: "" };
    return j;
  }

  const related = new Map([
    ["Partner" as const, new Map([["P1", joined("Partner", "P1", { name: "One" })], ["P2", joined("Partner", "P2", { name: "Two" })]])],
    ["DealRegistration" as const, new Map([["R1", joined("DealRegistration", "R1", { partnerId: "P1" })], ["R2", joined("DealRegistration", "R2", { partnerId: "P9" })]])],
  ]);

  it("names the loaded partners a registration names (P9 is not loaded)", () => {
    expect([...partnersWithPeople(specs, related)]).toEqual(["P1"]);
  });

  it("gives the other partners a people that throws, naming the partner, and that JSON leaves out", () => {
    const input = worldInput(specs, related, new Map([["P1", []]]));
    const [p1, p2] = input.partners as Partner[];
    expect(p1!.people).toEqual([]);
    expect(() => p2!.people).toThrow(/people of partner P2 were not loaded/);
    expect(JSON.parse(JSON.stringify(p2))).not.toHaveProperty("people");
    // From a shared prototype, not a getter on each partner (a V8 dictionary each, docs/bench.md round 13).
    expect(Object.getOwnPropertyNames(p2)).not.toContain("people");
    expect(() => ({ ...p2 }).people).not.toThrow();
    // Without loaded people (reconcile, explain: every partner's people loaded), every partner has its list.
    expect((worldInput(specs, related).partners as Partner[]).map((p) => p.people)).toEqual([[], []]);
  });
});
