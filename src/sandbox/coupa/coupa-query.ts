// Reads a Coupa list query (`attr[op]=v` filters, associations like `supplier[number]=…`, `order_by`,
// `dir`, `offset`, `limit`) into a predicate, an order and a page window. Each attribute's type is
// taken from the data (numbers, booleans, timestamps, decimal strings, text), so `updated-at[gt]`
// compares instants and `gross-total[gt]` compares amounts, never strings.
// Semantics *(choice)*, like the SQL behind Coupa: text compares case-insensitively, a null only
// matches `blank`, and on a list (payments, addresses) a filter matches when any element does.
import type { JsonRecord } from "../contracts.js";
import { parseInstant } from "../portal/portal-values.js";
import { type CoupaResource, normalizeName } from "./coupa-resources.js";
import { isTimestamp } from "./coupa-values.js";

export class CoupaRequestError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = "CoupaRequestError";
  }
}

export const PAGE_CAP = 50;
const OPS = new Set(["gt", "lt", "gt-or-eq", "lt-or-eq", "not-eq", "in", "not-in", "contains", "starts-with", "ends-with", "blank"]);
const RESERVED = new Set(["offset", "limit", "order-by", "dir", "fields", "return-object"]);

type Kind = "number" | "boolean" | "timestamp" | "decimal" | "string" | "object";
type Scalar = string | number | boolean;

export interface CoupaQuery {
  predicate: (rec: JsonRecord) => boolean;
  compare: (a: JsonRecord, b: JsonRecord) => number;
  offset: number;
  limit: number;
  /** The query's parameters without `offset` and `limit`: what its sorted matches depend on. */
  matchKey: string;
}

/**
 * What the checks below learn from a resource's records (known attributes, a path's type), kept per
 * records array: the emulator's data never changes between loads, and a list read at 50 a page would
 * otherwise walk every record for every parameter of every page.
 */
const learned = new WeakMap<readonly JsonRecord[], Map<string, unknown>>();

function remember<T>(records: readonly JsonRecord[], key: string, compute: () => T): T {
  let known = learned.get(records);
  if (!known) learned.set(records, (known = new Map()));
  if (!known.has(key)) known.set(key, compute());
  return known.get(key) as T;
}

export function leaves(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== "object") return [];
  return leaves((value as JsonRecord)[path[0] as string], path.slice(1));
}

function kindOf(records: readonly JsonRecord[], path: readonly string[]): Kind {
  return remember(records, `kind\u0000${path.join("\u0000")}`, () => scanKind(records, path));
}

function scanKind(records: readonly JsonRecord[], path: readonly string[]): Kind {
  for (const rec of records) {
    for (const v of leaves(rec, path)) {
      if (v === null || v === undefined) continue;
      if (typeof v === "number") return "number";
      if (typeof v === "boolean") return "boolean";
      if (typeof v === "object") return "object";
      if (isTimestamp(v)) return "timestamp";
      if (/^-?\d+(\.\d+)?$/.test(String(v))) return "decimal";
      return "string";
    }
  }
  return "string";
}

function checkPath(resource: CoupaResource, records: readonly JsonRecord[], path: readonly string[]): void {
  const [top, ...rest] = path;
  const known = remember(records, `attributes\u0000${resource.path}`, () => {
    const names = new Set(resource.attributes);
    for (const rec of records) for (const k of Object.keys(rec)) names.add(k);
    return names;
  });
  if (top === undefined || !known.has(top)) throw new CoupaRequestError(400, `Unknown attribute or association '${top ?? ""}'`);
  if (rest.length === 0) return;
  // The keys found under the path's parent, or null when a scalar sits there (the last segment then reads as an operator).
  const seen = remember(records, `under\u0000${path.slice(0, -1).join("\u0000")}`, () => {
    const keys = new Set<string>();
    for (const rec of records) {
      for (const v of leaves(rec, path.slice(0, -1))) {
        if (v && typeof v === "object") for (const k of Object.keys(v)) keys.add(k);
        else if (v !== null && v !== undefined) return null;
      }
    }
    return keys;
  });
  if (seen === null) throw new CoupaRequestError(400, `Unknown operator '${path[path.length - 1] ?? ""}' for ${path[0] ?? ""}`);
  if (seen.size > 0 && !seen.has(path[path.length - 1] as string)) {
    throw new CoupaRequestError(400, `Unknown attribute '${path.join(".")}'`);
  }
}

function operand(kind: Kind, raw: string, name: string): Scalar {
  const bad = () => new CoupaRequestError(400, `Invalid value '${raw}' for ${name}`);
  switch (kind) {
    case "number":
    case "decimal": {
      const n = Number(raw);
      if (raw.trim() === "" || Number.isNaN(n)) throw bad();
      return n;
    }
    case "timestamp": {
      const ms = parseInstant(raw);
      if (ms === undefined) throw bad();
      return ms;
    }
    case "boolean":
      if (!/^(true|false|1|0)$/i.test(raw)) throw bad();
      return /^(true|1)$/i.test(raw);
    case "object":
      throw new CoupaRequestError(400, `Filter on ${name} needs an attribute, e.g. ${name}[id]`);
    default:
      return raw.toLowerCase();
  }
}

/** A comparable form of a stored leaf for `kind`, or undefined when it is null. */
function comparable(kind: Kind, v: unknown): Scalar | undefined {
  if (v === null || v === undefined) return undefined;
  if (kind === "number" || kind === "decimal") return Number(v);
  if (kind === "timestamp") return parseInstant(String(v));
  if (kind === "boolean") return v === true || v === "true";
  return String(v).toLowerCase();
}

function cmp(a: Scalar, b: Scalar): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compileFilter(kind: Kind, op: string, raw: string, name: string): (v: unknown) => boolean {
  if (op === "blank") {
    const want = operand("boolean", raw, `${name}[blank]`);
    return (v) => (v === null || v === undefined || v === "") === want;
  }
  if (op === "in" || op === "not-in") {
    const set = raw.split(",").map((x) => operand(kind, x.trim(), name));
    const inside = (c: Scalar) => set.some((s) => cmp(c, s) === 0);
    return (v) => {
      const c = comparable(kind, v);
      return c !== undefined && inside(c) === (op === "in");
    };
  }
  const rhs = operand(kind, raw, name);
  const text = (f: (c: string, r: string) => boolean) => (v: unknown) => {
    const c = comparable(kind, v);
    return c !== undefined && f(String(c), String(rhs));
  };
  if (op === "contains") return text((c, r) => c.includes(r));
  if (op === "starts-with") return text((c, r) => c.startsWith(r));
  if (op === "ends-with") return text((c, r) => c.endsWith(r));
  const test: Record<string, (n: number) => boolean> = {
    eq: (n) => n === 0,
    "not-eq": (n) => n !== 0,
    gt: (n) => n > 0,
    lt: (n) => n < 0,
    "gt-or-eq": (n) => n >= 0,
    "lt-or-eq": (n) => n <= 0,
  };
  const t = test[op] as (n: number) => boolean;
  return (v) => {
    const c = comparable(kind, v);
    return c !== undefined && t(cmp(c, rhs));
  };
}

function readInt(name: string, raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new CoupaRequestError(400, `Invalid ${name} '${raw}'`);
  return n;
}

export function readCoupaQuery(resource: CoupaResource, records: readonly JsonRecord[], params: URLSearchParams): CoupaQuery {
  const filters: ((rec: JsonRecord) => boolean)[] = [];
  let orderBy: string | null = null;
  let dir: string | null = null;
  let offsetRaw: string | null = null;
  let limitRaw: string | null = null;
  const matchKey: string[] = [];
  for (const [key, raw] of params) {
    const m = /^([^[\]]+)((?:\[[^[\]]+\])*)$/.exec(key);
    if (!m) throw new CoupaRequestError(400, `Invalid parameter '${key}'`);
    const segments = [m[1] as string, ...[...(m[2] ?? "").matchAll(/\[([^[\]]+)\]/g)].map((x) => x[1] as string)].map(normalizeName);
    const head = segments[0] as string;
    if (segments.length === 1 && RESERVED.has(head)) {
      if (head === "order-by") orderBy = raw;
      else if (head === "dir") dir = raw;
      else if (head === "offset") offsetRaw = raw;
      else if (head === "limit") limitRaw = raw;
      if (head === "order-by" || head === "dir") matchKey.push(`${head}=${raw}`);
      continue;
    }
    matchKey.push(`${key}=${raw}`);
    const last = segments[segments.length - 1] as string;
    const hasOp = segments.length > 1 && OPS.has(last);
    const path = hasOp ? segments.slice(0, -1) : segments;
    checkPath(resource, records, path);
    const kind = kindOf(records, path);
    const match = compileFilter(kind, hasOp ? last : "eq", raw, key);
    // not-eq / not-in must hold for the record, not merely for one element of a list.
    const negative = hasOp && (last === "not-eq" || last === "not-in");
    filters.push((rec) => {
      const vs = leaves(rec, path);
      if (vs.length === 0) vs.push(null);
      return negative ? vs.every(match) : vs.some(match);
    });
  }
  return {
    predicate: (rec) => filters.every((f) => f(rec)),
    compare: readOrder(resource, records, orderBy, dir),
    offset: readInt("offset", offsetRaw, 0),
    // A larger limit is clamped, as Coupa does; 0 means the default *(choice)*.
    limit: Math.min(readInt("limit", limitRaw, PAGE_CAP) || PAGE_CAP, PAGE_CAP),
    matchKey: JSON.stringify(matchKey),
  };
}

function readOrder(resource: CoupaResource, records: readonly JsonRecord[], orderBy: string | null, dir: string | null) {
  const d = (dir ?? "asc").toLowerCase();
  if (d !== "asc" && d !== "desc") throw new CoupaRequestError(400, `Invalid dir '${dir ?? ""}' (asc or desc)`);
  const sign = d === "desc" ? -1 : 1;
  const key = normalizeName(orderBy ?? "id");
  checkPath(resource, records, [key]);
  const kind = kindOf(records, [key]);
  if (kind === "object") throw new CoupaRequestError(400, `Cannot order by association '${key}'`);
  return (a: JsonRecord, b: JsonRecord): number => {
    const x = comparable(kind, a[key]);
    const y = comparable(kind, b[key]);
    // Nulls first ascending, then ties by id ascending so offset paging is stable.
    const c = x === undefined || y === undefined ? (x === y ? 0 : x === undefined ? -1 : 1) : cmp(x, y);
    return c !== 0 ? sign * c : cmp(a.id as number, b.id as number);
  };
}
