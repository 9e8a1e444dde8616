// A sales opportunity in the vendor's CRM (Salesforce owns every field).
import type { ExternalIds } from "./external-ids.js";
import type { LicenseTier } from "./license-tier.js";
import type { Money } from "./money.js";

export type OpportunityType = "New Business" | "Add-On" | "Renewal";

/** Who brought the opportunity (DISC-1 partner-sourced vs DISC-2 vendor-sourced co-sell). */
export type OpportunitySource = "Partner" | "Vendor";

/** the end user's contact on the quote/order. */
export interface EndUserContact {
  name: string | null;
  email: string | null;
  shippingAddress: string | null;
  postalCode: string | null;
}

export interface Opportunity {
  id: string;
  accountId: string | null;
  name: string;
  /** CRM stage label, for reports; the rules read `isClosed`/`isWon`. */
  stage: string;
  isClosed: boolean;
  /** Closed won. Always false while open or closed lost. */
  isWon: boolean;
  /** The close instant (CRM close dates are days; mappings make them 00:00Z of that day). */
  closeDate: Date | null;
  netArr: Money | null;
  tier: LicenseTier | null;
  /** Tier of the subscription being renewed (REN-1, REN-3); null for new business. */
  previousTier: LicenseTier | null;
  type: OpportunityType;
  source: OpportunitySource;
  /** New logo: the customer is new to the vendor (REF-2, FOI-1). */
  newLogo: boolean;
  /** FOI-2. */
  firstOrderTargetList: boolean;
  publicSector: boolean;
  /** Cloud marketplace it transacts through ("AWS", "GCP", "Azure"), null if none (REF-3). */
  marketplace: string | null;
  /** Partner reselling the deal, if any (REF-2). */
  resoldByPartnerId: string | null;
  /** Partners the vendor's sales team attached to the deal (DISC-2). */
  coSellPartnerIds: string[];
  /** REN-4: reseller of the customer's most recent purchase. */
  incumbentPartnerId: string | null;
  /** REN-4: the customer asked in writing to renew with another partner. */
  customerRequestedOtherPartner: boolean;
  /** DISC-4: a negotiated discount stored with the deal, replacing the configured rate; null if none. */
  discountOverrideRate: number | null;
  endUserContact: EndUserContact | null;
  externalIds: ExternalIds;
}
