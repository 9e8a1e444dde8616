// What a named transform is: an argument schema, the canonical types it produces, the system field
// types it can read and write, and a builder that turns (args, field) into a compiled pair of pure
// functions. Building happens once per mapped field; the compiled functions then run per record, so
// they allocate nothing but their result and report bad data as a `BadValue`, never by throwing.
import type { z } from "zod";
import type { JsonRecord } from "./json-record.js";
import type { SystemId, ValueType } from "./mapping.schema.js";

/** A system value that cannot be converted: becomes a per-record error naming the field. */
export class BadValue {
  constructor(readonly message: string) {}
}

export type Reader = (record: Readonly<JsonRecord>) => unknown;
export type Writer = (out: JsonRecord, value: unknown) => void;

export interface BuildContext {
  system: SystemId;
  /** The primary system field, as named in the mapping. */
  field: string;
  /** Accessors for further system fields a transform reads or writes (money's currency, join's parts). */
  reader(field: string): Reader;
  writer(field: string): Writer;
}

export interface CompiledTransform {
  /** system → canonical. Only called with null/undefined when `handlesNull` is set. */
  forward(raw: unknown, record: Readonly<JsonRecord>): unknown;
  /** canonical → system value of the primary field; may write `extraFields` into `out` itself. */
  reverse(value: unknown, out: JsonRecord): unknown;
  handlesNull?: boolean;
  /** System fields besides the primary one (checked against the describe like it). */
  extraFields?: readonly string[];
  /** Every value `reverse` can write (picklist targets, constants), for the describe check. */
  outputs?: readonly (string | number | boolean | null)[];
}

/** System field types a transform can read/write: Salesforce describe `type`, portal `dataType`, Coupa doc type. */
export interface AcceptedTypes {
  salesforce: readonly string[];
  portal: readonly string[];
  coupa: readonly string[];
}

export interface TransformDef<A = unknown> {
  name: string;
  summary: string;
  args: z.ZodType<A>;
  produces: readonly ValueType[];
  accepts: AcceptedTypes;
  build(args: A, ctx: BuildContext): CompiledTransform;
}

/** Keeps each definition's argument type while collecting them in one list. */
export function defineTransform<A>(def: TransformDef<A>): TransformDef<unknown> {
  return def as unknown as TransformDef<unknown>;
}

export const TEXT_TYPES: AcceptedTypes = {
  salesforce: ["string", "textarea", "email", "phone", "url", "picklist", "id", "reference"],
  portal: ["Text", "Email", "Phone", "Url", "Picklist"],
  coupa: ["string"],
};
