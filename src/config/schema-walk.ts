// Reads the structure of the zod config schema, so that environment overrides and "did you mean"
// hints are derived from the one schema instead of a second hand-kept list of keys.
import type { z } from "zod";

export type LeafKind = "string" | "number" | "boolean" | "enum" | "array";

export interface Leaf {
  path: string[];
  kind: LeafKind;
}

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  shape?: Record<string, AnySchema>;
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional/default/prefault/nullable wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.innerType && ["optional", "default", "prefault", "nullable", "readonly"].includes(def.type)) s = def.innerType;
    else return s;
  }
}

function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  const s = unwrap(schema);
  const def = defOf(s);
  return def.type === "object" ? (s as unknown as { shape: Record<string, AnySchema> }).shape : undefined;
}

/** Every leaf of an object schema with its path and kind. */
export function leaves(schema: AnySchema, prefix: string[] = []): Leaf[] {
  const shape = shapeOf(schema);
  if (!shape) {
    const type = defOf(unwrap(schema)).type;
    const kind: LeafKind = type === "int" || type === "number" ? "number" : (["string", "boolean", "enum", "array"].includes(type) ? type : "string") as LeafKind;
    return [{ path: prefix, kind }];
  }
  return Object.entries(shape).flatMap(([k, v]) => leaves(v, [...prefix, k]));
}

/** The keys allowed in the object at `path`, or undefined when path is not an object. */
export function keysAt(schema: AnySchema, path: readonly (string | number)[]): string[] | undefined {
  let s: AnySchema | undefined = schema;
  for (const p of path) {
    const shape: Record<string, AnySchema> | undefined = s ? shapeOf(s) : undefined;
    s = shape?.[String(p)];
    if (!s) return undefined;
  }
  const shape = shapeOf(s);
  return shape ? Object.keys(shape) : undefined;
}
