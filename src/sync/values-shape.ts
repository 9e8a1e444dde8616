// A record's flat canonical values (path → value) as one compiled object literal per entity, the paths
// in the entity's order. Built key by key (`values[path] = …`), an object of more than a dozen
// computed keys becomes a dictionary in V8: ≈ 1.3 KB of hash table per record and a hash lookup per
// read. In a size-100,000 heap snapshot those tables were 39 MB of a 177 MB heap. A literal gives
// every record of an entity one hidden class with its values in the object itself. The same lesson as
// the sandbox's record-shape.ts.

export type ValuesFromArray = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * `(values) => ({ [paths[0]]: values[0], … })`, compiled. Paths come from the mappings and
 * are written as JSON string literals, so any text is a safe key. An integer-like path (none exists)
 * would still work: such keys always come first, as they do when set one by one.
 */
export function compileValuesShape(paths: readonly string[]): ValuesFromArray {
  const body = paths.map((p, i) => `${JSON.stringify(p)}: v[${i}]`).join(",\n");
  return new Function("v", `return {\n${body}\n};`) as ValuesFromArray;
}
