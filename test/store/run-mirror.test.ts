import { describe, expect, it } from "vitest";
import type { JsonRecord } from "../../src/sandbox/contracts.js";
import { RunMirror, type MirrorSource } from "../../src/store/run-mirror.js";

/** A system of one object whose records the test changes, counting the calls the mirror makes. */
function fakeSystem(rows: JsonRecord[]) {
  const calls = { readAll: 0, readByKeys: [] as string[][] };
  const source: MirrorSource = {
    async *readAll(_object, fields) {
      calls.readAll++;
      for (let i = 0; i < rows.length; i += 2) yield { records: rows.slice(i, i + 2).map((r) => pick(r, fields)) };
    },
    async readByKeys(_object, field, values, fields) {
      calls.readByKeys.push([field, ...values]);
      return rows.filter((r) => values.includes(String(r[field]))).map((r) => pick(r, fields));
    },
  };
  return { rows, calls, source };
}

function pick(r: JsonRecord, fields: readonly string[]): JsonRecord {
  return Object.fromEntries(fields.filter((f) => f in r).map((f) => [f, r[f]]));
}

const FIELDS = ["Id", "Portal_Id__c", "Account__c", "Name"];

function mirrorOf(rows: JsonRecord[]) {
  const sf = fakeSystem(rows);
  const mirror = new RunMirror({ salesforce: sf.source }, (system, object) => (system === "salesforce" && object === "Deal__c" ? FIELDS : undefined));
  return { sf, mirror };
}

const ROWS = (): JsonRecord[] => [
  { Id: "a01", Portal_Id__c: "DR-1", Account__c: "001A", Name: "one" },
  { Id: "a02", Portal_Id__c: "DR-2", Account__c: "001A", Name: "two" },
  { Id: "a03", Portal_Id__c: "DR-3", Account__c: "001B", Name: "three" },
  { Id: "a04", Portal_Id__c: null, Account__c: "001B", Name: "four" },
  { Id: "a05", Portal_Id__c: 77, Account__c: "001C", Name: "five" },
];

describe("run mirror", () => {
  it("copies an object once, on its first lookup, and answers every later lookup by any field from the copy", async () => {
    const { sf, mirror } = mirrorOf(ROWS());
    expect(sf.calls.readAll).toBe(0);
    expect((await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["DR-1", "DR-3", "DR-9"], FIELDS))?.map((r) => r.Id)).toEqual(["a01", "a03"]);
    expect((await mirror.lookup("salesforce", "Deal__c", "Account__c", ["001A"], FIELDS))?.map((r) => r.Id)).toEqual(["a01", "a02"]);
    expect(sf.calls.readAll).toBe(1);
    expect(sf.calls.readByKeys).toEqual([]);
    expect(mirror.stats).toMatchObject({ objectsCopied: 1, recordsCopied: 5, lookups: 2 });
    mirror.close();
  });

  it("matches text case-insensitively, as SOQL IN and the portal's = do, and numbers by their text", async () => {
    const { mirror } = mirrorOf(ROWS());
    expect((await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["dr-2"], FIELDS))?.map((r) => r.Id)).toEqual(["a02"]);
    expect((await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["77"], FIELDS))?.map((r) => r.Id)).toEqual(["a05"]);
    // A null field matches nothing; an empty key list finds nothing.
    expect(await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["null"], FIELDS)).toEqual([]);
    expect(await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", [], FIELDS)).toEqual([]);
    mirror.close();
  });

  it("cannot answer for an object it does not know or fields it did not copy: the caller asks the system", async () => {
    const { sf, mirror } = mirrorOf(ROWS());
    expect(await mirror.lookup("salesforce", "Other__c", "Id", ["a01"], ["Id"])).toBeUndefined();
    expect(await mirror.lookup("portal", "Deal__c", "Id", ["a01"], ["Id"])).toBeUndefined();
    expect(await mirror.lookup("salesforce", "Deal__c", "Id", ["a01"], ["Id", "Stage__c"])).toBeUndefined();
    expect(await mirror.lookup("salesforce", "Deal__c", "Stage__c", ["x"], ["Id"])).toBeUndefined();
    expect(sf.calls.readAll).toBe(0);
    mirror.close();
  });

  it("reads what the run wrote again, in one batch, before the next lookup: changed, re-keyed and created records", async () => {
    const { sf, mirror } = mirrorOf(ROWS());
    await mirror.lookup("salesforce", "Deal__c", "Account__c", ["001A"], FIELDS);
    // The run writes: a01 moves to another account, a new record is created, a02 is renamed.
    sf.rows[0]!.Account__c = "001Z";
    sf.rows[1]!.Name = "two, renamed";
    sf.rows.push({ Id: "a06", Portal_Id__c: "DR-6", Account__c: "001A", Name: "six" });
    mirror.wrote("salesforce", "Deal__c", "Portal_Id__c", ["DR-1", "DR-2", "DR-6"]);
    const after = await mirror.lookup("salesforce", "Deal__c", "Account__c", ["001A"], FIELDS);
    expect(after?.map((r) => [r.Id, r.Name])).toEqual([["a02", "two, renamed"], ["a06", "six"]]);
    expect((await mirror.lookup("salesforce", "Deal__c", "Account__c", ["001Z"], FIELDS))?.map((r) => r.Id)).toEqual(["a01"]);
    expect(sf.calls.readByKeys).toEqual([["Portal_Id__c", "DR-1", "DR-2", "DR-6"]]);
    expect(mirror.stats.refreshed).toBe(3);
    mirror.close();
  });

  it("keys a re-read record as the copy keyed it: text case-insensitively, numbers by their text, null not at all", async () => {
    const { sf, mirror } = mirrorOf(ROWS());
    // The index on Portal_Id__c exists before the write, so the re-read rows are keyed one by one.
    await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"], FIELDS);
    sf.rows[1]!.Portal_Id__c = "Dr-Two";
    sf.rows[2]!.Portal_Id__c = null;
    sf.rows[4]!.Name = "five, written";
    mirror.wrote("salesforce", "Deal__c", "Id", ["a02", "a03", "a05"]);
    const by = async (value: string) => (await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", [value], FIELDS))?.map((r) => r.Id);
    expect(await by("dr-two")).toEqual(["a02"]);
    expect(await by("DR-2")).toEqual([]);
    expect(await by("DR-3")).toEqual([]);
    expect(await by("null")).toEqual([]);
    expect(await by("77")).toEqual(["a05"]);
    expect(mirror.stats.refreshed).toBe(3);
    mirror.close();
  });

  it("ignores writes to an object it has not copied yet (the copy, when it comes, is read after them)", async () => {
    const { sf, mirror } = mirrorOf(ROWS());
    mirror.wrote("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"]);
    sf.rows[0]!.Name = "one, written";
    expect((await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"], FIELDS))?.[0]?.Name).toBe("one, written");
    expect(sf.calls.readByKeys).toEqual([]);
    mirror.close();
  });

  it("copies once when several lookups of the same object start together", async () => {
    const { sf, mirror } = mirrorOf(ROWS());
    const [a, b] = await Promise.all([
      mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"], FIELDS),
      mirror.lookup("salesforce", "Deal__c", "Account__c", ["001B"], FIELDS),
    ]);
    expect(a?.map((r) => r.Id)).toEqual(["a01"]);
    expect(b?.map((r) => r.Id)).toEqual(["a03", "a04"]);
    expect(sf.calls.readAll).toBe(1);
    mirror.close();
  });
});

describe("run mirror, lookups during a re-read", () => {
  it("a lookup that starts while another is re-reading what the run wrote waits for it: no answer from rows being replaced", async () => {
    const sf = fakeSystem(ROWS());
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: MirrorSource = {
      readAll: sf.source.readAll,
      async readByKeys(object, field, values, fields) {
        await gate;
        return sf.source.readByKeys(object, field, values, fields);
      },
    };
    const mirror = new RunMirror({ salesforce: slow }, (system, object) => (system === "salesforce" && object === "Deal__c" ? FIELDS : undefined));
    await mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"], FIELDS);
    sf.rows[0]!.Name = "one, written";
    mirror.wrote("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"]);
    const first = mirror.lookup("salesforce", "Deal__c", "Portal_Id__c", ["DR-1"], FIELDS);
    const second = mirror.lookup("salesforce", "Deal__c", "Account__c", ["001A"], FIELDS);
    release();
    expect((await first)?.[0]?.Name).toBe("one, written");
    expect((await second)?.find((r) => r.Id === "a01")?.Name).toBe("one, written");
    expect(sf.calls.readByKeys).toEqual([["Portal_Id__c", "DR-1"]]);
    mirror.close();
  });
});
