import { describe, expect, it } from "vitest";
import type { SfFieldDescribe, SfSObjectDescribe } from "../../../src/sandbox/contracts.js";
import { makeId } from "../../../src/sandbox/salesforce/sf-id.js";
import { runQuery } from "../../../src/sandbox/salesforce/soql-eval.js";
import { parseSoql } from "../../../src/sandbox/salesforce/soql-parser.js";
import { SfStore } from "../../../src/sandbox/salesforce/store.js";
import { mulberry32 } from "../../../src/mulberry32.js";

const field = (name: string, type: string, extra: Partial<SfFieldDescribe> = {}): SfFieldDescribe => ({
  name, type, nillable: true, createable: true, updateable: true, filterable: true, externalId: false, unique: false, ...extra,
});

/** External ids that repeat (not unique), a numeric external id, a lookup, and unindexed fields. */
const DESCRIBES: SfSObjectDescribe[] = [
  {
    name: "Deal__c",
    custom: true,
    fields: [
      field("Name", "string", { length: 80 }),
      field("Portal_Id__c", "string", { length: 40, externalId: true }),
      field("Number__c", "double", { externalId: true }),
      field("Account__c", "reference"),
      field("Amount__c", "currency"),
      field("Partner__c", "boolean", { nillable: false }),
    ],
  },
];


const T0 = Date.UTC(2026, 0, 1);
const ACCOUNTS = Array.from({ length: 14 }, (_, i) => makeId("001", i + 1));

class World {
  readonly pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.r() * xs.length)]!;
  readonly int = (n: number): number => Math.floor(this.r() * n);
  now = T0 + 60_000;
  readonly store: SfStore;

  constructor(readonly r: () => number) {
    this.store = new SfStore(DESCRIBES, () => new Date(this.now));
  }

  /** One of a few instants (ties), in one of the zone spellings SOQL accepts. */
  stamp(): string {
    const ms = T0 + this.int(16) * 5_000;
    const iso = new Date(ms).toISOString();
    return this.pick([iso, iso.replace("Z", "+00:00"), new Date(ms + 3_600_000).toISOString().replace("Z", "+01:00")]);
  }

  portalKey(): string {
    const k = `p-${this.int(18)}`;
    return this.r() < 0.3 ? k.toUpperCase() : k;
  }

  /** Stored lookups are sometimes 15-char Ids: SOQL compares them in 18-char form. */
  account(): string {
    const id = this.pick(ACCOUNTS);
    return this.r() < 0.3 ? id.slice(0, 15) : id;
  }

  values(): Record<string, unknown> {
    const v: Record<string, unknown> = { Name: this.pick(["alpha", "Beta", "gamma", "ALPHA", "delta"]), Partner__c: this.r() < 0.5 };
    if (this.r() < 0.85) v.Portal_Id__c = this.r() < 0.1 ? null : this.portalKey();
    if (this.r() < 0.8) v.Number__c = this.int(20);
    if (this.r() < 0.8) v.Account__c = this.r() < 0.1 ? null : this.account();
    if (this.r() < 0.8) v.Amount__c = this.int(10);
    return v;
  }

  ids(): string[] {
    return [...this.store.rows("Deal__c")].map((r) => r.Id as string);
  }

  /** Creates now or backdated, updates (the clock may step back), soft deletes. */
  mutate(): void {
    this.now += this.int(3) === 0 ? -this.int(40_000) : this.int(4_000);
    const ids = this.ids();
    const roll = this.r();
    if (ids.length === 0 || roll < 0.35) this.store.insert("Deal__c", this.values());
    else if (roll < 0.5) this.store.insert("Deal__c", this.values(), { systemModstamp: this.stamp() });
    else if (roll < 0.9) this.store.update("Deal__c", this.pick(ids), this.values());
    else {
      const live = [...this.store.rows("Deal__c")].filter((r) => !r.IsDeleted);
      if (live.length > 0) this.store.softDelete("Deal__c", this.pick(live).Id as string);
    }
  }

  idLiteral(): string {
    const ids = this.ids();
    const id = ids.length > 0 && this.r() < 0.8 ? this.pick(ids) : makeId("a0A", 9_999 + this.int(5));
    return `'${this.r() < 0.3 ? id.slice(0, 15) : id}'`;
  }

  list(one: () => string): string {
    return `(${Array.from({ length: 1 + this.int(4) }, one).join(", ")})`;
  }

  /** A WHERE term: mostly the indexed shapes, some that no index serves. */
  term(): string {
    const cmp = this.pick([">", ">=", "<", "<=", "="]);
    return this.pick([
      () => `Id = ${this.idLiteral()}`,
      () => `Id IN ${this.list(() => this.idLiteral())}`,
      () => `Portal_Id__c = '${this.portalKey()}'`,
      () => `Portal_Id__c IN ${this.list(() => (this.r() < 0.1 ? "null" : `'${this.portalKey()}'`))}`,
      () => `Portal_Id__c = null`,
      () => `Number__c IN ${this.list(() => String(this.int(22)))}`,
      () => `Account__c IN ${this.list(() => `'${this.account()}'`)}`,
      () => `Account__c = '${this.account()}'`,
      () => `SystemModstamp ${cmp} ${this.stamp()}`,
      () => `SystemModstamp >= ${this.stamp()} AND SystemModstamp < ${this.stamp()}`,
      () => `Name LIKE '${this.pick(["a%", "%a", "b_ta"])}'`,
      () => `Partner__c = ${this.pick(["true", "false"])}`,
      () => `Amount__c ${cmp} ${this.int(10)}`,
      () => `Portal_Id__c != '${this.portalKey()}'`,
      () => `Account__c NOT IN ${this.list(() => `'${this.account()}'`)}`,
      () => `NOT (Portal_Id__c = '${this.portalKey()}')`,
      () => `(Portal_Id__c = '${this.portalKey()}' OR Amount__c < 3)`,
    ])();
  }

  query(): string {
    const shape = this.int(10);
    const terms = Array.from({ length: 1 + this.int(3) }, () => this.term());
    const where = shape === 0 ? "" : ` WHERE ${shape === 1 ? terms.map((t) => `(${t})`).join(" OR ") : terms.join(" AND ")}`;
    const order = this.pick(["", " ORDER BY SystemModstamp, Id", " ORDER BY Name", " ORDER BY Amount__c DESC NULLS LAST", " ORDER BY Portal_Id__c, SystemModstamp DESC"]);
    const limit = this.r() < 0.3 ? ` LIMIT ${this.int(8)}` : "";
    const offset = limit && this.r() < 0.5 ? ` OFFSET ${this.int(5)}` : "";
    return `SELECT Id, Name FROM Deal__c${where}${order}${limit}${offset}`;
  }
}

describe("indexed query evaluation", () => {
  it("returns exactly the rows of a full scan, in the same order, for random tables, writes and queries", () => {
    let queries = 0;
    let indexed = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const w = new World(mulberry32(seed));
      for (let i = 0; i < 40 + w.int(200); i++) w.mutate();
      for (let round = 0; round < 25; round++) {
        for (let i = w.int(12); i > 0; i--) w.mutate();
        for (let i = 0; i < 6; i++) {
          const soql = w.query();
          const q = parseSoql(soql);
          const includeDeleted = w.r() < 0.3;
          const scan = runQuery(w.store, q, { includeDeleted, scan: true });
          const viaIndex = runQuery(w.store, q, { includeDeleted });
          expect(scan.access.kind).toBe("scan");
          expect(viaIndex.rows.map((r) => r.Id), `seed ${seed}: ${soql}`).toEqual(scan.rows.map((r) => r.Id));
          expect(viaIndex.rows).toEqual(scan.rows);
          queries++;
          if (viaIndex.access.kind === "index") indexed++;
        }
      }
    }
    // the comparison means something only if the indexes were used for a good share of queries
    expect(indexed / queries).toBeGreaterThan(0.4);
  });

  function table(n: number): SfStore {
    let now = T0;
    const store = new SfStore(DESCRIBES, () => new Date((now += 1_000)));
    for (let i = 0; i < n; i++) {
      store.insert("Deal__c", { Name: `d${i}`, Portal_Id__c: `P-${i}`, Number__c: i, Account__c: ACCOUNTS[i % ACCOUNTS.length], Partner__c: i % 2 === 0 });
    }
    return store;
  }

  const access = (store: SfStore, soql: string, includeDeleted = false) => runQuery(store, parseSoql(soql), { includeDeleted }).access;

  it("picks the most selective indexed predicate of a top-level AND", () => {
    const store = table(1_000);
    const id = [...store.rows("Deal__c")][10]!.Id as string;
    expect(access(store, `SELECT Id FROM Deal__c WHERE Id IN ('${id}')`)).toEqual({ kind: "index", field: "Id", candidates: 1 });
    expect(access(store, "SELECT Id FROM Deal__c WHERE Partner__c = true AND Portal_Id__c IN ('p-1', 'P-2', 'p-2')")).toEqual({ kind: "index", field: "Portal_Id__c", candidates: 2 });
    expect(access(store, `SELECT Id FROM Deal__c WHERE Account__c = '${ACCOUNTS[0]!}' AND Number__c = 14`)).toEqual({ kind: "index", field: "Number__c", candidates: 1 });
    // stamps are one second apart from T0 + 1 s: [T0+100 s, T0+150 s) holds 50 rows
    const from = new Date(T0 + 100_000).toISOString();
    const to = new Date(T0 + 150_000).toISOString();
    expect(access(store, `SELECT Id FROM Deal__c WHERE SystemModstamp >= ${from} AND SystemModstamp < ${to} ORDER BY SystemModstamp, Id`)).toEqual({ kind: "index", field: "SystemModstamp", candidates: 51 });
  });

  it("scans when no top-level AND term is indexed or the best one selects much of the table", () => {
    const store = table(1_000);
    expect(access(store, "SELECT Id FROM Deal__c WHERE Portal_Id__c = 'P-1' OR Name = 'd2'").kind).toBe("scan");
    expect(access(store, "SELECT Id FROM Deal__c WHERE Portal_Id__c != 'P-1'").kind).toBe("scan");
    expect(access(store, "SELECT Id FROM Deal__c WHERE Portal_Id__c = null").kind).toBe("scan");
    expect(access(store, "SELECT Id FROM Deal__c WHERE SystemModstamp >= 2025-01-01T00:00:00Z").kind).toBe("scan");
  });

  it("finds soft-deleted and updated rows under their new values, deleted ones for queryAll only", () => {
    const store = table(100);
    const [a, b] = [...store.rows("Deal__c")].map((r) => r.Id as string);
    store.update("Deal__c", a!, { Portal_Id__c: "moved" });
    store.softDelete("Deal__c", b!);
    const soql = "SELECT Id FROM Deal__c WHERE Portal_Id__c IN ('MOVED', 'P-0', 'P-1')";
    expect(runQuery(store, parseSoql(soql), { includeDeleted: false }).rows.map((r) => r.Id)).toEqual([a]);
    expect(runQuery(store, parseSoql(soql), { includeDeleted: true }).rows.map((r) => r.Id)).toEqual([a, b]);
  });
});
