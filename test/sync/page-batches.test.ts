// Pages gathered into batches: a batch closes once it holds `size` records or after a page that ends
// it (a watermark's), pages keep their order, the next pages are read while a batch is handled, and a
// caller that stops closes the reader; a failed read throws, and the unfinished batch is not handed out.
import { describe, expect, it } from "vitest";
import { inBatches } from "../../src/sync/page-batches.js";

interface Page {
  ids: number[];
  coveredUntil?: Date;
}

const batched = (pages: AsyncIterable<Page>, size: number) => inBatches(pages, size, (p) => p.ids.length, (ps) => ({ ids: ps.flatMap((p) => p.ids) }));

/** Pages of these sizes (ids numbered on), the last `marked` if asked; `log` says what was read and when it closed. */
function reader(sizes: readonly number[], o: { marked?: number; failAt?: number } = {}) {
  const log: string[] = [];
  async function* pages(): AsyncGenerator<Page> {
    let next = 0;
    try {
      for (let i = 0; i < sizes.length; i++) {
        await new Promise((r) => setImmediate(r));
        if (i === o.failAt) throw new Error(`page ${i} failed`);
        log.push(`read ${i}`);
        const ids = Array.from({ length: sizes[i]! }, () => next++);
        yield { ids, ...(i === o.marked ? { coveredUntil: new Date(i) } : {}) };
      }
    } finally {
      log.push("closed");
    }
  }
  return { pages: pages(), log };
}

const tick = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe("inBatches", () => {
  it("closes a batch once it holds `size` records, in order, and hands out the rest at the end", async () => {
    const r = reader([50, 50, 50, 50, 50, 20]);
    const sizes: number[] = [];
    const ids: number[] = [];
    for await (const b of batched(r.pages, 120)) {
      sizes.push(b.ids.length);
      ids.push(...b.ids);
    }
    expect(sizes).toEqual([150, 120]);
    expect(ids).toEqual(Array.from({ length: 270 }, (_, i) => i));
    expect(r.log.at(-1)).toBe("closed");
  });

  it("ends a batch after a page that carries a watermark, which the batch carries", async () => {
    const r = reader([50, 30, 50], { marked: 1 });
    const out: Page[] = [];
    for await (const b of batched(r.pages, 1000)) out.push(b);
    expect(out.map((b) => [b.ids.length, b.coveredUntil?.getTime()])).toEqual([[80, 1], [50, undefined]]);
  });

  it("reads the next pages while a batch is handled, up to `size` records", async () => {
    const r = reader([50, 50, 50, 50, 50, 50]);
    const batches = batched(r.pages, 100);
    const first = await batches.next();
    expect(first.value?.ids.length).toBe(100);
    await tick(20);
    // Two more pages (100 records) were read while the caller held the first batch, and no more.
    expect(r.log).toEqual(["read 0", "read 1", "read 2", "read 3"]);
    await batches.return(undefined);
  });

  it("closes the reader when the caller stops early", async () => {
    const r = reader([50, 50, 50, 50]);
    for await (const b of batched(r.pages, 50)) {
      expect(b.ids.length).toBe(50);
      break;
    }
    expect(r.log.at(-1)).toBe("closed");
  });

  it("throws a failed read after the batches before it, and does not hand out the unfinished one", async () => {
    const r = reader([50, 50, 50, 50], { failAt: 3 });
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const b of batched(r.pages, 100)) got.push(b.ids.length);
      })(),
    ).rejects.toThrow("page 3 failed");
    expect(got).toEqual([100]);
  });
});
