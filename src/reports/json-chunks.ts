// JSON.stringify(value, null, 2)'s text in pieces, byte for byte: objects and arrays laid out as it lays
// them out, the values inside turned into JSON one at a time. For documents too large to be one string
// (the reconcile report, a quarantine listing): a writer takes the pieces as they come.

export type Chunks = (value: unknown, indent: string) => Iterable<string>;

/** JSON.stringify(value, null, 2) as it would appear nested at `indent`. */
export function nested(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
}

/** An object as JSON.stringify(…, null, 2) lays it out at `indent`; `special` keys stream their value. */
export function* objectChunks(obj: Record<string, unknown>, indent: string, special: Record<string, Chunks>): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    // What JSON.stringify leaves out of an object.
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    yield `${first ? "{\n" : ",\n"}${inner}${JSON.stringify(key)}: `;
    first = false;
    const stream = special[key];
    if (stream !== undefined && value !== null && typeof value === "object") yield* stream(value, inner);
    else yield nested(value, inner);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** An array as JSON.stringify(…, null, 2) lays it out at `indent`, one item's pieces at a time (read as it goes). */
export function* arrayChunks<T>(items: Iterable<T>, indent: string, item: (value: T, indent: string) => Iterable<string>): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const value of items) {
    yield `${first ? "[\n" : ",\n"}${inner}`;
    first = false;
    yield* item(value, inner);
  }
  yield first ? "[]" : `\n${indent}]`;
}
