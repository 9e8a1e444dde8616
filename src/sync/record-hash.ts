// The hash of a record as one system holds it: every canonical field the pass knows, sorted by path,
// in one stable text form (a Date as its instant, money as amount and currency, key order ignored).
// Equal hashes = nothing we read changed since we last wrote or saw it (echo suppression), and a
// different one on a non-owner = drift.
import { hash } from "node:crypto";
import { sortedJson } from "../mapping/hash-text.js";

export type FlatValues = Readonly<Record<string, unknown>>;

function sortedObject(x: unknown): unknown {
  if (typeof x === "bigint") return `${x}n`;
  if (x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Date)) {
    return Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return x;
}

/**
 * The text of one value. Primitives and instants (nearly every value) are serialized without a
 * replacer: the same text the replacer would give, at a fraction of the cost (the replacer is called
 * for every value, nested ones included). Arrays and plain objects are built by the mapping's
 * `sortedJson` (the same text); what it does not handle (bigint inside, integer-like keys, class
 * instances) keeps the replacer.
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
      return sortedJson(v) ?? JSON.stringify(v, (_, x: unknown) => sortedObject(x));
  }
}

/**
 * @param sortedPaths `Object.keys(values).sort()` when the caller knows it already (the entity's paths,
 *   sorted once per run): the same text without sorting every record's keys.
 */
export function recordHash(values: FlatValues, keys: Readonly<Record<string, string | null>>, sortedPaths: readonly string[] = Object.keys(values).sort()): string {
  // One string per record, hashed in one update (the text is what it always was: stored hashes stay valid).
  let text = "";
  for (const path of sortedPaths) text += `${path}=${stable(values[path])}\n`;
  // The other systems' ids a record holds are part of what we keep in agreement (a CrmId filled in).
  for (const system of sortedNames(keys)) text += `#${system}=${keys[system] ?? ""}\n`;
  // One-shot `crypto.hash` (Node ≥ 21.7): the same digest without a Hash object per record.
  return hash("sha256", text, "hex");
}

/**
 * `Object.keys(o).sort()` for the few system names of a record's keys: sorted in place by insertion
 * (the same code-unit order), without the work array `Array.prototype.sort` allocates per call (the
 * sorts of a hash were ≈ 5 % of what a sync allocated, docs/bench.md round 11).
 */
function sortedNames(o: object): string[] {
  const names = Object.keys(o);
  if (names.length > 8) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const x = names[i] as string;
    let j = i - 1;
    for (; j >= 0 && (names[j] as string) > x; j--) names[j + 1] = names[j] as string;
    names[j + 1] = x;
  }
  return names;
}
