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

describe("IdMap, the store's answers", () => {
  it("asks the store once per id, remembers a 'not known', and forgets it when the run learns the id", () => {
    const store = openStore(":memory:");
    let asked = 0;
    const keyOfSystemId = store.recordState.keyOfSystemId.bind(store.recordState);
    store.recordState.keyOfSystemId = (...a: Parameters<typeof keyOfSystemId>) => (asked++, keyOfSystemId(...a));
    const ids = new IdMap(store, 2);
    expect(ids.keyOf("Partner", "salesforce", "001Z")).toBeUndefined();
    expect(ids.keyOf("Partner", "salesforce", "001Z")).toBeUndefined();
    expect(asked).toBe(1);
    ids.learn("Partner", "pz", "salesforce", "001Z");
    store.recordState.put("Partner", "pz", "salesforce", "h", "001Z");
    // The learned id leaves memory (generation 2); the store, asked again, now knows it.
    for (const n of [1, 2, 3, 4]) ids.learn("Partner", `q${n}`, "salesforce", `002${n}`);
    expect(ids.keyOf("Partner", "salesforce", "001Z")).toBe("pz");
    expect(asked).toBe(2);
    store.close();
  });
});

describe("IdMap, after the pass", () => {
  it("forgets what the run learned and the answers it cached: the store answers again", () => {
    const store = openStore(":memory:");
    const ids = new IdMap(store);
    ids.learn("Partner", "p1", "salesforce", "001A");
    expect(ids.keyOf("Partner", "salesforce", "001B")).toBeUndefined(); // cached "not known"
    store.recordState.put("Partner", "p2", "salesforce", "h", "001B");
    ids.forget();
    expect(ids.keyOf("Partner", "salesforce", "001A")).toBeUndefined();
    expect(ids.keyOf("Partner", "salesforce", "001B")).toBe("p2");
    store.close();
  });
});
