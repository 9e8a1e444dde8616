// Each entity has a canonical id; every system stores the others' ids (architecture.md "Keys").

export interface ExternalIds {
  portal: string | null;
  salesforce: string | null;
  coupa: string | null;
}
