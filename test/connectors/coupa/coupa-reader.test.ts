import { afterEach, describe, expect, it } from "vitest";
import { collect, coupaWorld, HOUR, seed, supplierUpdatedAt, type CoupaWorld } from "./fixture.js";

let world: CoupaWorld;
afterEach(() => world.close());

const SUPPLIERS = ["GET", "/api/suppliers"] as const;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("Coupa paging", () => {
  it("pages by 50 even when asked for 500, reading every record once", async () => {
    world = await coupaWorld(seed(123));
    const { records, pageCount } = await collect(world.connector({ pageSize: 500 }).readAll("suppliers", { fields: [] }));
    expect(records.map((r) => r.id)).toEqual(range(123));
    expect(pageCount).toBe(3);
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(3);
  });

  it("stops on a short page, and needs one empty page when the last one is exactly full", async () => {
    world = await coupaWorld(seed(100));
    const { records } = await collect(world.connector().readAll("suppliers", { fields: [] }));
    expect(records).toHaveLength(100);
    expect(world.recorder.count("coupa", ...SUPPLIERS)).toBe(3);
  });

  it("reads an updated-at window: start inclusive, end exclusive, covered to its end", async () => {
    world = await coupaWorld(seed(123));
    const window = { start: supplierUpdatedAt(3), end: supplierUpdatedAt(5) };
    const { records, covered } = await collect(world.connector().readChanged("suppliers", window, { fields: ["name"] }));
    const expected = range(123).filter((i) => i % 10 === 3 || i % 10 === 4);
    expect(records.map((r) => r.id)).toEqual(expected);
    expect(records[0]).toEqual({ id: 3, "updated-at": expect.any(String), name: "Supplier 3" });
    expect(covered.at(-1)).toEqual(window.end);
    expect(covered.slice(0, -1).every((c) => c === undefined)).toBe(true);
  });

  it("reads from the beginning when the window has no start, and passes Coupa filters through", async () => {
    world = await coupaWorld(seed(30));
    const window = { start: null, end: new Date(supplierUpdatedAt(2).getTime() + HOUR / 2) };
    const { records } = await collect(world.connector().readChanged("suppliers", window, { fields: [], where: "status=active" }));
    // Updated at +0h, +1h, +2h: ids ending in 0, 1, 2; the inactive 10, 20 and 30 are filtered out.
    expect(records.map((r) => r.id)).toEqual([1, 2, 11, 12, 21, 22]);
  });

  it("keeps hyphenated keys and decimal strings as Coupa sent them", async () => {
    world = await coupaWorld(seed(1));
    const { records } = await collect(world.connector().readAll("invoices", { fields: [] }));
    expect(records[0]).toMatchObject({ "invoice-number": "INV-001", "gross-total": "1250.00", "amount-due": "1250.10", currency: { code: "USD" } });
  });
});
