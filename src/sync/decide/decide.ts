// The decide step (architecture.md "One pass"): the program rules applied to one snapshot as of one
// instant. Pure — no I/O, no clock, no environment — so `--now` replays are byte-for-byte identical.
// Registrations go first: discounts, rebates, evaluations and standing judge the registrations as
// this pass leaves them (an expiring approval no longer earns a partner-sourced discount).
import { DecisionSink, type Decisions } from "./decisions.js";
import { decideDiscounts } from "./discounts.decider.js";
import { decideEvaluations } from "./evaluations.decider.js";
import { decideNfr } from "./nfr.decider.js";
import { decideProspects } from "./prospects.decider.js";
import { decideQuotes } from "./quotes.decider.js";
import { decideRebates } from "./rebates.decider.js";
import { decideRegistrations, type RegistrationOutcome } from "./registrations.decider.js";
import { decideRenewals } from "./renewals.decider.js";
import { decideStanding } from "./standing.decider.js";
import type { DecideContext, World } from "./world.js";

/** The decisions, and the registrations as decided (what `explain` shows the later rules judging). */
export function decideWithOutcome(world: World, ctx: DecideContext): { decisions: Decisions; registrations: RegistrationOutcome } {
  if (Number.isNaN(ctx.now.getTime())) throw new RangeError("decide: the evaluation instant is an invalid Date");
  const sink = new DecisionSink(world);
  const registrations = decideRegistrations(world, ctx, sink);
  decideDiscounts(world, ctx, sink, registrations);
  decideRebates(world, ctx, sink, registrations);
  decideEvaluations(world, ctx, sink, registrations);
  decideStanding(world, ctx, sink, registrations);
  decideProspects(world, ctx, sink);
  decideNfr(world, ctx, sink);
  decideRenewals(world, ctx, sink);
  decideQuotes(world, ctx, sink);
  return { decisions: sink.finish(), registrations };
}

export function decide(world: World, ctx: DecideContext): Decisions {
  return decideWithOutcome(world, ctx).decisions;
}
