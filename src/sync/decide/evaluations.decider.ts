// EVAL-1..2 on every evaluation license: a license issued for a deal that is not properly registered
// is reported, an issued license past its 30 days goes to Expired with its expiry instant, and a third
// license that is not a managed evaluation is reported.
import type { EvaluationLicense } from "../../domain/evaluation-license.js";
import { evaluationIssuable, evaluationTerm, managedEvaluationCheck } from "../../rules/evaluation-licenses.js";
import { NO_REPORT, type DecisionSink } from "./decisions.js";
import { decidedRegistration, type RegistrationOutcome } from "./registrations.decider.js";
import type { DecideContext, World } from "./world.js";

function decideEvaluation(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome, license: EvaluationLicense): void {
  const related = license.registrationId === null ? [] : [{ entity: "DealRegistration", key: license.registrationId }];
  // EVAL-1: judged on the registration as this pass leaves it (an expiring registration ends eligibility).
  if (license.status === "Requested") {
    const issuable = evaluationIssuable(license, decidedRegistration(world, outcome, license.registrationId));
    if (issuable.outcome === "refuse") sink.reportAll("violation", "EvaluationLicense", license.id, issuable.reasons, related);
  }
  if (license.status === "Issued") {
    const term = evaluationTerm(license, ctx.now);
    if (term.outcome === "not-checkable") sink.reportAll("not-checkable", "EvaluationLicense", license.id, term.reasons);
    else {
      sink.propose("EvaluationLicense", license.id, license, { expiresAt: term.expiresAt }, term.reasons, NO_REPORT);
      if (term.outcome === "expired") sink.propose("EvaluationLicense", license.id, license, { status: "Expired" }, term.reasons, { related });
    }
  }
  if (license.status === "Requested" || license.status === "Issued") {
    const managed = managedEvaluationCheck(license);
    if (managed.outcome === "violation") sink.reportAll("violation", "EvaluationLicense", license.id, managed.reasons, related);
  }
}

export function decideEvaluations(world: World, ctx: DecideContext, sink: DecisionSink, outcome: RegistrationOutcome): void {
  for (const license of world.evaluationLicenses) decideEvaluation(world, ctx, sink, outcome, license);
}
