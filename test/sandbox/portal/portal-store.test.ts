// Key lookups (`F = a or F = b …`) answer from a per-field index kept up to date by every write; the
// answer is what testing every record gives (same filter semantics, order, paging and count).
import { describe, expect, it } from "vitest";
import { compileFilter, fieldRange, holdsBetween, keyEqualities } from "../../../src/sandbox/portal/filter-evaluator.js";
import { readListQuery } from "../../../src/sandbox/portal/list-query.js";
import { mulberry32 } from "../../../src/mulberry32.js";
import { parseFilter } from "../../../src/sandbox/portal/filter-parser.js";
import { buildTables, type ListSpec } from "../../../src/sandbox/portal/portal-store.js";
import { StaleRows } from "../../../src/sandbox/portal/stale-rows.js";
import { T0, portalSeed } from "./fixture.js";

function table() {
  const seed = portalSeed();
  return buildTables(seed.objects, seed.records, () => T0).get("account")!;
}

function spec(t: ReturnType<typeof table>, filter: string, indexed: boolean): ListSpec {
  const parsed = parseFilter(filter);
  const eq = keyEqualities(parsed, t.schema);
  return { predicate: compileFilter(parsed, t.schema), ...(indexed && eq ? { equalities: eq } : {}), filterKey: filter, order: [{ field: "Updated", desc: false }, { field: "Id", desc: false }], skip: 0, take: 100 };
}

const ids = (r: { page: Record<string, unknown>[] }) => r.page.map((x) => x.Id);

describe("portal table, key lookups", () => {
  it("finds by equalities of one field, case-insensitively for text, the same records in the same order as a scan", () => {
    const t = table();
    for (const f of ["CrmId = '001a' or CrmId = '001E' or CrmId = 'nope'", "Id = 3 or Id = 1", "Name = 'GAMMA'", "NFR_Seats__cf = 5"]) {
      expect(keyEqualities(parseFilter(f), t.schema), f).toBeDefined();
      expect(t.list(spec(t, f, true)), f).toEqual(t.list(spec(t, f, false)));
    }
    expect(ids(t.list(spec(t, "CrmId = '001a' or CrmId = '001E'", true)))).toEqual([1, 5]);
  });

  it("leaves any other filter to the scan (mixed fields, other operators, null)", () => {
    const t = table();
    for (const f of ["CrmId = '001A' or Name = 'gamma'", "NFR_Seats__cf > 3", "CrmId = null", "CrmId = '001A' and Name = 'Acme'"]) {
      expect(keyEqualities(parseFilter(f), t.schema), f).toBeUndefined();
    }
  });

  it("follows creates and updates: a changed key is found by its new value only", () => {
    const t = table();
    const lookup = (f: string) => ids(t.list(spec(t, f, true)));
    expect(lookup("CrmId = '001A'")).toEqual([1]); // the index is built here
    expect(t.update(1, { CrmId: "001Z" }).ok).toBe(true);
    const created = t.create({ Name: "Zeta", CrmId: "001a" });
    expect(created.ok).toBe(true);
    const newId = created.ok ? created.record.Id : undefined;
    expect(lookup("CrmId = '001A'")).toEqual([newId]);
    expect(lookup("CrmId = '001z'")).toEqual([1]);
    expect(t.list(spec(t, "CrmId = '001A' or CrmId = '001Z'", true))).toEqual(t.list(spec(t, "CrmId = '001A' or CrmId = '001Z'", false)));
  });
});

// Lists other than key lookups answer from sorted views kept across writes (new versions appended or
// merged, replaced ones skipped as stale) and, when the filter bounds the order's leading numeric or
// date-time field, from a binary-searched range of the view. The answer must be what sorting every
// live record and testing each gives: same records, order, count and page, through any writes.
describe("portal table, sorted views and ranges", () => {
  const orders = ["Updated asc,Id asc", "NFR_Seats__cf asc", "Last_Audit__cf asc", "Revenue__cf desc", "Name asc", "Id asc"];
  const audits = ["2026-03-01T10:00:00Z", "2026-03-01T10:00:01Z", "2026-03-02T00:00:00Z", null];

  function randomFilter(next: () => number, updatedAt: () => string): string {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const term = (): string => {
      switch (pick(["u", "id", "seats", "audit", "rev", "name"])) {
        case "u": return `Updated ${pick([">", ">=", "<", "<=", "="])} '${updatedAt()}'`;
        case "id": return `Id ${pick([">", ">=", "<", "<=", "=", "!="])} ${Math.floor(next() * 40)}`;
        case "seats": return next() < 0.2 ? `NFR_Seats__cf ${pick(["=", "!="])} null` : `NFR_Seats__cf ${pick([">", ">=", "<", "<=", "=", "!="])} ${Math.floor(next() * 8)}`;
        case "audit": { const a = pick(audits); return a === null ? `Last_Audit__cf ${pick(["=", "!="])} null` : `Last_Audit__cf ${pick([">", "<=", "="])} '${a}'`; }
        case "rev": return `Revenue__cf ${pick([">", "<"])} ${Math.floor(next() * 3000)}`;
        default: return `Name like '%${Math.floor(next() * 10)}%'`;
      }
    };
    const group = (depth: number): string => {
      if (depth === 0 || next() < 0.4) return term();
      const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => group(depth - 1));
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(next() < 0.5 ? " and " : " or ")})`;
    };
    return group(3);
  }

  it("gives what a full sort and scan give, through random creates, updates and keyset pages", () => {
    const next = mulberry32(20261130);
    let clock = Date.parse("2026-05-01T12:00:00Z");
    const seed = portalSeed();
    const t = buildTables(seed.objects, seed.records, () => new Date(clock)).get("account")!;
    const stamps: string[] = ["2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z"];
    const updatedAt = () => stamps[Math.floor(next() * stamps.length)] as string;
    let checked = 0;
    let ranged = 0;
    for (let step = 0; step < 600; step++) {
      const roll = next();
      if (roll < 0.25) {
        const seats = next() < 0.2 ? null : Math.floor(next() * 8);
        expect(t.create({ Name: `P${step}`, NFR_Seats__cf: seats, Revenue__cf: Math.floor(next() * 3000), Last_Audit__cf: audits[Math.floor(next() * audits.length)] }).ok).toBe(true);
      } else if (roll < 0.55) {
        const id = 1 + Math.floor(next() * t.byId.size);
        if (t.byId.has(id)) expect(t.update(id, { NFR_Seats__cf: next() < 0.2 ? null : Math.floor(next() * 8), Name: `Q${step}` }).ok).toBe(true);
      } else {
        // Half are what the connector sends: a window and a keyset anchor, in Updated, Id order.
        const keyset = next() < 0.5;
        const filter = keyset
          ? `(Updated >= '${updatedAt()}' and Updated < '${updatedAt()}') and (Updated > '${updatedAt()}' or (Updated = '${updatedAt()}' and Id > ${Math.floor(next() * 40)}))`
          : randomFilter(next, updatedAt);
        const orderby = keyset ? "Updated asc,Id asc" : (orders[Math.floor(next() * orders.length)] as string);
        const params = new URLSearchParams({ filter, orderby, skip: String(Math.floor(next() * 4)), take: String(1 + Math.floor(next() * 6)) });
        const { spec: s } = readListQuery(t.schema, params, 500);
        if (s.range) ranged++;
        const all = [...t.byId.values()].sort(byOrder(s.order, t.schema)).filter((r) => s.predicate?.(r) ?? true);
        const got = t.list(s);
        expect({ count: got.count, ids: ids(got) }, params.toString()).toEqual({ count: all.length, ids: all.slice(s.skip, s.skip + s.take).map((r) => r.Id) });
        checked++;
      }
      // Time moves in whole seconds now and then, so writes share stamps and ties go to Id.
      if (next() < 0.3) clock += 1000;
      if (next() < 0.2) stamps.push(new Date(clock).toISOString());
    }
    expect(checked).toBeGreaterThan(200);
    expect(ranged).toBeGreaterThan(120);
  });

  it("bounds the leading field by and/or of comparisons; an unbounded branch, null or != bounds nothing", () => {
    const t = table();
    const range = (f: string) => fieldRange(parseFilter(f), t.schema, "Updated");
    const at = (iso: string) => Date.parse(iso);
    expect(range("(Updated >= '2026-04-01T00:00:00Z' and Updated < '2026-04-03T00:00:00Z') and (Updated > '2026-04-02T00:00:00Z' or (Updated = '2026-04-02T00:00:00Z' and Id > 2))"))
      .toEqual({ lo: at("2026-04-02T00:00:00Z"), loOpen: false, hi: at("2026-04-03T00:00:00Z"), hiOpen: true });
    expect(range("Updated > '2026-04-02T00:00:00Z' or Id > 3")).toBeUndefined();
    expect(range("Updated = null or Updated > '2026-04-02T00:00:00Z'")).toBeUndefined();
    expect(range("Updated != '2026-04-02T00:00:00Z'")).toBeUndefined();
    expect(fieldRange(parseFilter("Name > 'b'"), t.schema, "Name")).toBeUndefined();
    expect(range("Updated <= '2026-04-02T00:00:00Z' and Name = 'x'")).toEqual({ lo: -Infinity, loOpen: false, hi: at("2026-04-02T00:00:00Z"), hiOpen: false });
  });
});

describe("portal keyset count: what lies strictly inside the range is counted, not tested", () => {
  const t = table();
  const between = (f: string, lo: string, hi: string) => holdsBetween(parseFilter(f), t.schema, "Updated", Date.parse(lo), Date.parse(hi));
  const [lo, hi] = ["2026-04-02T00:00:00Z", "2026-04-03T00:00:00Z"];

  it("holds for the connector's window and anchor, and for bounds at or beyond the range's", () => {
    expect(between("(Updated >= '2026-04-01T00:00:00Z' and Updated < '2026-04-03T00:00:00Z') and (Updated > '2026-04-02T00:00:00Z' or (Updated = '2026-04-02T00:00:00Z' and Id > 2))", lo, hi)).toBe(true);
    expect(between("Updated >= '2026-04-02T00:00:00Z' and Updated <= '2026-04-03T00:00:00Z'", lo, hi)).toBe(true);
    expect(between("Updated != '2026-04-03T00:00:00Z' and Updated != null", lo, hi)).toBe(true);
    expect(between("Updated > '2026-04-02T00:00:00Z' or Name = 'x'", lo, hi)).toBe(true);
  });

  it("does not hold when a term could fail inside: another field, =, like, a bound inside the range", () => {
    expect(between("Updated > '2026-04-02T00:00:00Z' and Name = 'x'", lo, hi)).toBe(false);
    expect(between("Updated = '2026-04-02T12:00:00Z'", lo, hi)).toBe(false);
    expect(between("Updated > '2026-04-02T12:00:00Z'", lo, hi)).toBe(false);
    expect(between("Updated < '2026-04-02T12:00:00Z'", lo, hi)).toBe(false);
    expect(between("Updated != '2026-04-02T12:00:00Z'", lo, hi)).toBe(false);
    expect(between("Updated = null", lo, hi)).toBe(false);
    expect(between("Id > 3 or Name like 'a%'", lo, hi)).toBe(false);
  });

  it("counts stale positions over any stretch as the flags say, through appends and marks", () => {
    const next = mulberry32(20261201);
    const rows = new StaleRows();
    const flags: boolean[] = [];
    for (let step = 0; step < 3000; step++) {
      if (flags.length === 0 || next() < 0.6) {
        const stale = next() < 0.2;
        rows.push(stale);
        flags.push(stale);
      } else {
        const live = flags.map((f, i) => (f ? -1 : i)).filter((i) => i >= 0);
        if (live.length > 0) {
          const at = live[Math.floor(next() * live.length)] as number;
          rows.mark(at);
          flags[at] = true;
        }
      }
      const a = Math.floor(next() * (flags.length + 1));
      const b = a + Math.floor(next() * (flags.length + 1 - a));
      expect(rows.between(a, b), `[${a}, ${b}) after ${step} steps`).toBe(flags.slice(a, b).filter(Boolean).length);
    }
    expect(rows.length).toBe(flags.length);
  });
});

function byOrder(order: ListSpec["order"], schema: ReturnType<typeof table>["schema"]) {
  const text = (f: string) => !["Integer", "Decimal", "Reference", "Boolean", "DateTime"].includes(schema.field(f)?.dataType ?? "");
  return (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const o of order) {
      const x = a[o.field];
      const y = b[o.field];
      let c: number;
      if (x == null || y == null) c = x == null ? (y == null ? 0 : -1) : 1;
      else if (text(o.field)) c = String(x).toLowerCase() < String(y).toLowerCase() ? -1 : String(x).toLowerCase() > String(y).toLowerCase() ? 1 : 0;
      else c = x === y ? 0 : (x as number) < (y as number) ? -1 : 1;
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  };
}

// The compiled comparisons of number, date-time and boolean fields: one comparison per record, the
// same answers as ordering the two values (equal → 0, less → -1, else 1) and testing the operator.
describe("portal filter, comparisons of numbers, date-times and booleans", () => {
  it("matches the three-way comparison for every operator, and never a null", () => {
    const t = table();
    const reference = (v: unknown, op: string, operand: number | boolean): boolean => {
      if (v == null) return false;
      const c = v === operand ? 0 : (v as number) < (operand as number) ? -1 : 1;
      return { "=": c === 0, "!=": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0 }[op] as boolean;
    };
    let checked = 0;
    for (const op of ["=", "!=", "<", "<=", ">", ">="]) {
      for (const operand of [-1, 0, 3, 5, 12.5]) {
        const p = compileFilter(parseFilter(`NFR_Seats__cf ${op} ${operand}`), t.schema);
        for (const v of [null, undefined, -1, 0, 3, 5, 12, 12.5, 13]) {
          expect(p({ NFR_Seats__cf: v }), `${String(v)} ${op} ${operand}`).toBe(reference(v, op, operand));
          checked++;
        }
      }
      const at = Date.parse("2026-03-01T10:00:00Z");
      const d = compileFilter(parseFilter(`Last_Audit__cf ${op} '2026-03-01T10:00:00Z'`), t.schema);
      for (const v of [null, at - 1000, at, at + 1000]) expect(d({ Last_Audit__cf: v }), `${String(v)} ${op}`).toBe(reference(v, op, at));
    }
    for (const op of ["=", "!="]) {
      for (const operand of [true, false]) {
        const p = compileFilter(parseFilter(`Is_Active__cf ${op} ${operand}`), t.schema);
        for (const v of [null, true, false]) expect(p({ Is_Active__cf: v }), `${String(v)} ${op} ${operand}`).toBe(reference(v, op, operand));
      }
    }
    expect(checked).toBe(6 * 5 * 9);
  });

  it("and/or of two and of more terms", () => {
    const t = table();
    const rec = { NFR_Seats__cf: 5, Is_Active__cf: true, Name: "Acme" };
    const f = (text: string) => compileFilter(parseFilter(text), t.schema)(rec);
    expect(f("NFR_Seats__cf = 5 and Is_Active__cf = true")).toBe(true);
    expect(f("NFR_Seats__cf = 5 and Is_Active__cf = false")).toBe(false);
    expect(f("NFR_Seats__cf = 4 or Is_Active__cf = true")).toBe(true);
    expect(f("NFR_Seats__cf = 4 or Is_Active__cf = false")).toBe(false);
    expect(f("NFR_Seats__cf = 5 and Is_Active__cf = true and Name = 'ACME'")).toBe(true);
    expect(f("NFR_Seats__cf = 5 and Is_Active__cf = true and Name = 'x'")).toBe(false);
    expect(f("NFR_Seats__cf = 4 or Is_Active__cf = false or Name = 'acme'")).toBe(true);
    expect(f("NFR_Seats__cf = 4 or Is_Active__cf = false or Name = 'x'")).toBe(false);
  });
});
