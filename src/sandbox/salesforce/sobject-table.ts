// The describe of one sObject, completed with the system fields every Salesforce object has, and
// case-insensitive field lookup (SOQL and the REST API accept any case; responses use the describe's).
import type { SfFieldDescribe, SfSObjectDescribe } from "../contracts.js";

const SYSTEM_FIELDS: SfFieldDescribe[] = [
  { name: "Id", type: "id", length: 18, nillable: false, createable: false, updateable: false, filterable: true, externalId: false, unique: false },
  { name: "IsDeleted", type: "boolean", nillable: false, createable: false, updateable: false, filterable: true, externalId: false, unique: false },
  { name: "CreatedDate", type: "datetime", nillable: false, createable: false, updateable: false, filterable: true, externalId: false, unique: false },
  { name: "LastModifiedDate", type: "datetime", nillable: false, createable: false, updateable: false, filterable: true, externalId: false, unique: false },
  { name: "SystemModstamp", type: "datetime", nillable: false, createable: false, updateable: false, filterable: true, externalId: false, unique: false },
];

export const STRING_TYPES = new Set(["id", "string", "textarea", "email", "phone", "url", "picklist", "multipicklist", "reference", "combobox", "encryptedstring"]);
export const NUMBER_TYPES = new Set(["int", "double", "currency", "percent", "long"]);

export class SObjectTable {
  readonly name: string;
  readonly describe: SfSObjectDescribe;
  /** fields Salesforce requires on create: not nillable, createable, no default */
  readonly requiredFields: SfFieldDescribe[];
  readonly uniqueFields: SfFieldDescribe[];
  private readonly byLower = new Map<string, SfFieldDescribe>();

  constructor(describe: SfSObjectDescribe, readonly keyPrefix: string) {
    const present = new Set(describe.fields.map((f) => f.name.toLowerCase()));
    const fields = [...SYSTEM_FIELDS.filter((f) => !present.has(f.name.toLowerCase())), ...describe.fields];
    this.describe = { ...describe, fields };
    this.name = describe.name;
    for (const f of fields) this.byLower.set(f.name.toLowerCase(), f);
    // booleans default to false and a picklist may have a default value
    this.requiredFields = fields.filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate && f.type !== "boolean" && !f.picklistValues?.some((p) => p.defaultValue));
    this.uniqueFields = fields.filter((f) => f.unique);
  }

  field(name: string): SfFieldDescribe | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  /** Fields whose values are indexed: external ids (upsert lookups) and unique fields (duplicates). */
  indexedFields(): SfFieldDescribe[] {
    return this.describe.fields.filter((f) => f.externalId || f.unique);
  }
}

/** Index key of a value: text external ids match case-insensitively, as in Salesforce. */
export function indexKey(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return typeof value === "string" ? value.toLowerCase() : String(value);
}
