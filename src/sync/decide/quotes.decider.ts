// Q-1..3 where the data exists: a partner-resold deal that closed won without a complete end-user
// contact, a partner whose distributor territory cannot be determined, orders not complete
// without an executed EULA. What no system reports (the distributor actually used; invoices and
// EULAs when no order data is supplied) is reported once as not checkable.
import type { Opportunity } from "../../domain/opportunity.js";
import { reason } from "../../rules/decision.js";
import { endUserContactCheck, orderCompletion, transactingChannel } from "../../rules/quote-to-order.js";
import type { DecisionSink, EntityRef } from "./decisions.js";
import type { DecideContext, World } from "./world.js";

const SAMPLE = 20;

export function decideQuotes(world: World, ctx: DecideContext, sink: DecisionSink): void {
  const viaDistributor: EntityRef[] = [];
  let viaDistributorCount = 0;
  const sold: Opportunity[] = world.opportunities.filter((o) => o.isWon && o.resoldByPartnerId !== null);
  for (const opp of sold) {
    const partnerRef = [{ entity: "Partner", key: opp.resoldByPartnerId as string }];
    const contact = endUserContactCheck(opp.id, opp.endUserContact);
    if (contact.outcome === "incomplete") sink.reportAll("violation", "Opportunity", opp.id, contact.reasons, partnerRef);
    const partner = world.partnersById.get(opp.resoldByPartnerId as string);
    if (partner === undefined) continue;
    const channel = transactingChannel(partner, opp.publicSector, ctx.rules.distributors);
    if (channel.outcome === "not-checkable") sink.reportAll("not-checkable", "Opportunity", opp.id, channel.reasons, partnerRef);
    if (channel.outcome === "distributor") {
      viaDistributorCount++;
      if (viaDistributor.length < SAMPLE) viaDistributor.push({ entity: "Opportunity", key: opp.id });
    }
  }
  if (viaDistributorCount > 0) {
    const r = reason("Q-2", "DISTRIBUTOR_USED_NOT_RECORDED", `${viaDistributorCount} won deals of Open partners had to go through a distributor; no system records which one was used`);
    sink.report("not-checkable", "World", "Q-2", r, viaDistributor);
  }

  if (world.orders === null) {
    if (sold.length > 0) sink.report("not-checkable", "World", "Q-3", reason("Q-3", "ORDER_DATA_NOT_SUPPLIED", `no system reports invoices or EULA execution; Q-3 is not checked on ${sold.length} won partner deals`));
    return;
  }
  for (const [opportunityId, order] of [...world.orders].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const done = orderCompletion(order, ctx.now);
    if (done.outcome === "incomplete") sink.reportAll("violation", "Opportunity", opportunityId, done.reasons);
    if (done.outcome === "not-checkable") sink.reportAll("not-checkable", "Opportunity", opportunityId, done.reasons);
  }
}
