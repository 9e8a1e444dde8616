// sync.bulkThreshold counts one object's Salesforce records over the whole run; a page's upsert goes as
// one Bulk API job once the run is past it AND the page holds more records than 7 collections calls carry.
import { describe, expect, it } from "vitest";
import { BULK_JOB_MIN_CALLS, bulkRouting, routeSalesforceUpsert } from "../../src/sync/bulk-routing.js";

describe("routeSalesforceUpsert", () => {
  it("sends pages through collections until the run's records of the object pass the threshold, then as one job", () => {
    const routing = bulkRouting(2_000);
    // Pages of 2,000 registrations: the first reaches the threshold (not above it), the second passes it.
    expect(routeSalesforceUpsert(routing, "Deal_Registration__c", 2_000, 200)).toBe("collections");
    expect(routeSalesforceUpsert(routing, "Deal_Registration__c", 2_000, 200)).toBe("bulk");
    expect(routeSalesforceUpsert(routing, "Deal_Registration__c", 1_500, 200)).toBe("bulk");
    expect(routing.sent.get("Deal_Registration__c")).toBe(5_500);
  });

  it("counts each object on its own", () => {
    const routing = bulkRouting(2_000);
    expect(routeSalesforceUpsert(routing, "Account", 1_999, 200)).toBe("collections");
    expect(routeSalesforceUpsert(routing, "Lead", 1_999, 200)).toBe("collections");
    expect(routeSalesforceUpsert(routing, "Account", 1_999, 200)).toBe("bulk");
    expect(routeSalesforceUpsert(routing, "Lead", 1, 200)).toBe("collections");
  });

  it("keeps a page that a job would cost more calls for on collections, past the threshold too", () => {
    const routing = bulkRouting(1);
    const perJob = BULK_JOB_MIN_CALLS * 200;
    // 1,400 records = 7 collections calls = a job's least: no saving, and a job adds its polling.
    expect(routeSalesforceUpsert(routing, "Account", perJob, 200)).toBe("collections");
    expect(routeSalesforceUpsert(routing, "Account", perJob + 1, 200)).toBe("bulk");
    // The same with smaller calls: 71 records at 10 a call are 8 calls.
    expect(routeSalesforceUpsert(routing, "Lead", 70, 10)).toBe("collections");
    expect(routeSalesforceUpsert(routing, "Lead", 71, 10)).toBe("bulk");
  });

  it("without a routing (a caller that never uses the Bulk API) every upsert goes through collections", () => {
    expect(routeSalesforceUpsert(undefined, "Account", 100_000, 200)).toBe("collections");
  });
});
