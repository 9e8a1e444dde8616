// Coupa's `fields` parameter: a JSON array naming the attributes to return, with an object per
// association naming its own attributes (`["id",{"supplier":["id","number"]}]`).
import type { JsonRecord } from "../contracts.js";
import { normalizeName } from "./coupa-resources.js";
import { CoupaRequestError } from "./coupa-query.js";

export type FieldSpec = (string | { [assoc: string]: FieldSpec })[];
export type Projection = (rec: JsonRecord) => JsonRecord;

export function readFields(raw: string | null): Projection | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  let spec: unknown;
  try {
    spec = JSON.parse(raw);
  } catch {
    throw new CoupaRequestError(400, `Invalid fields parameter (not JSON): ${raw}`);
  }
  return compile(spec, "fields");
}

function compile(spec: unknown, where: string): Projection {
  if (!Array.isArray(spec)) throw new CoupaRequestError(400, `Invalid fields parameter: ${where} must be an array`);
  const parts: Array<(from: JsonRecord, to: JsonRecord) => void> = [];
  for (const item of spec) {
    if (typeof item === "string") {
      const key = normalizeName(item);
      parts.push((from, to) => {
        to[key] = from[key] ?? null;
      });
    } else if (item !== null && typeof item === "object" && !Array.isArray(item)) {
      for (const [assoc, sub] of Object.entries(item)) {
        const key = normalizeName(assoc);
        const inner = compile(sub, assoc);
        parts.push((from, to) => {
          const v = from[key];
          to[key] = Array.isArray(v)
            ? v.map((x) => (x && typeof x === "object" ? inner(x as JsonRecord) : x))
            : v && typeof v === "object"
              ? inner(v as JsonRecord)
              : (v ?? null);
        });
      }
    } else {
      throw new CoupaRequestError(400, `Invalid fields parameter: unexpected ${JSON.stringify(item)} in ${where}`);
    }
  }
  return (rec) => {
    const out: JsonRecord = {};
    for (const p of parts) p(rec, out);
    return out;
  };
}
