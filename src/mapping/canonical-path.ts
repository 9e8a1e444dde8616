// Getters and setters for canonical field paths, compiled once: `name`, `endUserContact.email`,
// and list elements selected by name — `trainings[GitLab Foundations for Partners]` is a boolean
// "the person has this element" and `trainings[GitLab Foundations for Partners].completedAt` a
// property of it. A property of an absent element is not set (the presence field is applied first).
type Obj = Record<string, unknown>;

interface Segment {
  prop: string;
  select?: string;
}

const SEGMENT = /([^.[\]]+)(?:\[([^\]]*)\])?/g;

export function parsePath(path: string): Segment[] {
  return [...path.matchAll(SEGMENT)].map((m) => (m[2] === undefined ? { prop: m[1] ?? "" } : { prop: m[1] ?? "", select: m[2] }));
}

function findElement(list: unknown, name: string): Obj | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const e of list) if (e !== null && typeof e === "object" && (e as Obj).name === name) return e as Obj;
  return undefined;
}

export interface CanonicalAccess {
  path: string;
  /** A boolean "element present" path (ends in a selector). */
  presence: boolean;
  /** The top-level list property a selector path lives in, if any. */
  list?: string;
  get(obj: Readonly<Obj>): unknown;
  set(obj: Obj, value: unknown): void;
}

export function canonicalAccess(path: string): CanonicalAccess {
  const segs = parsePath(path);
  const last = segs[segs.length - 1];
  const presence = last?.select !== undefined;
  const list = segs.find((s) => s.select !== undefined)?.prop;
  const get = (obj: Readonly<Obj>): unknown => {
    let cur: unknown = obj;
    for (const s of segs) {
      if (cur === null || typeof cur !== "object") return presence ? false : undefined;
      cur = (cur as Obj)[s.prop];
      if (s.select !== undefined) {
        if (cur === undefined) return undefined;
        cur = findElement(cur, s.select);
        if (cur === undefined) return s === last ? false : null;
      }
    }
    return presence ? cur !== undefined : cur;
  };
  const set = (obj: Obj, value: unknown): void => {
    let cur = obj;
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i] as Segment;
      const isLast = i === segs.length - 1;
      if (s.select === undefined) {
        if (isLast) {
          cur[s.prop] = value;
          return;
        }
        const next = cur[s.prop];
        cur = (next !== null && typeof next === "object" ? next : (cur[s.prop] = {})) as Obj;
        continue;
      }
      let arr = cur[s.prop];
      if (!Array.isArray(arr)) arr = cur[s.prop] = [];
      const el = findElement(arr, s.select);
      if (isLast) {
        if (value === true && el === undefined) (arr as Obj[]).push({ name: s.select });
        return;
      }
      if (el === undefined) return;
      cur = el;
    }
  };
  const plain = plainAccess(segs);
  return { path, presence, ...(list === undefined ? {} : { list }), get: plain?.get ?? get, set: plain?.set ?? set };
}

// Paths without selectors (`name`, `derived.expiresAt`, `endUserContact.email`) are nearly all of them:
// specialised accessors skip the per-record walk over segments. Same semantics as the general ones.
function plainAccess(segs: readonly Segment[]): Pick<CanonicalAccess, "get" | "set"> | undefined {
  if (segs.some((s) => s.select !== undefined)) return undefined;
  const [a, b] = segs;
  if (segs.length === 1 && a !== undefined) {
    const p = a.prop;
    return { get: (obj) => obj[p], set: (obj, value) => { obj[p] = value; } };
  }
  if (segs.length === 2 && a !== undefined && b !== undefined) {
    const p = a.prop, q = b.prop;
    return {
      get: (obj) => {
        const cur = obj[p];
        return cur === null || typeof cur !== "object" ? undefined : (cur as Obj)[q];
      },
      set: (obj, value) => {
        const next = obj[p];
        ((next !== null && typeof next === "object" ? next : (obj[p] = {})) as Obj)[q] = value;
      },
    };
  }
  return undefined;
}
