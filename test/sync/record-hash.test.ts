import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordHash } from "../../src/sync/record-hash.js";

const keys = { salesforce: "001A", portal: "1", coupa: null, "partner-sync": null };

describe("record hash", () => {
  it("ignores key order and sees an instant as an instant", () => {
    const a = recordHash({ name: "Acme", at: new Date("2026-01-01T00:00:00Z"), money: { currency: "USD", amountMinor: 100 } }, keys);
    const b = recordHash({ money: { amountMinor: 100, currency: "USD" }, at: new Date(Date.UTC(2026, 0, 1)), name: "Acme" }, keys);
    expect(b).toBe(a);
  });

  it("changes with any value, and with an id another system gave the record", () => {
    const base = recordHash({ name: "Acme" }, keys);
    expect(recordHash({ name: "Acme Inc" }, keys)).not.toBe(base);
    expect(recordHash({ name: "Acme" }, { ...keys, salesforce: null })).not.toBe(base);
  });

  it("hashes the stored text form, so hashes kept in record_state stay valid", () => {
    const text = 'list=["a",null,{"a":"1n","b":"2026-01-01T00:00:00.000Z"}]\nmoney={"amountMinor":100,"currency":"USD"}\nname="Acme"\nnone=null\n#coupa=\n#partner-sync=\n#portal=1\n#salesforce=001A\n';
    const values = { name: "Acme", money: { currency: "USD", amountMinor: 100, note: undefined }, list: ["a", undefined, { b: new Date("2026-01-01T00:00:00Z"), a: 1n }], none: undefined };
    expect(recordHash(values, keys)).toBe(createHash("sha256").update(text).digest("hex"));
    // The ids in any order, and the entity's sorted paths passed in: the same text.
    const reversed = Object.fromEntries(Object.entries(keys).reverse()) as typeof keys;
    expect(recordHash(values, reversed, Object.keys(values).sort())).toBe(createHash("sha256").update(text).digest("hex"));
  });
});
