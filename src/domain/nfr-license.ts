// A not-for-resale license requested by a partner (NFR-*).

export type NfrDeployment = "SelfManaged" | "SaaS";
export type NfrStatus = "Requested" | "Active" | "Expired" | "Rejected";

export interface NfrLicense {
  id: string;
  partnerId: string;
  deployment: NfrDeployment;
  /** NFR-2: NFR licenses are Ultimate. */
  tier: "Ultimate";
  /** NFR-3: users on the license. */
  seats: number;
  status: NfrStatus;
  /** NFR-6: the request's instant (processing time counts from here). */
  requestedAt: Date;
  /** NFR-6: when partner operations processed it; null while unprocessed. */
  processedAt: Date | null;
  startsAt: Date | null;
  /** NFR-4: derived expiry. */
  expiresAt: Date | null;
  /** NFR-4: an add-on expires with the partner's oldest active NFR license. */
  isAddOn: boolean;
  /** NFR-5: id of the license this one renews. */
  renewalOf: string | null;
  /** NFR-3: extra seats justified through the partner account manager. */
  approvedByAccountManager: boolean;
}
