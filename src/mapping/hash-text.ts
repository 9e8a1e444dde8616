// The text a canonical value contributes to a converter's hash (skip-unchanged writes compare these
// hashes across runs, so the text must never change for the same value). `referenceHashText` is the
// definition: JSON with object keys in code-unit order, a top-level Date as its ISO instant, undefined
// as "~". `hashText` produces the same text without JSON.stringify's replacer callback (a call and an
// entries array per node made hashing a third of a conversion's cost); whatever it does not handle
// exactly goes to the definition.

/** The definition (kept as the fallback, and what the tests compare against). */
export function referenceHashText(v: unknown): string {
  if (v === undefined) return "~";
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_, x: unknown) => (x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

// Marks a value the fast path does not render exactly as the definition does.
const UNSUPPORTED = Symbol("unsupported");

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

/** JSON of a nested value, or UNSUPPORTED (objects with integer-like keys or a toJSON, other than Date). */
function nested(x: unknown): string | typeof UNSUPPORTED {
  if (x === null) return "null";
  switch (typeof x) {
    case "string": return JSON.stringify(x);
    case "number": return Number.isFinite(x) ? String(x + 0) : "null";
    case "boolean": return x ? "true" : "false";
    case "object": break;
    default: return UNSUPPORTED; // undefined, functions, symbols, bigint: rare, the definition decides
  }
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? "null" : `"${x.toISOString()}"`;
  if (Array.isArray(x)) {
    let out = "[";
    for (let i = 0; i < x.length; i++) {
      const e: unknown = x[i];
      const t = e === undefined ? "null" : nested(e);
      if (t === UNSUPPORTED) return UNSUPPORTED;
      out += i === 0 ? t : `,${t}`;
    }
    return `${out}]`;
  }
  if (Object.getPrototypeOf(x) !== Object.prototype && Object.getPrototypeOf(x) !== null) return UNSUPPORTED;
  if (typeof (x as { toJSON?: unknown }).toJSON === "function") return UNSUPPORTED;
  const keys = Object.keys(x);
  for (const k of keys) if (INTEGER_KEY.test(k)) return UNSUPPORTED; // the definition's object would reorder them
  keys.sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const e: unknown = (x as Record<string, unknown>)[k];
    if (e === undefined || typeof e === "function" || typeof e === "symbol") continue;
    const t = nested(e);
    if (t === UNSUPPORTED) return UNSUPPORTED;
    out += `${first ? "" : ","}${JSON.stringify(k)}:${t}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * JSON of an array or plain object with keys in code-unit order (undefined members left out), dates as
 * quoted ISO instants — or undefined for what it does not render as `JSON.stringify` with sorted keys
 * would (integer-like keys, toJSON, class instances, bigint, functions in arrays). Shared with the
 * sync's record hash (src/sync/record-hash.ts).
 */
export function sortedJson(x: unknown): string | undefined {
  const t = nested(x);
  return t === UNSUPPORTED ? undefined : t;
}

/** Same text as `referenceHashText`, faster for the values canonical records hold. */
export function hashText(v: unknown): string {
  if (v === undefined) return "~";
  if (v instanceof Date) return v.toISOString();
  const t = nested(v);
  return t === UNSUPPORTED ? referenceHashText(v) : t;
}
