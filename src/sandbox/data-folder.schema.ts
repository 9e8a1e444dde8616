// Shapes of the schema files of a data folder (`salesforce/_describe/<SObject>.json`,
// `portal/_objects.json`), strict so a misspelt key in a hand-written file is reported.
import { z } from "zod";
import type { PortalObjectDef, SfSObjectDescribe } from "./contracts.js";

const sfField = z.strictObject({
  name: z.string().min(1),
  label: z.string().optional(),
  type: z.string().min(1),
  length: z.number().int().nonnegative().optional(),
  precision: z.number().int().nonnegative().optional(),
  scale: z.number().int().nonnegative().optional(),
  nillable: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  filterable: z.boolean(),
  externalId: z.boolean(),
  unique: z.boolean(),
  defaultedOnCreate: z.boolean().optional(),
  picklistValues: z
    .array(z.strictObject({ value: z.string(), label: z.string().optional(), active: z.boolean(), defaultValue: z.boolean().optional() }))
    .optional(),
  referenceTo: z.array(z.string()).optional(),
});

export const sfDescribeSchema = z.strictObject({
  name: z.string().min(1),
  label: z.string().optional(),
  custom: z.boolean(),
  fields: z.array(sfField),
}) satisfies z.ZodType<SfSObjectDescribe>;

const portalField = z.strictObject({
  name: z.string().min(1),
  dataType: z.string().min(1),
  isReadOnly: z.boolean(),
  isFilterable: z.boolean(),
  isRequired: z.boolean(),
  maxLength: z.number().int().nonnegative().optional(),
  picklistValues: z.array(z.string()).optional(),
});

export const portalObjectsSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    label: z.string().optional(),
    fields: z.array(portalField),
  }),
) satisfies z.ZodType<PortalObjectDef[]>;
