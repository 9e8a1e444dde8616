// One mapped field compiled once: its system accessors, canonical accessors and transform pair.
import type { EntityName } from "./canonical-fields.js";
import { canonicalAccess, type CanonicalAccess } from "./canonical-path.js";
import type { Owner, SystemId } from "./mapping.schema.js";
import type { ResolvedField } from "./resolve-field.js";
import { systemReader, systemWriter } from "./system-access.js";
import { TRANSFORMS } from "./transforms.js";
import type { CompiledTransform, Reader, Writer } from "./transform-types.js";

export interface CompiledField {
  path: string;
  systemField: string;
  owner: Owner;
  readable: boolean;
  /** Sent to this system: written or compared, and not owned by it. */
  writable: boolean;
  required: boolean;
  default: unknown;
  canonical: CanonicalAccess;
  read: Reader;
  write: Writer;
  transform: CompiledTransform;
  /** Set when the value is another entity's id in this system's id space, which the join translates. */
  foreignRef?: EntityName;
}

export function compileField(
  system: SystemId,
  f: ResolvedField,
  canonicalSystem: Partial<Record<EntityName, Owner>>,
): CompiledField {
  const def = TRANSFORMS.get(f.transform);
  if (def === undefined) throw new Error(`transform ${f.transform} vanished after validation`);
  const transform = def.build(f.args, {
    system,
    field: f.mapping.field,
    reader: (name) => systemReader(system, name),
    writer: (name) => systemWriter(system, name),
  });
  const ref = f.transform === "reference" ? (f.args as { entity: EntityName; of?: SystemId }) : undefined;
  const target = ref?.entity;
  // The value is in some system's id space (`of`, default this one); only another space needs translating.
  const foreign = ref !== undefined && canonicalSystem[ref.entity] !== (ref.of ?? system);
  return {
    path: f.path,
    systemField: f.mapping.field,
    owner: f.mapping.owner,
    readable: f.direction !== "write",
    writable: f.direction !== "read" && f.mapping.owner !== system,
    required: f.mapping.required ?? false,
    default: f.mapping.default,
    canonical: canonicalAccess(f.path),
    read: systemReader(system, f.mapping.field),
    write: systemWriter(system, f.mapping.field),
    transform,
    ...(foreign && target !== undefined ? { foreignRef: target } : {}),
  };
}
