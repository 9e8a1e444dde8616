import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { PartnerSyncError } from "../../src/errors.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const tempDb = () => join(mkdtempSync(join(tmpdir(), "ps-store-")), "store.db");

describe("openStore", () => {
  it("creates a new store at the current schema version with WAL and synchronous FULL", () => {
    const path = tempDb();
    const store = openStore(path);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("reopens an existing store without re-running migrations", () => {
    const path = tempDb();
    const a = openStore(path);
    a.watermarks.set("salesforce", "Account", "2026-01-01T00:00:00.000Z");
    a.close();
    const b = openStore(path);
    expect(b.watermarks.get("salesforce", "Account")).toBe("2026-01-01T00:00:00.000Z");
    b.close();
  });

  it("refuses a store written by a newer version and leaves it byte for byte untouched", () => {
    const path = tempDb();
    const db = new Database(path);
    db.exec("CREATE TABLE future (x)");
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(path);
    let error: unknown;
    try {
      openStore(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PartnerSyncError);
    expect((error as PartnerSyncError).code).toBe("PS_E_STORE_NEWER_SCHEMA");
    expect((error as PartnerSyncError).scope).toBe("config");
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("migrates a version-3 store: its outcomes kept, the unused outcomes-by-record index dropped", () => {
    const path = tempDb();
    const db = new Database(path);
    for (const m of MIGRATIONS.filter((m) => m.version <= 3)) db.exec(m.sql);
    db.pragma("user_version = 3");
    db.exec("INSERT INTO runs (id, kind, started_at, status) VALUES ('r0', 'sync', '2026-11-01T00:00:00Z', 'succeeded')");
    db.exec("INSERT INTO outcomes (run_id, entity, key, system, action, result, at) VALUES ('r0', 'Partner', 'p1', 'portal', 'skip', 'ok', '2026-11-01T00:00:00Z')");
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'outcomes_record'").get()).toBeDefined();
    db.close();
    const store = openStore(path);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.outcomes.forRun("r0")).toEqual([expect.objectContaining({ entity: "Partner", key: "p1", action: "skip" })]);
    store.close();
    const after = new Database(path, { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outcomes'").all()).toEqual([{ name: "outcomes_run" }]);
    after.close();
  });

  it("names the path when the file is not a SQLite database", async () => {
    const path = tempDb();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, "not a database, just text that is long enough to have a header".repeat(10));
    expect(() => openStore(path)).toThrow(expect.objectContaining({ code: "PS_E_STORE_OPEN", message: expect.stringContaining(path) }));
  });
});

describe("repositories", () => {
  it("records runs, outcomes, quarantine (one open entry per record) and audit", () => {
    let t = Date.parse("2026-11-29T10:00:00Z");
    const store = openStore(":memory:", { clock: () => t });
    store.runs.start({ id: "r1", kind: "sync", evalAt: "2026-11-29T10:00:00.000Z" });
    store.outcomes.add({ runId: "r1", entity: "Partner", key: "p1", system: "salesforce", action: "create", result: "ok" });
    t += 1000;
    store.runs.finish("r1", "quarantined", { read: 3, written: 1, quarantined: 2 });
    expect(store.runs.get("r1")).toMatchObject({ status: "quarantined", counts: { quarantined: 2 }, finishedAt: "2026-11-29T10:00:01.000Z", dryRun: false });

    const q = { entity: "Partner", key: "p2", system: "portal", stage: "normalize" as const, errorCode: "PS_E_BAD_EMAIL", errorMessage: "bad", payload: { id: 2 }, runId: "r1" };
    store.quarantine.put(q);
    store.quarantine.put({ ...q, errorMessage: "still bad", runId: "r2" });
    const open = store.quarantine.list();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ attempts: 2, errorMessage: "still bad", firstRunId: "r1", lastRunId: "r2", payload: { id: 2 } });
    expect(store.quarantine.resolve(open[0]!.id, "discarded")).toBe(true);
    expect(store.quarantine.resolve(open[0]!.id, "replayed")).toBe(false);
    store.quarantine.put(q); // failing again after discard opens a new entry
    expect(store.quarantine.counts()).toEqual([
      { entity: "Partner", status: "discarded", n: 1 },
      { entity: "Partner", status: "open", n: 1 },
    ]);

    store.audit.add({ runId: "r1", entity: "DealRegistration", key: "d1", system: "salesforce", action: "rule", beforeHash: "a", afterHash: "b", fields: { Status__c: ["Approved", "Expired"] }, reasons: [{ rule: "DR-4", code: "EXPIRED", message: "m" }] });
    expect(store.audit.forRecord("DealRegistration", "d1")[0]).toMatchObject({ fields: { Status__c: ["Approved", "Expired"] }, reasons: [{ rule: "DR-4" }] });

    store.recordState.put("Partner", "p1", "salesforce", "h1", "001xx");
    store.recordState.put("Partner", "p1", "salesforce", "h2");
    expect(store.recordState.get("Partner", "p1", "salesforce")).toMatchObject({ hash: "h2", systemId: "001xx" });
    store.close();
  });

  it("quarantine: open ids, counts, one entity's entries and a walk one entry at a time, payloads not read for ids or counts", () => {
    const store = openStore(":memory:");
    const put = (key: string, entity = "Prospect", system = "portal") =>
      store.quarantine.put({ entity, key, system, stage: "normalize", errorCode: "PS_E_RECORD_INVALID", errorMessage: `bad ${key}`, payload: { Id: key }, runId: "r1" });
    put("a");
    put("b");
    put("c", "CoupaInvoice", "coupa");
    const all = store.quarantine.list("open");
    expect(store.quarantine.openIds()).toEqual(all.map((q) => q.id));
    expect(store.quarantine.count("open")).toBe(3);
    expect([...store.quarantine.iterate("open")]).toEqual(all);
    expect(store.quarantine.openOf("CoupaInvoice", "coupa").map((q) => q.key)).toEqual(["c"]);
    store.quarantine.resolve(all[0]!.id, "discarded");
    expect(store.quarantine.openIds()).toEqual([all[1]!.id, all[2]!.id]);
    expect(store.quarantine.count("open")).toBe(2);
    expect(store.quarantine.count("discarded")).toBe(1);
    expect([...store.quarantine.iterate("discarded")].map((q) => q.key)).toEqual(["a"]);
    store.close();
  });

  it("reads the record states of many keys at once, chunk by chunk, only of the entity and system asked", () => {
    const store = openStore(":memory:");
    const keys = Array.from({ length: 250 }, (_, i) => `d${i}`);
    for (const k of keys) store.recordState.put("DealRegistration", k, "portal", `h-${k}`, k.toUpperCase());
    store.recordState.put("DealRegistration", "d0", "salesforce", "other");
    store.recordState.put("Partner", "d1", "portal", "other");
    const states = store.recordState.getMany("DealRegistration", "portal", [...keys, "d0", "missing"]);
    expect(states.size).toBe(250);
    expect(states.get("d0")).toMatchObject({ hash: "h-d0", systemId: "D0" });
    expect(states.get("d249")).toMatchObject({ hash: "h-d249" });
    expect(states.has("missing")).toBe(false);
    store.close();
  });

  it("rolls back every write of a transaction that throws", () => {
    const store = openStore(":memory:");
    store.runs.start({ id: "r", kind: "sync" });
    expect(() =>
      store.transaction(() => {
        store.watermarks.set("portal", "Account", "x");
        store.outcomes.add({ runId: "r", entity: "E", key: "k", system: "portal", action: "update", result: "ok" });
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(store.watermarks.get("portal", "Account")).toBeUndefined();
    expect(store.outcomes.countForRun("r")).toBe(0);
    store.close();
  });
});

describe("leases", () => {
  it("gives a held lease to nobody else, renews it, and lets another take it over once expired", () => {
    let t = 1_000_000;
    const store = openStore(":memory:", { clock: () => t });
    expect(store.leases.acquire("sync", "a", 10_000)).toMatchObject({ owner: "a", expiresAt: t + 10_000 });
    expect(store.leases.acquire("sync", "b", 10_000)).toBeUndefined();
    t += 9_000;
    expect(store.leases.renew("sync", "a", 10_000)).toBe(true);
    t += 9_999;
    expect(store.leases.acquire("sync", "b", 10_000)).toBeUndefined(); // 1 ms before expiry
    t += 1;
    expect(store.leases.held()).toEqual([]);
    expect(store.leases.acquire("sync", "b", 10_000)).toMatchObject({ owner: "b" });
    expect(store.leases.renew("sync", "a", 10_000)).toBe(false); // a lost it: must stop
    expect(store.leases.release("sync", "a")).toBe(false);
    expect(store.leases.release("sync", "b")).toBe(true);
    store.close();
  });

  it("lets exactly one of two processes racing for a free lease win", async () => {
    for (let round = 0; round < 5; round++) {
      const path = tempDb();
      openStore(path).close();
      const contenders = ["a", "b"].map((owner) => spawn(process.execPath, [fixture("lease-contender.mjs"), path, owner], { stdio: ["pipe", "pipe", "inherit"] }));
      const lines = contenders.map((c) => linesOf(c.stdout));
      await Promise.all(lines.map((l) => l.next("ready")));
      for (const c of contenders) c.stdin.write("go\n");
      const results = await Promise.all(lines.map((l) => l.next()));
      expect(results.sort()).toEqual(["lost", "won"]);
      const store = openStore(path);
      expect(store.leases.held()).toHaveLength(1);
      store.close();
    }
  });
});

describe("crash safety", () => {
  it("holds none of a transaction's rows after SIGKILL in its middle", async () => {
    const path = tempDb();
    const child = spawn(process.execPath, [fixture("writer.mjs"), path, "20000", "hold"], { stdio: ["ignore", "pipe", "inherit"] });
    await linesOf(child.stdout).next("mid");
    await kill9(child);
    const store = openStore(path);
    expect(store.outcomes.countForRun("crash")).toBe(0);
    store.close();
  });

  it("holds each transaction all or nothing when killed at random instants", async () => {
    const rows = 5000;
    for (let round = 0; round < 8; round++) {
      const path = tempDb();
      const child = spawn(process.execPath, [fixture("writer.mjs"), path, String(rows), "loop"], { stdio: ["ignore", "pipe", "inherit"] });
      const lines = linesOf(child.stdout);
      await lines.next("committed 0");
      // The kill instant is random on purpose: somewhere inside one of the following batches.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
      await kill9(child);
      const db = new Database(path);
      const perBatch = db.prepare("SELECT substr(key, 1, instr(key, ':') - 1) AS b, count(*) AS n FROM outcomes GROUP BY b").all() as { b: string; n: number }[];
      db.close();
      expect(perBatch.length).toBeGreaterThanOrEqual(1);
      for (const { n } of perBatch) expect(n).toBe(rows);
      expect(perBatch.map((x) => Number(x.b)).sort((a, b) => a - b)).toEqual(perBatch.map((_, i) => i));
    }
  });
});

function linesOf(stream: NodeJS.ReadableStream) {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buf += chunk;
    const parts = buf.split("\n");
    buf = parts.pop()!;
    queue.push(...parts);
    wake?.();
  });
  return {
    /** The next line; with `want`, skips lines until one equals it. */
    async next(want?: string): Promise<string> {
      for (;;) {
        while (queue.length > 0) {
          const line = queue.shift()!;
          if (want === undefined || line === want) return line;
        }
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
}

function kill9(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
