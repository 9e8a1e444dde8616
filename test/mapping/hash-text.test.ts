import { describe, expect, it } from "vitest";
import { hashText, referenceHashText } from "../../src/mapping/hash-text.js";

// Hashes of earlier runs are stored (skip-unchanged): the fast text must be the definition's, byte for byte.
const VALUES: unknown[] = [
  undefined, null, "", "Initech", "quote \" backslash \\ newline \n tab \t", "\u2028 \ud800 é 😀", 0, -0, 42, -3.5, 1e21, 1e-7, Number.NaN, Infinity,
  true, false, new Date("2026-05-07T22:07:19.123Z"), [], ["a", "b;c"], [1, null, undefined, true, new Date(0)], [["nested"], { b: 1, a: 2 }],
  { amountMinor: 125000, currency: "USD" }, { currency: "JPY", amountMinor: -5 }, { b: undefined, a: null, c: () => 1 }, {},
  { 10: "x", 2: "y", a: "z" }, { toJSON: () => "custom" }, [new Date(Number.NaN)], { d: new Date(Number.NaN) }, new Map([["a", 1]]),
  Object.assign(Object.create(null) as object, { z: 1, y: [2] }), { nested: { z: 1, a: { y: 2, b: 3 } } }, [() => 1, Symbol("s")],
];

describe("hashText", () => {
  it.each(VALUES.map((v, i) => [i, v]))("renders value %i exactly as the definition does", (_, v) => {
    expect(hashText(v)).toBe(referenceHashText(v));
  });

  it("renders a top-level Date as its ISO instant and undefined as ~", () => {
    expect(hashText(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(hashText(undefined)).toBe("~");
  });

  it("orders object keys by code unit at every depth", () => {
    expect(hashText({ b: 1, B: 2, a: { d: 1, c: 2 } })).toBe('{"B":2,"a":{"c":2,"d":1},"b":1}');
  });
});
