// The registry of named transforms a mapping may use, and the plain transform of each value type
// (what a field without `transform` gets). Adding a transform = one definition + one line here.
import type { ValueType } from "./mapping.schema.js";
import { boolean, integer, money, number } from "./transform-number.js";
import { picklist } from "./transform-picklist.js";
import { constant, email, id, join, reference, split, text, trim } from "./transform-text.js";
import { date, datetime } from "./transform-time.js";
import type { TransformDef } from "./transform-types.js";

export const TRANSFORMS: ReadonlyMap<string, TransformDef> = new Map(
  [text, trim, email, id, reference, split, join, constant, picklist, date, datetime, integer, number, boolean, money].map(
    (t) => [t.name, t],
  ),
);

/** The transform a field of this type gets when it names none (`datetime` needs its format: Salesforce's is the default). */
export const DEFAULT_TRANSFORM: Record<ValueType, { name: string; args: Record<string, unknown> } | undefined> = {
  string: { name: "text", args: {} },
  integer: { name: "integer", args: {} },
  number: { name: "number", args: {} },
  boolean: { name: "boolean", args: {} },
  date: { name: "date", args: {} },
  datetime: undefined,
  money: undefined,
  list: { name: "split", args: {} },
};
