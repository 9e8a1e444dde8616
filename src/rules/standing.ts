// Partner standing (program-rules.md ELIG-1..4): who may register deals, earn discounts, quote and
// transact. Other rule modules compose these checks rather than re-reading the partner's flags.
import type { Partner } from "../domain/partner.js";
import { decision, reason, type Decision, type Reason } from "./decision.js";

export type StandingOutcome = "ELIGIBLE" | "INELIGIBLE";

/** The course ELIG-2 requires, by its portal name. */
export const FOUNDATIONS_TRAINING = "GitLab Foundations for Partners";

/** Tracks that may request a quote (ELIG-3: "at least Open track"). */
const QUOTING_TRACKS: ReadonlySet<string> = new Set(["Open", "Select"]);

function outcomeOf(failures: Reason[]): Decision<StandingOutcome> {
  return decision(failures.length === 0 ? "ELIGIBLE" : "INELIGIBLE", ...failures);
}

// ELIG-1 Authorized — handbook "Administration" / "Deal Registration Program Overview"
export function authorizationFailures(partner: Partner): Reason[] {
  if (partner.agreementSigned) return [];
  return [reason("ELIG-1", "NOT_AUTHORIZED", `partner ${partner.id} has not signed the program agreement`)];
}

// ELIG-2 Foundations training — handbook "Deal Registration Program Overview"
export function foundationsTrainingFailures(partner: Partner, now: Date): Reason[] {
  // A completion dated after `now` has not happened yet as of the evaluation instant (replays with --now).
  const trained = partner.people.some(
    (person) =>
      person.active &&
      person.trainings.some(
        (t) => t.name === FOUNDATIONS_TRAINING && t.completedAt !== null && t.completedAt.getTime() <= now.getTime(),
      ),
  );
  if (trained) return [];
  return [
    reason(
      "ELIG-2",
      "NO_FOUNDATIONS_TRAINING",
      `no active person of partner ${partner.id} completed "${FOUNDATIONS_TRAINING}" by ${now.toISOString()}`,
    ),
  ];
}

// ELIG-3 Quote track — handbook "Quote to Order"
export function quoteTrackFailures(partner: Partner): Reason[] {
  if (QUOTING_TRACKS.has(partner.track)) return [];
  return [reason("ELIG-3", "TRACK_CANNOT_QUOTE", `partner ${partner.id} is on track ${partner.track}, not Open or Select`)];
}

// ELIG-4 Compliance — handbook "Administration"
export function complianceFailures(partner: Partner): Reason[] {
  if (partner.compliant) return [];
  return [reason("ELIG-4", "NOT_COMPLIANT", `partner ${partner.id} is not in good standing with the program`)];
}

// ELIG-1 + ELIG-2 — handbook "Deal Registration Program Overview": may register deals and earn program discounts
export function mayRegisterDeals(partner: Partner, now: Date): Decision<StandingOutcome> {
  return outcomeOf([...authorizationFailures(partner), ...foundationsTrainingFailures(partner, now)]);
}

// ELIG-1 + ELIG-3 — handbook "Quote to Order": may request a quote
export function mayRequestQuote(partner: Partner): Decision<StandingOutcome> {
  return outcomeOf([...authorizationFailures(partner), ...quoteTrackFailures(partner)]);
}

// ELIG-1 + ELIG-2 + ELIG-4 — handbook "Deal Registration Program Overview": may have a DR approved (DR-8)
export function mayHaveRegistrationApproved(partner: Partner, now: Date): Decision<StandingOutcome> {
  return outcomeOf([
    ...authorizationFailures(partner),
    ...foundationsTrainingFailures(partner, now),
    ...complianceFailures(partner),
  ]);
}

// ELIG-1 — handbook "Administration": may earn a rebate or fee (unsigned partners are refused every rebate)
export function mayEarnRebates(partner: Partner): Decision<StandingOutcome> {
  return outcomeOf(authorizationFailures(partner));
}

// ELIG-4 — handbook "Administration": in good standing (incumbency REN-4, NFR-1, NFR-5 depend on it)
export function inGoodStanding(partner: Partner): Decision<StandingOutcome> {
  return outcomeOf(complianceFailures(partner));
}
