// A partner's supplier status in Coupa (PAY-3).

/**
 * - `connected`: an active supplier with an active remit-to address carrying bank account details,
 *   or an approved bank account in supplier information (PAY-3 Interpretation);
 * - `remit_to_only`: a supplier whose remit-to addresses lack bank details (cannot be paid yet);
 * - `none`: no active supplier for the partner.
 */
export type SupplierBankingStatus = "connected" | "remit_to_only" | "none";

export interface SupplierBanking {
  partnerId: string;
  coupaSupplierId: string | null;
  status: SupplierBankingStatus;
}
