import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { IdMap } from "../../src/sync/id-map.js";

describe("IdMap", () => {
  it("translates ids learned this run both ways", () => {
    const store = openStore(":memory:");
    const ids = new IdMap(store);
    ids.learn("Partner", "p1", "salesforce", "001A");
    expect(ids.keyOf("Partner", "salesforce", "001A")).toBe("p1");
    expect(ids.systemIdOf("Partner", "p1", "salesforce")).toBe("001A");
    store.close();
  });

  it("keeps what it learned for two generations only, then answers from record_state", () => {
    const store = openStore(":memory:");
    const ids = new IdMap(store, 2);
    ids.learn("Partner", "p1", "salesforce", "001A");
    store.recordState.put("Partner", "p1", "salesforce", "h", "001A"); // the page's checkpoint
    ids.learn("Partner", "p2", "salesforce", "001B");
    ids.learn("Partner", "p3", "salesforce", "001C");
    ids.learn("Partner", "p4", "salesforce", "001D");
    ids.learn("Partner", "p5", "salesforce", "001E");
    // p1 left memory two generations ago; p2 (not checkpointed) is forgotten too, p3 and p5 remain.
    expect(ids.keyOf("Partner", "salesforce", "001A")).toBe("p1");
    expect(ids.keyOf("Partner", "salesforce", "001B")).toBeUndefined();
    expect(ids.keyOf("Partner", "salesforce", "001C")).toBe("p3");
    expect(ids.keyOf("Partner", "salesforce", "001E")).toBe("p5");
    store.close();
  });
});
