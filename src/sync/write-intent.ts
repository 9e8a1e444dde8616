// A page's writes reach two or three systems one call after another, and what the rules decided is
// split across them: a lead recalled gets its share status and recall date in Salesforce and on the
// portal; an MDF lead accepted gets its acceptance in both. A crash (kill -9, the machine) between
// two of those calls leaves a state the rules cannot decide again — the lead already shows Recall, so
// nothing is "due", and the portal never gets its recall date; the portal's empty acceptance, being
// the owner's value, is spread over the one Salesforce received. Found by the crash sweep
// (test/faults/crash-points.test.ts): a sync killed while its portal Prospect write was in flight
// ended, after any number of re-runs, with 67 of 151 leads different from a clean run.
//
// So before the first write of a page its plan is stored (`write_intents`), and the page's checkpoint
// deletes it in the same transaction. One found at the start of a run was cut off: it is finished by
// `finishIntents` (src/sync/finish-intents.ts) before anything else is read.
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import type { PassContext } from "./pass-context.js";
import type { PlannedWrite } from "./plan.js";

export interface WriteIntent {
  /** Every record of the page (canonical keys), written or not: the page is decided again as a whole. */
  keys: string[];
  /** The page's planned writes, in the order they were sent. */
  writes: PlannedWrite[];
}

/** Stores the page's plan before its first write; the id goes to the page's checkpoint, which deletes it. */
export function recordIntent(ctx: PassContext, spec: EntitySpec, side: SystemSide, keys: Iterable<string>, writes: readonly PlannedWrite[]): number {
  return ctx.store.writeIntents.add(ctx.runId, spec.entity, side.system, encodeIntent({ keys: [...keys], writes: [...writes] }));
}

// Canonical values are JSON values, Dates (datetime fields) and plain objects of them (money); a Date
// is written as {"$date": ISO} so that it reads back as the Date the planner compares.
const DATE_TAG = "$date";

export function encodeIntent(intent: WriteIntent): string {
  return JSON.stringify(intent, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : value;
  });
}

export function decodeIntent(text: string): WriteIntent {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      const iso = o[DATE_TAG];
      if (typeof iso === "string" && Object.keys(o).length === 1) return new Date(iso);
    }
    return value;
  }) as WriteIntent;
}
