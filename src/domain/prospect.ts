// A lead the vendor shared with a partner (LEAD-*). The vendor owns sharing and recall, the portal the
// partner's handling of it.

export type ProspectShareStatus = "Sending to Partner" | "Pending" | "Accepted" | "Rejected" | "Recall";
export type PartnerProspectStatus = "Qualifying" | "Qualified" | "Disqualified" | "Converted to DR";

/**
 * LEAD-1: vendor-owned leads come from fully paid vendor initiatives or joint events and can be
 * recalled; partner-funded (MDF) campaign leads never are.
 */
export type ProspectOrigin = "VendorPaid" | "JointEvent" | "PartnerMdf";

export interface Prospect {
  id: string;
  partnerId: string;
  origin: ProspectOrigin;
  shareStatus: ProspectShareStatus;
  partnerStatus: PartnerProspectStatus;
  /** Lead creation in the CRM (phase 1 counts from here). */
  createdAt: Date;
  /** When it was shared to the partner (phases 2 and 3); null before sharing. */
  sharedAt: Date | null;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  qualifiedAt: Date | null;
  /** LEAD-2: the registration it was converted to. */
  convertedRegistrationId: string | null;
  recalledAt: Date | null;
  /** CRM owner; reassigned to the vendor on recall (LEAD-4). */
  ownerId: string | null;
  /** The lead's person and company as the partner sees them (the portal requires last name and company). */
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  email: string | null;
}
