import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEY_BY_SYSTEM_ID_SQL, KEYS_BY_SYSTEM_ID_SQL } from "../../src/store/record-state.repo.js";
import { openStore } from "../../src/store/store.js";

describe("record_state by system id (id translation)", () => {
  it("answers the key last seen with a system id", () => {
    const store = openStore(":memory:");
    store.recordState.put("Partner", "p1", "salesforce", "h1", "001A");
    store.recordState.put("Partner", "p2", "salesforce", "h2", "001B");
    expect(store.recordState.keyOfSystemId("Partner", "salesforce", "001B")).toBe("p2");
    expect(store.recordState.keyOfSystemId("Partner", "portal", "001B")).toBeUndefined();
    expect(store.recordState.keyOfSystemId("PartnerPerson", "salesforce", "001B")).toBeUndefined();
    store.close();
  });

  it("answers the key seen last when several records have had one system id", () => {
    let t = Date.parse("2026-11-15T12:00:00Z");
    const store = openStore(":memory:", { clock: () => t });
    store.recordState.put("Partner", "p-new", "salesforce", "h1", "001A");
    t += 1000;
    store.recordState.put("Partner", "p-old", "salesforce", "h2", "001A");
    expect(store.recordState.keyOfSystemId("Partner", "salesforce", "001A")).toBe("p-old");
    t += 1000;
    store.recordState.put("Partner", "p-new", "salesforce", "h3", "001A");
    expect(store.recordState.keyOfSystemId("Partner", "salesforce", "001A")).toBe("p-new");
    store.close();
  });

  it("searches the system-id index, not every state of the entity (a 100k first run spent 77 % of its CPU in that scan)", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ps-rs-")), "ps.db");
    const store = openStore(path);
    store.transaction(() => {
      for (let i = 0; i < 2000; i++) store.recordState.put("PartnerPerson", `k${i}`, i % 2 ? "salesforce" : "portal", "h", `id${i}`);
    });
    store.close();
    const db = new Database(path, { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${KEY_BY_SYSTEM_ID_SQL}`).all("PartnerPerson", "salesforce", "id7") as { detail: string }[]).map((r) => r.detail);
    expect(plan.join("\n")).toMatch(/USING INDEX record_state_system_id \(entity=\? AND system=\? AND system_id=\?\)/);
    // The usual question never reads the row: the index holds the key.
    const covered = (db.prepare(`EXPLAIN QUERY PLAN ${KEYS_BY_SYSTEM_ID_SQL}`).all("PartnerPerson", "salesforce", "id7") as { detail: string }[]).map((r) => r.detail);
    expect(covered.join("\n")).toMatch(/USING COVERING INDEX record_state_system_id \(entity=\? AND system=\? AND system_id=\?\)/);
    db.close();
  });
});
