// A converter's hashOf, generated once per (system, entity) like its toCanonical
// (compile-to-canonical.ts says why): the canonical reads get literal property names, so each is one
// plain load instead of a megamorphic one. The text hashed is exactly the loop's:
// `path=<hashText(value)>\n` per hashed field in path order, one sha256 per record.
import { hash } from "node:crypto";
import { parsePath } from "./canonical-path.js";
import type { CompiledField } from "./compile-field.js";
import { hashText } from "./hash-text.js";

const lit = (s: string): string => JSON.stringify(s);

/** An expression reading canonical `path` of `values` like `canonical.get`, or null for selector/deeper paths. */
function getExpression(path: string): string | null {
  const segs = parsePath(path);
  if (segs.some((s) => s.select !== undefined)) return null;
  const [a, b] = segs;
  if (segs.length === 1 && a !== undefined) return `values[${lit(a.prop)}]`;
  if (segs.length === 2 && a !== undefined && b !== undefined) {
    return `((n = values[${lit(a.prop)}]) === null || typeof n !== "object" ? undefined : n[${lit(b.prop)}])`;
  }
  return null;
}

export function compileHashOf(hashed: readonly CompiledField[]): (values: Readonly<Record<string, unknown>>) => string {
  const parts = hashed.map((f, i) => `${lit(`${f.path}=`)} + text(${getExpression(f.path) ?? `H[${i}].canonical.get(values)`}) + "\\n"`);
  const body = ['"use strict";', "return function hashOf(values) {", "let n;", `const t = ${parts.length === 0 ? '""' : parts.join(" +\n  ")};`, 'return hash("sha256", t, "hex");', "};"];
  // eslint-disable-next-line no-new-func -- generated from literals above, see compile-to-canonical.ts
  const make = new Function("H", "text", "hash", body.join("\n")) as (...args: unknown[]) => (values: Readonly<Record<string, unknown>>) => string;
  return make(hashed, hashText, hash);
}
