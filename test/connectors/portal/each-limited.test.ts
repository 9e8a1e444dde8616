import { describe, expect, it } from "vitest";
import { eachLimited } from "../../../src/connectors/portal/portal-upsert.js";

/** A call that stays open until `finish(item)`: the test decides when each one ends. */
function controlled() {
  const open = new Map<number, { resolve(): void; reject(e: Error): void }>();
  const started: number[] = [];
  const fn = (item: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(item);
      open.set(item, { resolve, reject });
    });
  const settle = async (item: number, error?: Error) => {
    const c = open.get(item)!;
    open.delete(item);
    if (error) c.reject(error);
    else c.resolve();
    // let the pool start what comes next
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { fn, started, open, settle };
}

describe("eachLimited", () => {
  it("keeps at most `limit` calls open, starting the next as one ends, in item order", async () => {
    const c = controlled();
    const done = eachLimited([1, 2, 3, 4, 5], 2, c.fn);
    await Promise.resolve();
    expect(c.started).toEqual([1, 2]);
    await c.settle(2);
    expect(c.started).toEqual([1, 2, 3]);
    expect(c.open.size).toBe(2);
    await c.settle(1);
    await c.settle(3);
    expect(c.started).toEqual([1, 2, 3, 4, 5]);
    await c.settle(4);
    await c.settle(5);
    await expect(done).resolves.toBeUndefined();
  });

  it("after a failure starts nothing new, lets the open calls finish, then throws the first failure", async () => {
    const c = controlled();
    let finished = false;
    const done = eachLimited([1, 2, 3, 4], 2, c.fn).finally(() => (finished = true));
    await Promise.resolve();
    await c.settle(1, new Error("first"));
    expect(c.started).toEqual([1, 2]);
    expect(finished).toBe(false); // 2 is still open
    await c.settle(2, new Error("second"));
    await expect(done).rejects.toThrow("first");
    expect(c.started).toEqual([1, 2]);
  });

  it("runs one at a time with a limit of 1, and not at all for no items", async () => {
    const c = controlled();
    const done = eachLimited([7, 8], 1, c.fn);
    await Promise.resolve();
    expect(c.started).toEqual([7]);
    await c.settle(7);
    expect(c.started).toEqual([7, 8]);
    await c.settle(8);
    await done;
    let called = false;
    await eachLimited([], 4, async () => void (called = true));
    expect(called).toBe(false);
  });
});
