// The hash of a record as one system holds it: every canonical field the pass knows, sorted by path,
// in one stable text form (a Date as its instant, money as amount and currency, key order ignored).
// Equal hashes = nothing we read changed since we last wrote or saw it (echo suppression), and a
// different one on a non-owner = drift.
import { createHash } from "node:crypto";

export type FlatValues = Readonly<Record<string, unknown>>;

function stable(v: unknown): string {
  return JSON.stringify(v ?? null, (_, x: unknown) => {
    if (typeof x === "bigint") return `${x}n`;
    if (x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof Date)) {
      return Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return x;
  });
}

export function recordHash(values: FlatValues, keys: Readonly<Record<string, string | null>>): string {
  const h = createHash("sha256");
  for (const path of Object.keys(values).sort()) h.update(`${path}=${stable(values[path])}\n`);
  // The other systems' ids a record holds are part of what we keep in agreement (a CrmId filled in).
  for (const system of Object.keys(keys).sort()) h.update(`#${system}=${keys[system] ?? ""}\n`);
  return h.digest("hex");
}
