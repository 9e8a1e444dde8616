// The shape of a mappings/*.yaml file (zod, strict: an unknown key is an error, never ignored). The
// JSON Schema editors use (mappings/mapping.schema.json) is generated from this, so they cannot drift.
import { z } from "zod";

export const SYSTEMS = ["salesforce", "portal", "coupa"] as const;
export const OWNERS = [...SYSTEMS, "partner-sync"] as const;
export const DIRECTIONS = ["read", "write", "both"] as const;
/** The canonical value a field produces; `list` is a string array, `money` a `{ amountMinor, currency }`. */
export const VALUE_TYPES = ["string", "integer", "number", "boolean", "date", "datetime", "money", "list"] as const;
export const FILTER_OPS = ["eq", "ne", "in", "notIn", "isNull", "notNull"] as const;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const transformRefSchema = z.union([
  z.string().min(1).describe("a transform name, without arguments"),
  z.strictObject({
    name: z.string().min(1).describe("a transform name (see docs/mappings.md)"),
    args: z.record(z.string(), z.unknown()).optional().describe("the transform's arguments"),
  }),
]);

export const fieldMappingSchema = z
  .strictObject({
    field: z.string().min(1).describe("the system field: Salesforce API name, portal name as defined (PascalCase), Coupa key path (`supplier.number`)"),
    type: z.enum(VALUE_TYPES).describe("the canonical value type"),
    transform: transformRefSchema.optional().describe("defaults to the plain transform of `type`"),
    owner: z.enum(OWNERS).describe("the system of record for this canonical field"),
    direction: z.enum(DIRECTIONS).optional().describe("default: read when this system is the owner, otherwise both"),
    required: z.boolean().optional().describe("a record without a value is invalid (quarantined)"),
    default: scalar.optional().describe("canonical value used when the system's value is null or absent"),
  })
  .describe("one canonical field ⇄ one system field");

export const filterSchema = z.strictObject({
  field: z.string().min(1),
  op: z.enum(FILTER_OPS),
  value: z.union([scalar, z.array(scalar)]).optional(),
});

export const keySchema = z.strictObject({
  canonical: z.enum(OWNERS).describe("whose id is the entity's canonical id: the system that creates it (partner-sync for what the rules create)"),
  field: z.string().optional().describe("canonical property holding the canonical id (default `id`)"),
  ids: z
    .strictObject({
      salesforce: z.string().optional(),
      portal: z.string().optional(),
      coupa: z.string().optional(),
      "partner-sync": z.string().optional(),
    })
    .describe("where this system's record holds each system's id (its own id field and external-id fields); a record without the canonical one is joined through the others"),
  upsertBy: z.string().optional().describe("the external-id field writes upsert by (must be externalId/unique)"),
});

export const entityMappingSchema = z.strictObject({
  object: z.string().min(1).describe("Salesforce sObject, portal object or Coupa resource"),
  key: keySchema,
  filter: z.array(filterSchema).optional().describe("rows of the object that are this entity (all must match)"),
  fields: z.record(z.string(), fieldMappingSchema).describe("canonical field path → system field"),
});

export const mappingFileSchema = z.strictObject({
  system: z.enum(SYSTEMS),
  entities: z.record(z.string(), entityMappingSchema).describe("canonical entity name (src/domain) → its mapping"),
});

export type SystemId = (typeof SYSTEMS)[number];
export type Owner = (typeof OWNERS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type ValueType = (typeof VALUE_TYPES)[number];
export type TransformRef = z.infer<typeof transformRefSchema>;
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type RowFilter = z.infer<typeof filterSchema>;
export type EntityKey = z.infer<typeof keySchema>;
export type EntityMapping = z.infer<typeof entityMappingSchema>;
export type MappingFile = z.infer<typeof mappingFileSchema>;

/** A field's effective direction: the owner is read from, everyone else is compared and written. */
export function effectiveDirection(system: SystemId, f: Pick<FieldMapping, "owner" | "direction">): Direction {
  return f.direction ?? (f.owner === system ? "read" : "both");
}
