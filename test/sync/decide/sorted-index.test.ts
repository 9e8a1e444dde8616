// The world's read-only indexes behave as the Maps they replace (docs/decide.md "Seventh session"):
// the last item of an id wins, iteration is in key order, each key once.
import { describe, expect, it } from "vitest";
import { GroupIndex, SortedIndex } from "../../../src/sync/decide/sorted-index.js";

const item = (id: string, n = 0) => ({ id, n });

describe("SortedIndex", () => {
  it("finds every id of a sorted array, and nothing else", () => {
    const items = ["A1", "A10", "A2", "B", "b", "é"].map((id) => item(id));
    const index = new SortedIndex(items);
    for (const i of items) expect(index.get(i.id)).toBe(i);
    for (const missing of ["", "A", "A11", "A3", "C", "a", "z", "ê"]) {
      expect(index.get(missing)).toBeUndefined();
      expect(index.has(missing)).toBe(false);
    }
    expect(index.has("B")).toBe(true);
    expect(new SortedIndex([]).get("A")).toBeUndefined();
  });

  it("answers as a Map built from the same array: the last of equal ids wins, each key once, in order", () => {
    const items = [item("A", 1), item("A", 2), item("B", 1), item("C", 1), item("C", 2), item("C", 3)];
    const index = new SortedIndex(items);
    const map = new Map(items.map((i) => [i.id, i]));
    expect(index.size).toBe(map.size);
    expect([...index]).toEqual([...map]);
    expect([...index.keys()]).toEqual([...map.keys()]);
    expect([...index.values()]).toEqual([...map.values()]);
    for (const key of map.keys()) expect(index.get(key)).toBe(map.get(key));
    const seen: string[] = [];
    index.forEach((v, k, m) => {
      expect(m).toBe(index);
      seen.push(`${k}${v.n}`);
    });
    expect(seen).toEqual(["A2", "B1", "C3"]);
  });
});

describe("GroupIndex", () => {
  it("groups items by key in their order, skips null keys, and iterates the keys in code-unit order", () => {
    const items = [
      { id: "1", key: "o2" as string | null },
      { id: "2", key: "o10" },
      { id: "3", key: null },
      { id: "4", key: "o2" },
      { id: "5", key: "O9" },
    ];
    const index = new GroupIndex(items, (i) => i.key);
    expect(index.size).toBe(3);
    expect(index.orderedKeys()).toEqual(["O9", "o10", "o2"]);
    expect([...index.keys()]).toEqual(["O9", "o10", "o2"]);
    expect(index.get("o2")?.map((i) => i.id)).toEqual(["1", "4"]);
    expect(index.has("o10")).toBe(true);
    expect(index.get("missing")).toBeUndefined();
    expect([...index].map(([k, g]) => `${k}:${g.length}`)).toEqual(["O9:1", "o10:1", "o2:2"]);
    expect([...index.values()].map((g) => g.length)).toEqual([1, 1, 2]);
    const seen: string[] = [];
    index.forEach((g, k) => seen.push(`${k}:${g.map((i) => i.id).join("")}`));
    expect(seen).toEqual(["O9:5", "o10:2", "o2:14"]);
  });
});
