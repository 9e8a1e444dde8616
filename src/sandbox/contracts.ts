// Shared shapes of the sandbox: what a data folder holds once loaded, and what an emulator is.
// Every record is in its own system's API representation (systems.md), never a canonical entity:
// the sandbox knows the wire, the mappings know the meaning.
import type { HttpHandler } from "msw";

export type SystemName = "salesforce" | "portal" | "coupa";
export type JsonRecord = Record<string, unknown>;

/** Salesforce `GET /sobjects/{Obj}/describe` field, as the API returns it (subset we serve). */
export interface SfFieldDescribe {
  name: string;
  label?: string;
  type: string; // id, string, textarea, email, phone, url, picklist, multipicklist, boolean, int, double, currency, percent, date, datetime, reference
  length?: number;
  precision?: number;
  scale?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  filterable: boolean;
  externalId: boolean;
  unique: boolean;
  /** Salesforce fills it when a create leaves it out (OwnerId = the running user). */
  defaultedOnCreate?: boolean;
  picklistValues?: { value: string; label?: string; active: boolean; defaultValue?: boolean }[];
  referenceTo?: string[];
}

export interface SfSObjectDescribe {
  name: string;
  label?: string;
  custom: boolean;
  fields: SfFieldDescribe[];
}

/** Portal `GET /{Object}/_describe` field. `name` is PascalCase as defined; responses camelCase it. */
export interface PortalFieldDef {
  name: string;
  dataType: string; // Integer, Text, Email, Phone, Url, Picklist, Boolean, Decimal, Date, DateTime, Reference
  isReadOnly: boolean;
  isFilterable: boolean;
  isRequired: boolean;
  maxLength?: number;
  picklistValues?: string[];
}

export interface PortalObjectDef {
  name: string; // e.g. "Account", "Deal_Registration__c"
  label?: string;
  fields: PortalFieldDef[];
}

/** A loaded data folder (or a generated demo data set): the seed an emulator is reset to. */
export interface SandboxData {
  salesforce: {
    describes: SfSObjectDescribe[];
    /** per sObject: records as the REST API returns them, without `attributes`; Id optional (assigned). */
    records: Record<string, JsonRecord[]>;
  };
  portal: {
    objects: PortalObjectDef[];
    /** per Object: records with PascalCase keys as defined in `objects` (responses camelCase them). */
    records: Record<string, JsonRecord[]>;
  };
  coupa: {
    /** per resource (`suppliers`, `supplier_information`, `invoices`): hyphenated keys, decimals as strings. */
    records: Record<string, JsonRecord[]>;
  };
}

/** Credentials an emulator accepts; the sandbox prints them so a client can connect. */
export interface SandboxCredentials {
  salesforce: { clientId: string; clientSecret: string; username: string; publicKeyPem: string; privateKeyPem: string; refreshToken: string };
  portal: { tenantId: number; apiKey: string };
  coupa: { clientId: string; clientSecret: string; scopes: string[] };
}

/** One emulator: msw handlers matched on path with a wildcard origin, served on its own loopback port. */
export interface Emulator {
  readonly system: SystemName;
  readonly handlers: HttpHandler[];
  /** Restore the seed data and forget sessions, counters and one-shot faults. */
  reset(): void;
}

/** Time source for everything an emulator stamps (SystemModstamp, updated, updated-at). */
export type Clock = () => Date;
