// A partner's deal registration (DR-*) or services-attach registration (SA-*). The portal owns the
// submission, Salesforce the vendor's decisions, partner-sync what the rules derive.
import type { ExternalIds } from "./external-ids.js";
import type { LicenseTier } from "./license-tier.js";

export type RegistrationProgram = "Deal Registration" | "Service Attached Registration";
export type DealType = "Resale" | "Referral" | "MSP";
export type RegistrationStatus = "Submitted" | "Approved" | "Rejected" | "Expired" | "Dissolved";
export type ProofOfExecutionStatus = "None" | "Submitted" | "Approved" | "Rejected";

export interface DealRegistration {
  id: string;
  partnerId: string;
  /** DR-1: the single opportunity registered; null when the partner named none. */
  opportunityId: string | null;
  /** DR-1: further opportunities named by the same registration (must be empty). */
  otherOpportunityIds: string[];
  /** DR-1: registered for a whole account rather than an opportunity. */
  accountWide: boolean;
  program: RegistrationProgram;
  /** null for services-attach registrations and incomplete submissions. */
  dealType: DealType | null;
  status: RegistrationStatus;
  /** DR-2/DR-6: this submission's instant (a resubmission has its own). */
  submittedAt: Date;
  /** DR-6: id of the rejected registration this one resubmits, if any. */
  resubmissionOf: string | null;
  /** DR-4: the first approval; a re-approval does not move it. */
  originalApprovedAt: Date | null;
  /** DR-4: the vendor's extension; replaces the 90-day deadline when set. */
  extendedUntil: Date | null;
  rejectedAt: Date | null;
  customerName: string | null;
  customerContactEmail: string | null;
  tier: LicenseTier | null;
  /** SA-1: the licensing opportunity a services-attach registration links to. */
  linkedOpportunityId: string | null;
  /** SA-1: or the licensing registration it links to. */
  linkedRegistrationId: string | null;
  /** SA-2: proof of execution. */
  poeStatus: ProofOfExecutionStatus;
  poeApprovedAt: Date | null;
  /** DR-8: the customer chose another reseller. */
  customerChoseOtherReseller: boolean;
  /** DR-5: derived — next Submitted registration in line for review. */
  nextInLine: boolean;
  externalIds: ExternalIds;
}
