// Reading ahead: pages come out in order, the next ones are read while the caller works (up to the
// records asked for, never more than one page beyond; none with 0), a failed read throws where it stands in the
// order, and closing waits for the read in flight, then closes the reader.
import { describe, expect, it } from "vitest";
import type { RecordPage } from "../../src/connectors/connector.js";
import { ReadAhead, readingAhead } from "../../src/sync/read-ahead.js";
import { WriteLog } from "../../src/sync/written-keys.js";

/** A reader of `sizes.length` pages whose reads the test releases one by one. */
function gatedReader(sizes: number[], failAt?: number) {
  const log: string[] = [];
  let released = 0;
  const waiters: (() => void)[] = [];
  const release = () => {
    released++;
    waiters.splice(0).forEach((w) => w());
  };
  async function* pages(): AsyncGenerator<RecordPage> {
    try {
      for (let i = 0; i < sizes.length; i++) {
        log.push(`read ${i}`);
        while (released <= i) await new Promise<void>((r) => waiters.push(r));
        if (i === failAt) throw new Error(`page ${i} failed`);
        yield { records: Array.from({ length: sizes[i] as number }, (_, n) => ({ Id: `${i}-${n}` })) };
      }
    } finally {
      log.push("closed");
    }
  }
  return { it: pages(), log, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("reading ahead", () => {
  it("hands out every page in order and reads on while the caller works, up to the records asked for", async () => {
    const r = gatedReader([3, 3, 3, 3, 3]);
    const ahead = new ReadAhead(r.it, 5);
    r.release();
    const first = await ahead.next();
    expect(first?.records.map((x) => x.Id)).toEqual(["0-0", "0-1", "0-2"]);
    // The caller works on page 0: pages 1 and 2 are read meanwhile (3 + 3 ≥ 5 records wait), not 3.
    r.release();
    r.release();
    r.release();
    for (let i = 0; i < 5; i++) await tick();
    expect(r.log).toEqual(["read 0", "read 1", "read 2"]);
    const ids: string[] = [];
    for (let p = await ahead.next(); p; p = await ahead.next()) {
      ids.push(String(p.records[0]?.Id));
      r.release();
    }
    expect(ids).toEqual(["1-0", "2-0", "3-0", "4-0"]);
    expect(r.log).toEqual(["read 0", "read 1", "read 2", "read 3", "read 4", "closed"]);
    await ahead.close();
    expect(r.log.filter((l) => l === "closed")).toHaveLength(1);
  });

  it("with nothing to read ahead, reads a page only when asked for one", async () => {
    const r = gatedReader([1, 1, 1]);
    const ahead = new ReadAhead(r.it, 0);
    for (let i = 0; i < 3; i++) r.release();
    expect((await ahead.next())?.records[0]?.Id).toBe("0-0");
    for (let i = 0; i < 5; i++) await tick();
    expect(r.log).toEqual(["read 0"]);
    expect((await ahead.next())?.records[0]?.Id).toBe("1-0");
    expect((await ahead.next())?.records[0]?.Id).toBe("2-0");
    expect(await ahead.next()).toBeUndefined();
    expect(r.log).toEqual(["read 0", "read 1", "read 2", "closed"]);
  });

  it("throws a failed read after the pages before it", async () => {
    const r = gatedReader([2, 2, 2], 1);
    const ahead = new ReadAhead(r.it, 10);
    r.release();
    r.release();
    expect((await ahead.next())?.records).toHaveLength(2);
    await expect(ahead.next()).rejects.toThrow("page 1 failed");
    await ahead.close();
  });

  it("closes the reader when the caller stops early, after the read in flight", async () => {
    const r = gatedReader([1, 1, 1]);
    const ahead = new ReadAhead(r.it, 1);
    r.release();
    await ahead.next();
    // Page 1 is being read (not released yet); closing waits for it, then closes the generator.
    const closing = ahead.close();
    await tick();
    expect(r.log).toEqual(["read 0", "read 1"]);
    r.release();
    await closing;
    expect(r.log).toEqual(["read 0", "read 1", "closed"]);
  });

  it("as an async iterable (readingAhead): every page in order, the next read while the caller works, the reader closed when it stops", async () => {
    const r = gatedReader([2, 2, 2, 2]);
    for (let i = 0; i < 4; i++) r.release();
    const ids: string[] = [];
    for await (const page of readingAhead(r.it, 2)) {
      ids.push(String(page.records[0]?.Id));
      if (ids.length === 1) {
        for (let i = 0; i < 5; i++) await tick();
        // Page 1 was read while the caller held page 0, and no more (2 records ahead).
        expect(r.log).toEqual(["read 0", "read 1"]);
      }
      if (ids.length === 2) break;
    }
    expect(ids).toEqual(["0-0", "1-0"]);
    expect(r.log.at(-1)).toBe("closed");
  });
});

describe("writes told to the reads of their object", () => {
  it("collects the keys written to the watched object by any key field, until unwatched", () => {
    const log = new WriteLog();
    const w = log.watch("portal", "Deal_Registration");
    log.wrote("portal", "Deal_Registration", "Id", ["7", "9"]);
    log.wrote("portal", "Prospect", "Id", ["8"]);
    log.wrote("salesforce", "Deal_Registration", "Id", ["8"]);
    log.wrote("portal", "Deal_Registration", "CrmId", ["a0X1"]);
    expect([{ Id: 7 }, { Id: 8 }, { Id: 1, CrmId: "a0X1" }, { Id: 2, CrmId: null }].map((r) => w.has(r))).toEqual([true, false, true, false]);
    expect(w.size).toBe(3);
    log.unwatch(w);
    log.wrote("portal", "Deal_Registration", "Id", ["8"]);
    expect(w.has({ Id: 8 })).toBe(false);
  });
});
