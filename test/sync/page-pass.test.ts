// A page's writes cut off by a run-scoped stop (issue #4): the Salesforce API budget runs out at one
// chosen write of the registration pass, and the next run, started right away with the CLI's default
// safety lag, must end exactly where one clean run ends (it finishes the page from its stored plan,
// src/sync/write-intent.ts). The stop is injected at the connector seam
// (the same ConnectorError the run's own cap throws), so it falls at that write whatever the number of
// calls before it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/connectors/shared/connector-error.js";
import { createLogger } from "../../src/log/logger.js";
import type { SalesforceConnector } from "../../src/connectors/salesforce/salesforce-connector.js";
import { openSystems } from "../../src/sync/open-systems.js";
import type { RunSummary } from "../../src/sync/run-summary.js";
import { diffStates, normalise, type NormalState } from "../faults/harness/state-compare.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

const SIZE = 300;
const SEED = 11;
/** config.schema.ts's default: a record stamped this close to a run's start is read by the run after. */
const SAFETY_LAG_SECONDS = 5;

const silent = createLogger({ level: "silent", pretty: false });

function budgetStop(route: string): ConnectorError {
  return new ConnectorError({ system: "salesforce", route, kind: "budget", serviceCode: "PS_MAX_CALLS_PER_RUN" }, "this run's cap of API calls is used up");
}

/** One run whose Salesforce connector runs out of budget at the first write `stopAt` picks. */
async function runStoppedAt(w: SyncWorld, stopAt: { update?: string; upsert?: string }): Promise<RunSummary> {
  const systems = openSystems(w.loaded, w.store, silent);
  const sf = systems.access.salesforce!;
  let stopped = false;
  const stop = (object: string, wanted: string | undefined, route: string) => {
    if (stopped || object !== wanted) return;
    stopped = true;
    throw budgetStop(route);
  };
  const capped: SalesforceConnector = {
    ...sf,
    update: async (object, records) => (stop(object, stopAt.update, "PATCH /composite/sobjects"), sf.update(object, records)),
    upsert: async (object, keyField, records) => (stop(object, stopAt.upsert, `PATCH /composite/sobjects/${object}/${keyField}`), sf.upsert(object, keyField, records)),
  };
  try {
    const summary = await w.run({ access: { ...systems.access, salesforce: capped }, safetyLagSeconds: SAFETY_LAG_SECONDS });
    expect(stopped, "the stop was reached").toBe(true);
    return summary;
  } finally {
    systems.close();
  }
}

const opportunityFlags = (s: NormalState) => [...(s.get("salesforce/Opportunity")?.records ?? new Map()).entries()].filter(([, r]) => r.Rep_To_Choose_Reseller__c === true).map(([label]) => label).sort();

let reference: NormalState;

beforeAll(async () => {
  const clean = await startSyncWorld(SIZE, SEED);
  try {
    await clean.run({ safetyLagSeconds: SAFETY_LAG_SECONDS });
    reference = normalise(await clean.sb.state());
  } finally {
    await clean.close();
  }
  expect(opportunityFlags(reference).length, "the data set has opportunities DR-5 flags").toBeGreaterThan(0);
}, 120_000);

describe("a registration page stopped between its own writes and the opportunity writes they derive", () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(SIZE, SEED);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("leaves its plan in the store, and the next run, started at once, finishes it and sets the DR-5 flags one clean run sets", async () => {
    const stopped = await runStoppedAt(w, { update: "Opportunity" });
    expect(stopped.status).toBe("aborted");
    const afterStop = normalise(await w.sb.state());
    // The registrations' writes landed and the flags did not: the state the next run starts from.
    expect(opportunityFlags(afterStop)).not.toEqual(opportunityFlags(reference));
    // What makes the next run finish it: the page's plan, stored before its first write.
    expect(w.store.writeIntents.list().map((i) => i.entity)).toEqual(["DealRegistration"]);

    const resumed = await w.run({ safetyLagSeconds: SAFETY_LAG_SECONDS });
    expect(["succeeded", "quarantined"]).toContain(resumed.status);
    const state = normalise(await w.sb.state());
    expect(opportunityFlags(state)).toEqual(opportunityFlags(reference));
    expect(diffStates(state, reference).join("\n")).toBe("");
    expect(w.store.writeIntents.count()).toBe(0);
  }, 120_000);
});

describe("a registration page stopped at its first write to Salesforce", () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(SIZE, SEED);
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  // DR-3/DR-7 reject a duplicate approval with rejectedAt, a field Salesforce owns. Had the portal's
  // copy landed first, the next run would read the portal's rejectedAt where Salesforce's is empty,
  // decide nothing, and put Salesforce's empty value back on the portal.
  it("has written nothing the owner does not hold yet, and the next run ends as one clean run (rejectedAt kept)", async () => {
    const before = normalise(await w.sb.state());
    const stopped = await runStoppedAt(w, { upsert: "Deal_Registration__c" });
    expect(stopped.status).toBe("aborted");
    const afterStop = normalise(await w.sb.state());
    expect(diffStates(afterStop, before, 1000).filter((d) => d.startsWith("portal/Deal_Registration ")), "no registration written on the portal before Salesforce").toEqual([]);

    const resumed = await w.run({ safetyLagSeconds: SAFETY_LAG_SECONDS });
    expect(["succeeded", "quarantined"]).toContain(resumed.status);
    expect(diffStates(normalise(await w.sb.state()), reference).join("\n")).toBe("");
  }, 120_000);
});
