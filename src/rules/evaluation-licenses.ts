// Evaluation licenses for prospects (program-rules.md EVAL-1, EVAL-2; handbook "Evaluation Licenses for
// Prospects"). Pure: the evaluation instant arrives as an argument.
import type { DealRegistration } from "../domain/deal-registration.js";
import type { EvaluationLicense } from "../domain/evaluation-license.js";
import { decision, reason, type Decision } from "./decision.js";
import { addDays } from "./fiscal-calendar.js";

export const EVALUATION_DAYS = 30;
const iso = (d: Date): string => d.toISOString();

type RegistrationFacts = Pick<DealRegistration, "id" | "partnerId" | "program" | "status">;

// EVAL-1 — handbook "Evaluation Licenses for Prospects": only for a properly registered deal (Submitted or Approved).
export function evaluationIssuable(
  request: Pick<EvaluationLicense, "id" | "partnerId">,
  registration: RegistrationFacts | null,
): Decision<"issue" | "refuse"> {
  const refuse = (code: string, message: string) => decision("refuse", reason("EVAL-1", code, `Evaluation ${request.id}: ${message}`));
  if (registration === null) return refuse("NO_REGISTRATION", "no deal registration is linked to the request");
  if (registration.partnerId !== request.partnerId) {
    return refuse("REGISTRATION_OF_ANOTHER_PARTNER", `registration ${registration.id} belongs to partner ${registration.partnerId}, not ${request.partnerId}`);
  }
  // A services-attach registration registers services, not the licensing deal an evaluation serves.
  if (registration.program !== "Deal Registration") {
    return refuse("NOT_A_LICENSING_REGISTRATION", `registration ${registration.id} is a ${registration.program}`);
  }
  if (registration.status !== "Submitted" && registration.status !== "Approved") {
    return refuse("REGISTRATION_NOT_ACTIVE", `registration ${registration.id} is ${registration.status}; it must be Submitted or Approved`);
  }
  return decision("issue", reason("EVAL-1", "REGISTERED_DEAL", `Evaluation ${request.id}: registration ${registration.id} is ${registration.status}`));
}

// EVAL-1 — handbook "Evaluation Licenses for Prospects": the license runs 30 days (30×24h) from issue.
export function evaluationTerm(
  license: Pick<EvaluationLicense, "id" | "issuedAt">,
  now: Date,
): Decision<"active" | "expired" | "not-checkable"> & { expiresAt: Date | null } {
  if (license.issuedAt === null) {
    return { ...decision("not-checkable", reason("EVAL-1", "NOT_ISSUED", `Evaluation ${license.id} has no issue instant`)), expiresAt: null };
  }
  const expiresAt = addDays(license.issuedAt, EVALUATION_DAYS);
  const facts = `issued ${iso(license.issuedAt)}, ${EVALUATION_DAYS}-day term ends ${iso(expiresAt)}`;
  if (now > expiresAt) return { ...decision("expired", reason("EVAL-1", "EVALUATION_EXPIRED", `Evaluation ${license.id} ${facts}`)), expiresAt };
  return { ...decision("active", reason("EVAL-1", "EVALUATION_ACTIVE", `Evaluation ${license.id} ${facts}`)), expiresAt };
}

export type EvaluationRequestKind = "first" | "renewal" | "managed" | "refuse";

// EVAL-2 — handbook "Evaluation Licenses for Prospects": the second renewal request (third license) becomes
// a managed evaluation with a solutions architect.
export function evaluationRequestKind(
  requestId: string,
  priorLicenses: readonly Pick<EvaluationLicense, "id" | "status">[],
): Decision<EvaluationRequestKind> & { sequence: number } {
  // Only licenses actually issued count: a refused or still-pending request gave the prospect nothing.
  const issued = priorLicenses.filter((l) => l.status === "Issued" || l.status === "Expired").length;
  const sequence = issued + 1;
  const facts = `Evaluation request ${requestId} would be license ${sequence} (${issued} issued before)`;
  const out = (kind: EvaluationRequestKind, code: string, why: string) => ({ ...decision(kind, reason("EVAL-2", code, `${facts}: ${why}`)), sequence });
  if (sequence === 1) return out("first", "FIRST_EVALUATION", "the first evaluation");
  if (sequence === 2) return out("renewal", "PLAIN_RENEWAL", "the first renewal is a plain renewal");
  if (sequence === 3) return out("managed", "MANAGED_EVAL_REQUIRED", "the second renewal request needs a managed evaluation with a solutions architect");
  // The handbook has the solutions architect close the evaluation "before the third evaluation expires".
  return out("refuse", "EVALUATION_LIMIT_REACHED", "no evaluation license beyond the third; the managed evaluation must conclude");
}

// EVAL-2 — handbook "Evaluation Licenses for Prospects": a third-or-later license must be a managed one.
export function managedEvaluationCheck(
  license: Pick<EvaluationLicense, "id" | "sequence" | "managed" | "solutionsArchitectId">,
): Decision<"ok" | "violation"> {
  if (license.sequence < 3) {
    return decision("ok", reason("EVAL-2", "MANAGED_NOT_REQUIRED", `Evaluation ${license.id} is license ${license.sequence}; no managed evaluation needed`));
  }
  if (!license.managed || license.solutionsArchitectId === null) {
    const missing = license.managed ? "has no solutions architect assigned" : "is not marked managed";
    return decision("violation", reason("EVAL-2", "MANAGED_EVAL_REQUIRED", `Evaluation ${license.id} is license ${license.sequence} but ${missing}`));
  }
  return decision("ok", reason("EVAL-2", "MANAGED_EVALUATION", `Evaluation ${license.id} is license ${license.sequence}, managed with solutions architect ${license.solutionsArchitectId}`));
}
