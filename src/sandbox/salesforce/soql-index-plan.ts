// Chooses an index for a WHERE clause: among the top-level AND terms (or the lone term), the
// indexed predicate that selects the fewest rows — `=`/`IN` on a hash-indexed field, or the range
// the SystemModstamp comparisons bound together. Its rows are only candidates: the evaluator still
// applies the whole WHERE (and IsDeleted) to each, so an index may return too many rows, never too
// few. No indexed term, or one that selects a large part of the table, means a scan.
import type { SfFieldDescribe } from "../contracts.js";
import type { TableQueryIndex } from "./query-index.js";
import type { Condition, FieldRef } from "./soql-parser.js";
import { coerce } from "./soql-values.js";

export interface IndexChoice {
  /** the indexed field whose predicate produced the candidates */
  field: string;
  /** candidate row positions, ascending (the scan's order), each once */
  positions: Uint32Array;
}

interface Option {
  field: string;
  estimate: number;
  collect(out: number[]): void;
}

/** Beyond this share of the table, sorting and fetching candidates costs more than scanning. */
const MAX_SHARE = 0.25;

export function chooseIndex(index: TableQueryIndex, where: Condition, bind: (f: FieldRef) => SfFieldDescribe, text: string): IndexChoice | undefined {
  const options: Option[] = [];
  let lo: string | undefined;
  let hi: string | undefined;
  for (const term of conjuncts(where)) {
    if (term.kind === "compare" || (term.kind === "in" && !term.negated)) {
      const f = bind(term.field);
      const values = term.kind === "compare" ? [term.value] : term.values;
      const keys = [...new Set(values.map((v) => coerce(f, v, text)))];
      // `= null` matches rows the indexes do not hold (null values are not keys)
      if (keys.includes(null)) continue;
      const hash = index.hash(f.name);
      if (hash && (term.kind === "in" || term.op === "=")) {
        options.push({ field: f.name, estimate: hash.count(keys), collect: (out) => hash.collect(keys, out) });
      }
      if (term.kind === "compare" && f.name === "SystemModstamp" && f.type === "datetime" && term.op !== "!=") {
        const v = keys[0] as string;
        if (term.op !== "<" && term.op !== "<=" && (lo === undefined || v > lo)) lo = v;
        if (term.op !== ">" && term.op !== ">=" && (hi === undefined || v < hi)) hi = v;
      }
    }
  }
  if (lo !== undefined || hi !== undefined) {
    // bounds taken inclusively: the WHERE itself applies the strict ones
    const [from, to] = [lo, hi];
    options.push({ field: "SystemModstamp", estimate: index.stamps.count(from, to), collect: (out) => index.stamps.collect(from, to, out) });
  }
  if (options.length === 0) return undefined;
  const best = options.reduce((a, b) => (b.estimate < a.estimate ? b : a));
  if (best.estimate > index.size * MAX_SHARE) return undefined;
  const found: number[] = [];
  best.collect(found);
  return { field: best.field, positions: distinctAscending(found) };
}

function conjuncts(c: Condition): Condition[] {
  return c.kind === "and" ? c.terms.flatMap(conjuncts) : [c];
}

function distinctAscending(found: number[]): Uint32Array {
  const sorted = Uint32Array.from(found).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}
