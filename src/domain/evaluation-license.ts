// A 30-day evaluation license for a prospect of a registered deal (EVAL-*).

export type EvaluationStatus = "Requested" | "Issued" | "Expired" | "Refused";

export interface EvaluationLicense {
  id: string;
  partnerId: string;
  /** EVAL-1: the registration it is issued for. */
  registrationId: string | null;
  /** 1 = first license, 2 = first renewal, 3 = second renewal (EVAL-2: managed from here). */
  sequence: number;
  /** Id of the previous license this renews, null for the first. */
  renewalOf: string | null;
  status: EvaluationStatus;
  requestedAt: Date;
  issuedAt: Date | null;
  expiresAt: Date | null;
  /** EVAL-2: a managed evaluation with a solutions architect. */
  managed: boolean;
  solutionsArchitectId: string | null;
}
