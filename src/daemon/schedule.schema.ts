// `daemon.schedules`: which flows the daemon runs, and when. Validated with the rest of the config,
// so a bad cron expression is a config problem naming its key (daemon.schedules.<name>.cron), listed
// with every other problem, and the daemon refuses to start instead of never running a flow.
import { validate, validateDetailed } from "node-cron";
import { z } from "zod";
import { ENTITY_NAMES } from "../mapping/canonical-fields.js";

export const FLOWS = ["sync", "reconcile"] as const;
export type FlowKind = (typeof FLOWS)[number];

const cronExpression = z.string().superRefine((expr, ctx) => {
  if (validate(expr)) return;
  const why = validateDetailed(expr).errors.map((e) => (e.field === "expression" ? e.message : `${e.field}: ${e.message}`)).join("; ");
  ctx.addIssue({ code: "custom", message: `not a cron expression (minute hour day-of-month month day-of-week, optional seconds first)${why ? `: ${why}` : ""}` });
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const scheduleSchema = z.strictObject({
  cron: cronExpression,
  flow: z.enum(FLOWS),
  /** Only these entities (default all). */
  entities: z.array(z.enum(ENTITY_NAMES)).min(1).optional(),
  /** sync: read everything instead of the changes since the watermarks. A reconcile always reads everything. */
  full: z.boolean().default(false),
  enabled: z.boolean().default(true),
  // UTC by default: a zone with daylight saving skips or repeats an hour twice a year.
  timezone: z.string().refine(isTimeZone, "an IANA time zone such as UTC or Europe/Berlin").default("UTC"),
});

/** Schedule names appear in URLs (`POST /trigger/<name>`) and metric labels. */
export const scheduleName = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, "a schedule name: lower-case letters, digits, - and _, starting with a letter");

export const schedulesSchema = z.record(scheduleName, scheduleSchema);

export type Schedule = z.infer<typeof scheduleSchema>;
export type Schedules = z.infer<typeof schedulesSchema>;
