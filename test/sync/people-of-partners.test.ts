// The people of a page's partners (related-cache.ts loadPeopleOfPartners): read once from the portal
// by Account and used as read, joined with their Salesforce records — the same people, joined the same
// way, as reading their keys by Account and then every system by key (what a page did before), with
// one portal read instead of two. "Before" is that earlier path: keys by Account, then
// loadJoinedCached (every system by key, in key order).
import { describe, expect, it } from "vitest";
import { readMappings, specsFor } from "../../src/cli/sync.command.js";
import type { EntityName } from "../../src/mapping/canonical-fields.js";
import { createLogger } from "../../src/log/logger.js";
import { defaultRulesConfig } from "../../src/rules/rules-config.schema.js";
import { IdMap } from "../../src/sync/id-map.js";
import type { JoinedRecord } from "../../src/sync/join.js";
import { keysReferencing } from "../../src/sync/load-joined.js";
import { PlanLines, type PassContext } from "../../src/sync/pass-context.js";
import { loadJoinedCached, loadPeopleOfPartners } from "../../src/sync/related-cache.js";
import { openSystems } from "../../src/sync/open-systems.js";
import { DEMO_NOW, SHIPPED, useSyncWorld } from "./sync-harness.js";

const log = createLogger({ level: "silent", pretty: false });

describe("the people of a page's partners", () => {
  const world = useSyncWorld(60, 7);

  /** A pass context over fresh connectors whose by-key reads are logged as `system object by field`. */
  function contextWithReadLog(): { ctx: PassContext; reads: string[]; close(): void } {
    const w = world();
    const mappings = readMappings(SHIPPED);
    if (!mappings.ok) throw new Error(mappings.message);
    const systems = openSystems(w.loaded, w.store, log);
    const reads: string[] = [];
    for (const system of ["salesforce", "portal"] as const) {
      const c = systems.access[system]!;
      const read = c.readByKeys.bind(c);
      c.readByKeys = (object: string, field: string, keys: readonly string[], options: Parameters<typeof read>[3]) => {
        reads.push(`${system} ${object} by ${field}`);
        return read(object, field, keys, options);
      };
    }
    const specs = new Map(specsFor(w.loaded, mappings.mappings).map((s) => [s.entity as EntityName, s]));
    const ctx: PassContext = {
      store: w.store, lease: undefined, runId: "people-test", dryRun: true, access: systems.access, idMap: new IdMap(w.store), specs,
      now: DEMO_NOW, rules: defaultRulesConfig, batchSize: 50, log, stats: new Map(), planLines: new PlanLines(),
    };
    return { ctx, reads, close: () => systems.close() };
  }

  const json = (m: ReadonlyMap<string, JoinedRecord>) => JSON.stringify([...m]);

  it("are read from the portal once, by Account, and joined as reading every system by key joins them", async () => {
    const w = world();
    await w.run();
    const accounts = (await w.sb.state("portal")).portal?.Account ?? [];
    const partners = accounts.map((a) => String(a.Id ?? a.id));
    expect(partners.length).toBeGreaterThan(5);

    const before = contextWithReadLog();
    const byKeys = await loadJoinedCached(before.ctx, "PartnerPerson", await keysReferencing(before.ctx, "PartnerPerson", "portal", "Account", partners));
    before.close();
    // Not vacuous: people with their Salesforce records, and a partner with more than one person.
    expect(byKeys.size).toBeGreaterThan(partners.length);
    expect([...byKeys.values()].filter((j) => j.views.salesforce !== undefined).length).toBeGreaterThan(10);

    const now = contextWithReadLog();
    const people = await loadPeopleOfPartners(now.ctx, partners, new Map());
    expect(json(people)).toBe(json(byKeys));
    expect(now.reads).toEqual(["portal User by Account", "salesforce Partner_Person__c by Portal_Id__c"]);

    // Again, in the same pass: from the cache, no read; and people the page holds already are left out.
    const first = [...people.keys()][0]!;
    const again = await loadPeopleOfPartners(now.ctx, partners, new Map([[first, people.get(first)!]]));
    expect(now.reads).toHaveLength(2);
    expect(json(again)).toBe(json(new Map([...people].filter(([k]) => k !== first))));
    now.close();
  }, 120_000);
});
