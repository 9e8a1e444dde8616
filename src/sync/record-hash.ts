// The hash of a record as one system holds it: every canonical field the pass knows, sorted by path,
// in one stable text form (a Date as its instant, money as amount and currency, key order ignored).
// Equal hashes = nothing we read changed since we last wrote or saw it (echo suppression), and a
// different one on a non-owner = drift.
import { hash } from "node:crypto";

export type FlatValues = Readonly<Record<string, unknown>>;

function sortedObject(x: unknown): unknown {
  if (typeof x === "bigint") return `${x}n`;
  if (x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Date)) {
    return Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).sort(([a], [b]) => byCodeUnit(a, b)));
  }
  return x;
}

/**
 * The text of one value. Primitives and instants (nearly every value) are serialized without a
 * replacer: the same text the replacer would give, at a fraction of the cost (the replacer is called
 * for every value, nested ones included). Objects and arrays keep it (key order, bigint inside).
 */
function stable(v: unknown): string {
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(v);
    case "undefined":
      return "null";
    case "bigint":
      return JSON.stringify(`${v}n`);
    default:
      if (v === null) return "null";
      if (v instanceof Date) return JSON.stringify(v);
      return composite(v as object) ?? JSON.stringify(v, (_, x: unknown) => sortedObject(x));
  }
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The same text for arrays and plain objects (money, lists) built directly, keys sorted, without
 * JSON.stringify's replacer calls and the sorted copy of each object; undefined when something
 * else is inside (a function, a Map, a class instance), which the replacer path handles as before.
 */
function composite(v: object): string | undefined {
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const t = x === undefined ? "null" : inner(x);
      if (t === undefined) return undefined;
      out += i === 0 ? t : `,${t}`;
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  const o = v as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const k of Object.keys(o).sort(byCodeUnit)) {
    if (o[k] === undefined) continue;
    const t = inner(o[k]);
    if (t === undefined) return undefined;
    out += `${first ? "" : ","}${JSON.stringify(k)}:${t}`;
    first = false;
  }
  return `${out}}`;
}

function inner(x: unknown): string | undefined {
  switch (typeof x) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(x);
    case "bigint":
      return JSON.stringify(`${x}n`);
    case "object":
      if (x === null) return "null";
      if (x instanceof Date) return JSON.stringify(x);
      return composite(x);
    default:
      return undefined;
  }
}

export function recordHash(values: FlatValues, keys: Readonly<Record<string, string | null>>): string {
  // One string per record, hashed in one update (the text is what it always was: stored hashes stay valid).
  let text = "";
  for (const path of Object.keys(values).sort()) text += `${path}=${stable(values[path])}\n`;
  // The other systems' ids a record holds are part of what we keep in agreement (a CrmId filled in).
  for (const system of Object.keys(keys).sort()) text += `#${system}=${keys[system] ?? ""}\n`;
  // One-shot `crypto.hash` (Node ≥ 21.7): the same digest without a Hash object per record.
  return hash("sha256", text, "hex");
}
