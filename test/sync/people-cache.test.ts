// A partner's people as the world holds them, kept per pass (related-cache.ts peopleOfPartners): the
// people of a partner named again come from the cache, equal to what reading them gives, as fresh
// objects; a write of a person drops them; the least recently named partners go past the budget.
import { afterEach, describe, expect, it } from "vitest";
import { readMappings } from "../../src/cli/sync.command.js";
import { compileMappings } from "../../src/mapping/compile.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import type { JsonRecord, SystemName } from "../../src/sandbox/contracts.js";
import { openStore, type Store } from "../../src/store/store.js";
import { buildEntitySpecs } from "../../src/sync/entity-specs.js";
import { IdMap } from "../../src/sync/id-map.js";
import { loadJoined } from "../../src/sync/load-joined.js";
import type { PassContext } from "../../src/sync/pass-context.js";
import { forgetWritten, peopleOfPartners, startEntityPass } from "../../src/sync/related-cache.js";
import type { SystemAccess } from "../../src/sync/system-access.js";
import { worldInput } from "../../src/sync/world-input.js";
import { SHIPPED } from "./sync-harness.js";

const data = generateDemoData({ size: 40, seed: 3 });
const m = readMappings(SHIPPED);
if (!m.ok) throw new Error(m.message);
const specs = new Map(buildEntitySpecs(m.mappings, compileMappings(m.mappings)).map((s) => [s.entity, s]));

/** Reads by key from the demo data, as the systems answer them (text compared case-insensitively); counted. */
function demoAccess(reads: string[]): SystemAccess {
  const reader = (system: SystemName) => ({
    readByKeys: async (object: string, field: string, keys: readonly string[]) => {
      reads.push(`${system} ${object} by ${field}`);
      const wanted = new Set(keys.map((k) => k.toLowerCase()));
      const records = ((data[system as "salesforce" | "portal"].records as Record<string, JsonRecord[]>)[object] ?? []);
      return records.filter((r) => r[field] !== null && r[field] !== undefined && wanted.has(String(r[field]).toLowerCase())).map((r) => structuredClone(r));
    },
  });
  return { salesforce: reader("salesforce"), portal: reader("portal") } as unknown as SystemAccess;
}

let store: Store | undefined;
afterEach(() => store?.close());

function context(reads: string[]): PassContext {
  store = openStore(":memory:");
  return { access: demoAccess(reads), idMap: new IdMap(store), specs } as unknown as PassContext;
}

const partnerKeys = (data.portal.records.Account ?? []).map((a) => String(a.Id));

describe("peopleOfPartners", () => {
  it("gives each partner the people worldInput builds from their joined records (the path before the cache)", async () => {
    const ctx = context([]);
    const people = await peopleOfPartners(ctx, [...partnerKeys, "999999"]);
    // Not vacuous: people with a dated training; a partner nobody works for has an empty list.
    const all = [...people.values()].flat() as { trainings: { completedAt: unknown }[] }[];
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((p) => p.trainings.some((t) => t.completedAt instanceof Date))).toBe(true);
    expect(people.get("999999")).toEqual([]);

    // The same partners and people as joined records, through worldInput without the loaded people.
    const partners = await loadJoined(ctx, "Partner", partnerKeys);
    const personKeys = (data.portal.records.User ?? []).filter((u) => partnerKeys.includes(String(u.Account))).map((u) => String(u.Id));
    const joinedPeople = await loadJoined(ctx, "PartnerPerson", personKeys);
    const before = worldInput(specs, new Map([["Partner", partners], ["PartnerPerson", joinedPeople]]));
    const after = worldInput(specs, new Map([["Partner", partners]]), people);
    expect(after.partners.map((p) => p.people)).toEqual(before.partners.map((p) => p.people));
  });

  it("answers a partner named again from the cache, with fresh objects equal to the first answer", async () => {
    const reads: string[] = [];
    const ctx = context(reads);
    const first = await peopleOfPartners(ctx, partnerKeys);
    expect(reads.length).toBeGreaterThan(0);
    reads.length = 0;
    const again = await peopleOfPartners(ctx, partnerKeys.slice(0, 5));
    expect(reads).toEqual([]);
    expect([...again.keys()]).toEqual(partnerKeys.slice(0, 5));
    for (const [p, list] of again) {
      expect(list, p).toEqual(first.get(p));
      // Not the same objects: a page's world is its own.
      for (const [i, person] of list.entries()) expect(person).not.toBe(first.get(p)![i]);
    }
  });

  it("reads the people again after the pass writes a person, or a new entity pass starts", async () => {
    const reads: string[] = [];
    const ctx = context(reads);
    await peopleOfPartners(ctx, partnerKeys);
    forgetWritten(ctx, "PartnerPerson", ["any"]);
    reads.length = 0;
    await peopleOfPartners(ctx, partnerKeys.slice(0, 1));
    expect(reads).toContain("portal User by Account");
    startEntityPass(ctx);
    reads.length = 0;
    await peopleOfPartners(ctx, partnerKeys.slice(0, 1));
    expect(reads).toContain("portal User by Account");
  });

  it("keeps the most recently named partners within its budget", async () => {
    const reads: string[] = [];
    const ctx = context(reads);
    // Room for a few partners' people only.
    await peopleOfPartners(ctx, partnerKeys.slice(0, 3), 1_000);
    await peopleOfPartners(ctx, partnerKeys.slice(3), 1_000);
    reads.length = 0;
    await peopleOfPartners(ctx, partnerKeys.slice(-1), 1_000);
    expect(reads).toEqual([]);
    await peopleOfPartners(ctx, partnerKeys.slice(0, 1), 1_000);
    expect(reads).toContain("portal User by Account");
  });
});
