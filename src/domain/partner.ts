// A channel partner company and its standing in the program (ELIG-*), owned by Salesforce except
// the people, whose trainings the portal records.
import type { ExternalIds } from "./external-ids.js";
import type { PartnerPerson } from "./partner-person.js";

/** Program track. Only Open and Select may quote (ELIG-3); the others exist in the CRM. */
export type PartnerTrack = "Open" | "Select" | "Distributor" | "Alliance" | "Unassigned";

export type PartnerRegion = "AMER" | "EMEA" | "APAC" | "LATAM";

export interface Partner {
  id: string;
  name: string;
  track: PartnerTrack;
  /** ELIG-1: the partner signed the program agreement (authorized). */
  agreementSigned: boolean;
  agreementSignedAt: Date | null;
  /** ELIG-4: in good standing with the program. */
  compliant: boolean;
  /** SA-3: holds the Professional Services designation. */
  psDesignation: boolean;
  region: PartnerRegion | null;
  /** ISO 3166-1 alpha-2, upper case ("DE", "IN", "JP"). */
  country: string | null;
  /** Sales territory name as the CRM records it, for distributor lookup. */
  territory: string | null;
  /** Partner account manager (NFR-3 requests beyond the form go through them). */
  accountManagerId: string | null;
  people: PartnerPerson[];
  externalIds: ExternalIds;
}
