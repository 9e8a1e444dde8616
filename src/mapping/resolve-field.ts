// The checks zod cannot express: canonical names against src/domain, transforms by name with their
// own argument schemas, and types that agree between the field, its transform and the entity.
import { canonicalKind, ENTITY_NAMES, CANONICAL_FIELDS, vocabularyPath, type CanonicalKind, type EntityName } from "./canonical-fields.js";
import { didYouMean } from "./did-you-mean.js";
import { effectiveDirection, type Direction, type FieldMapping, type SystemId, type ValueType } from "./mapping.schema.js";
import { TRANSFORMS } from "./transforms.js";

export interface ResolvedField {
  /** Canonical path, e.g. `netArr`, `endUserContact.email`, `trainings[Solution Architect].earnedAt`. */
  path: string;
  mapping: FieldMapping;
  direction: Direction;
  transform: string;
  /** Arguments after their schema's defaults. */
  args: unknown;
}

const KIND_TYPES: Record<CanonicalKind, readonly ValueType[]> = {
  string: ["string"], integer: ["integer"], number: ["number", "integer"], boolean: ["boolean"],
  instant: ["date", "datetime"], money: ["money"], list: ["list"], element: ["boolean"],
};

function defaultTransform(type: ValueType, system: SystemId): { name: string; args: Record<string, unknown> } | undefined {
  switch (type) {
    case "string": return { name: "text", args: {} };
    case "list": return { name: "split", args: {} };
    case "datetime": return { name: "datetime", args: { format: system === "salesforce" ? "salesforce" : "iso" } };
    case "money": return undefined;
    default: return { name: type, args: {} };
  }
}

export function isEntityName(name: string): name is EntityName {
  return (ENTITY_NAMES as string[]).includes(name);
}

export function unknownEntityMessage(name: string): string {
  return `unknown canonical entity "${name}"${didYouMean(name, ENTITY_NAMES)}; known: ${ENTITY_NAMES.join(", ")}`;
}

/** Resolves one field, or returns the messages of everything wrong with it. */
export function resolveField(system: SystemId, entity: EntityName, path: string, mapping: FieldMapping): ResolvedField | string[] {
  const problems: string[] = [];
  const kind = canonicalKind(entity, path);
  if (path === "id") problems.push("`id` is not a field: it comes from the entity's `key`");
  else if (kind === undefined) {
    const known = Object.keys(CANONICAL_FIELDS[entity]);
    problems.push(`"${path}" is not a canonical field of ${entity}${didYouMean(vocabularyPath(path), known)}`);
  } else if (!KIND_TYPES[kind].includes(mapping.type)) {
    problems.push(`type ${mapping.type} does not fit ${entity}.${vocabularyPath(path)}, which is ${kind === "instant" ? "date or datetime" : kind === "element" ? "boolean (element present)" : kind}`);
  }
  const ref = mapping.transform === undefined ? defaultTransform(mapping.type, system) : typeof mapping.transform === "string" ? { name: mapping.transform, args: {} } : { name: mapping.transform.name, args: mapping.transform.args ?? {} };
  if (ref === undefined) {
    problems.push(`type ${mapping.type} needs a transform (e.g. money with currencyField)`);
    return problems;
  }
  const def = TRANSFORMS.get(ref.name);
  if (def === undefined) {
    problems.push(`unknown transform "${ref.name}"${didYouMean(ref.name, TRANSFORMS.keys())}`);
    return problems;
  }
  const parsed = def.args.safeParse(ref.args);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.length > 0 ? `.${issue.path.join(".")}` : "";
      problems.push(`transform ${def.name} args${at}: ${issue.message}`);
    }
  }
  if (!def.produces.includes(mapping.type)) problems.push(`transform ${def.name} produces ${def.produces.join(" or ")}, not ${mapping.type}`);
  if (def.name === "reference" && parsed.success) {
    const target = (parsed.data as { entity: string }).entity;
    if (!isEntityName(target)) problems.push(`transform reference: ${unknownEntityMessage(target)}`);
  }
  if (problems.length > 0) return problems;
  return { path, mapping, direction: effectiveDirection(system, mapping), transform: def.name, args: parsed.data };
}
