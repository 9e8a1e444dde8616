// The code the daemon reports for a sync that did not finish, read from the engine's summary.
import { describe, expect, it } from "vitest";
import { syncErrorCode } from "../../src/daemon/engine-flows.js";
import type { RunSummary } from "../../src/sync/run-summary.js";

const summary = (over: Partial<RunSummary>): RunSummary => ({
  runId: "r", status: "succeeded", dryRun: false, error: null, evalAt: "2026-11-30T00:00:00.000Z", entities: {}, quarantined: 0, writes: 0, counts: {}, findings: [], plan: [], planned: 0, refused: [],
  ...over,
});

describe("syncErrorCode", () => {
  it.each([
    ["a finished run", summary({}), null],
    ["a run refused by the live mappings check", summary({ status: "failed", refused: ["Account.Nope__c: unknown field"] }), "MAPPINGS_REFUSED"],
    ["a run stopped by the API budget", summary({ status: "aborted", error: "stopped by the Salesforce API budget: …" }), "API_BUDGET"],
    ["a run whose lease was lost", summary({ status: "failed", error: "PS_E_LEASE_LOST: the lease was lost" }), "PS_E_LEASE_LOST"],
    ["a run refused for clock skew", summary({ status: "failed", error: "PS_E_CLOCK_SKEW: this host's clock is at least 1200 s ahead of portal's …" }), "PS_E_CLOCK_SKEW"],
    ["any other failure", summary({ status: "failed", error: "salesforce GET /query: no response (ECONNREFUSED)" }), "RUN_FAILED"],
  ])("%s", (_name, s, code) => {
    expect(syncErrorCode(s)).toBe(code);
  });
});
