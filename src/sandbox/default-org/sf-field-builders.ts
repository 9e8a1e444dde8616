// Builders for Salesforce describe fields with the flags the real API reports for each kind of
// field, so every describe of the default org is consistent (e.g. checkboxes are never nillable,
// system audit fields are never createable) without repeating ten flags per field.
import type { SfFieldDescribe } from "../contracts.js";

interface FieldOptions {
  label?: string;
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  externalId?: boolean;
  unique?: boolean;
  defaultedOnCreate?: boolean;
}

function labelOf(name: string): string {
  return name.replace(/__c$/, "").replace(/_/g, " ");
}

function field(name: string, type: string, o: FieldOptions, extra: Partial<SfFieldDescribe> = {}): SfFieldDescribe {
  return {
    name,
    label: o.label ?? labelOf(name),
    type,
    ...extra,
    nillable: o.nillable ?? true,
    createable: o.createable ?? true,
    updateable: o.updateable ?? true,
    filterable: true,
    externalId: o.externalId ?? false,
    unique: o.unique ?? false,
    ...(o.defaultedOnCreate ? { defaultedOnCreate: true } : {}),
  };
}

/** Read-only as Salesforce computes it (formula, roll-up, auto-number, system field). */
export const computed: FieldOptions = { createable: false, updateable: false };

export const sfField = {
  text: (name: string, length: number, o: FieldOptions = {}) => field(name, "string", o, { length }),
  textarea: (name: string, length = 32768, o: FieldOptions = {}) => field(name, "textarea", o, { length }),
  email: (name: string, o: FieldOptions = {}) => field(name, "email", o, { length: 80 }),
  phone: (name: string, o: FieldOptions = {}) => field(name, "phone", o, { length: 40 }),
  url: (name: string, o: FieldOptions = {}) => field(name, "url", o, { length: 255 }),
  picklist: (name: string, values: readonly string[], o: FieldOptions = {}, defaultValue?: string) =>
    field(name, "picklist", o, {
      length: 255,
      picklistValues: values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue })),
    }),
  /** Checkboxes are never null in Salesforce: nillable false, default false. */
  checkbox: (name: string, o: FieldOptions = {}) => field(name, "boolean", { ...o, nillable: false }),
  /** Custom number fields are `double` with a scale, whatever their precision. */
  number: (name: string, precision: number, scale = 0, o: FieldOptions = {}) =>
    field(name, "double", o, { precision, scale }),
  currency: (name: string, o: FieldOptions = {}) => field(name, "currency", o, { precision: 18, scale: 2 }),
  date: (name: string, o: FieldOptions = {}) => field(name, "date", o),
  datetime: (name: string, o: FieldOptions = {}) => field(name, "datetime", o),
  reference: (name: string, to: string, o: FieldOptions = {}) => field(name, "reference", o, { length: 18, referenceTo: [to] }),
  /** The key a worker upserts by: text, external id, unique (case-insensitive in Salesforce). */
  externalId: (name: string, length = 40, o: FieldOptions = {}) =>
    field(name, "string", { ...o, externalId: true, unique: true }, { length }),
};

/**
 * The system fields every sObject has. `nameField` is the object's Name (standard text, or an
 * auto-number that is not createable); `owned` adds OwnerId for objects with an owner.
 */
export function systemFields(nameField: SfFieldDescribe, owned: boolean): SfFieldDescribe[] {
  const fields = [
    field("Id", "id", { label: "Record ID", nillable: false, ...computed }, { length: 18 }),
    nameField,
    field("IsDeleted", "boolean", { label: "Deleted", nillable: false, ...computed }),
    field("CreatedDate", "datetime", { label: "Created Date", nillable: false, ...computed }),
    field("CreatedById", "reference", { label: "Created By ID", nillable: false, ...computed }, { length: 18, referenceTo: ["User"] }),
    field("LastModifiedDate", "datetime", { label: "Last Modified Date", nillable: false, ...computed }),
    field("LastModifiedById", "reference", { label: "Last Modified By ID", nillable: false, ...computed }, { length: 18, referenceTo: ["User"] }),
    field("SystemModstamp", "datetime", { label: "System Modstamp", nillable: false, ...computed }),
  ];
  if (owned) fields.push(field("OwnerId", "reference", { label: "Owner ID", nillable: false, defaultedOnCreate: true }, { length: 18, referenceTo: ["User", "Group"] }));
  return fields;
}

/** An auto-number Name (`DR-{000000}`): a string Salesforce assigns, never written. */
export function autoNumberName(label: string): SfFieldDescribe {
  return field("Name", "string", { label, nillable: false, ...computed }, { length: 80 });
}

/** A free-text Name as on standard objects and most custom ones. */
export function textName(label: string, length = 80): SfFieldDescribe {
  return field("Name", "string", { label, nillable: false }, { length });
}
