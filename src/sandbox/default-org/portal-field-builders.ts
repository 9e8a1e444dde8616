// Builders for portal (PRM) field definitions, and the fields every portal object carries.
import type { PortalFieldDef } from "../contracts.js";

interface PortalFieldOptions {
  required?: boolean;
  readOnly?: boolean;
}

function def(name: string, dataType: string, o: PortalFieldOptions, extra: Partial<PortalFieldDef> = {}): PortalFieldDef {
  return {
    name,
    dataType,
    isReadOnly: o.readOnly ?? false,
    isFilterable: true,
    isRequired: o.required ?? false,
    ...extra,
  };
}

export const portalField = {
  text: (name: string, maxLength: number, o: PortalFieldOptions = {}) => def(name, "Text", o, { maxLength }),
  email: (name: string, o: PortalFieldOptions = {}) => def(name, "Email", o, { maxLength: 255 }),
  phone: (name: string, o: PortalFieldOptions = {}) => def(name, "Phone", o, { maxLength: 40 }),
  url: (name: string, o: PortalFieldOptions = {}) => def(name, "Url", o, { maxLength: 255 }),
  picklist: (name: string, values: readonly string[], o: PortalFieldOptions = {}) =>
    def(name, "Picklist", o, { picklistValues: [...values] }),
  boolean: (name: string, o: PortalFieldOptions = {}) => def(name, "Boolean", o),
  integer: (name: string, o: PortalFieldOptions = {}) => def(name, "Integer", o),
  decimal: (name: string, o: PortalFieldOptions = {}) => def(name, "Decimal", o),
  date: (name: string, o: PortalFieldOptions = {}) => def(name, "Date", o),
  dateTime: (name: string, o: PortalFieldOptions = {}) => def(name, "DateTime", o),
  /** A reference holds the integer id of another portal record. */
  reference: (name: string, o: PortalFieldOptions = {}) => def(name, "Reference", o),
};

/**
 * Id, Created, Updated and RecordVersion are the portal's own; `crmLinked` adds CrmId, the
 * Salesforce id of the same record (empty until the record has been synced).
 */
export function portalSystemFields(crmLinked: boolean): PortalFieldDef[] {
  const fields = [
    portalField.integer("Id", { readOnly: true }),
    portalField.dateTime("Created", { readOnly: true }),
    portalField.dateTime("Updated", { readOnly: true }),
    portalField.integer("RecordVersion", { readOnly: true }),
  ];
  if (crmLinked) fields.push(portalField.text("CrmId", 18));
  return fields;
}
