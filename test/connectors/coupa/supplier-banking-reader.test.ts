import { afterEach, describe, expect, it } from "vitest";
import type { SupplierBankingRow } from "../../../src/connectors/coupa/supplier-banking-reader.js";
import type { JsonRecord } from "../../../src/sandbox/contracts.js";
import { coupaWorld, HOUR, seed, supplierUpdatedAt, type CoupaWorld } from "./fixture.js";

let world: CoupaWorld;
afterEach(() => world.close());

const withBank = (id: number, supplierId: number, bank: boolean, updatedAt = "2026-03-01T00:00:00Z"): JsonRecord => ({
  id,
  "supplier-id": supplierId,
  status: "approved",
  "hold-payment-indicator": false,
  "supplier-information-addresses": [{ kind: "RTA", active: true, "bank-account-number": bank ? "12345678" : null, "iban-number": null }],
  "updated-at": updatedAt,
});

async function rows(iterable: AsyncIterable<{ rows: SupplierBankingRow[]; coveredUntil?: Date }>) {
  const out: SupplierBankingRow[] = [];
  let covered: Date | undefined;
  for await (const page of iterable) {
    out.push(...page.rows);
    covered = page.coveredUntil ?? covered;
  }
  return { out, covered };
}

describe("supplier banking reader", () => {
  it("joins every supplier with its supplier information across pages and decides its status", async () => {
    // Supplier 61 (second page) has two information rows; supplier 5 is inactive.
    const infos = [withBank(1, 1, true), withBank(2, 2, false), withBank(3, 5, true), withBank(4, 61, false), withBank(5, 61, true)];
    world = await coupaWorld(seed(70, infos));
    const { out } = await rows(world.connector().readSupplierBanking());
    expect(out).toHaveLength(70);
    const status = new Map(out.map((r) => [r.supplier.id, r.status]));
    expect([status.get(1), status.get(2), status.get(5), status.get(61), status.get(3)]).toEqual(["connected", "remit_to_only", "none", "connected", "none"]);
    expect(out.find((r) => r.supplier.id === 61)?.supplierInformation.map((i) => i.id)).toEqual([4, 5]);
  });

  it("in a window, also returns suppliers whose information changed while the supplier did not", async () => {
    const window = { start: supplierUpdatedAt(3), end: new Date(supplierUpdatedAt(3).getTime() + HOUR) };
    // Supplier 7 was updated outside the window, but its banking information inside it.
    const infos = [withBank(1, 7, true, new Date(window.start.getTime() + 60_000).toISOString()), withBank(2, 3, false)];
    world = await coupaWorld(seed(20, infos));
    const { out, covered } = await rows(world.connector().readSupplierBanking({ window }));
    expect(out.map((r) => [r.supplier.id, r.status])).toEqual([[3, "remit_to_only"], [13, "none"], [7, "connected"]]);
    expect(covered).toEqual(window.end);
  });
});
