// A pass holds records it has read but not handled yet — the rest of a system page larger than its
// `pageSize`, a Salesforce query cursor's snapshot, the Salesforce page read ahead — and an earlier
// page can write one of them (a sibling registration the rules decided on). That version is older
// than the write and is dropped, as a read issued after the write would not return it
// (written-keys.ts). Small pages make that frequent; the systems must end exactly as with pages
// holding a whole object, with the same writes: handling the old version again wrote it again
// (249 writes against 230 before the drop).
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { diffStates, normalise } from "../faults/harness/state-compare.js";
import { startSyncWorld, type SyncWorld } from "./sync-harness.js";

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString("utf8").split("\n")) if (text.trim()) lines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ level: "info", pretty: false, destination }), lines };
}

describe("records a pass wrote after it read them", () => {
  let whole: SyncWorld;
  let paged: SyncWorld;
  beforeAll(async () => {
    [whole, paged] = await Promise.all([startSyncWorld(200, 7), startSyncWorld(200, 7)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([whole?.close(), paged?.close()]);
  });

  it("are dropped, and the systems end as with pages holding a whole object", async () => {
    const a = await whole.run({ pageSize: 5000 });
    const captured = capturingLog();
    const b = await paged.run({ pageSize: 7, log: captured.log });
    const dropped = captured.lines.filter((l) => l.msg?.toString().startsWith("records read before this pass wrote them"));
    expect(dropped.length, "some page held a record an earlier page wrote").toBeGreaterThan(0);
    expect(dropped.every((l) => typeof l.superseded === "number" && l.superseded > 0)).toBe(true);
    expect(b.status).toBe(a.status);
    expect(b.writes).toBe(a.writes);
    expect(diffStates(normalise(await whole.sb.state()), normalise(await paged.sb.state()))).toEqual([]);
  }, 240_000);

  it("and the next run writes nothing", async () => {
    const before = paged.writes();
    await paged.run({ pageSize: 7 });
    expect(paged.writes()).toBe(before);
  }, 120_000);
});
