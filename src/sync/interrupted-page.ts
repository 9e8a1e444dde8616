// A page whose writes were cut off by a run-scoped failure (the API budget, a network failure after
// retries, a lost lease) is redone by the next run from its records, read again by key — not from its
// read window. Why: the writes that landed before the stop moved those records' stamps to "now", and
// the next run's window ends `safetyLagSeconds` before its start, so a run started right after the
// stop would not see them; and what the page derived for other records (the DR-5 flag on an
// Opportunity, an accrual) is planned only while passing these records. Filed as open quarantine
// entries (stage `apply`, the stop's error code), they are replayed, with echo suppression off, at
// the start of the next sync (replayQuarantine), which re-decides and re-plans the whole page.
import { checkpoint, type RecordCheckpoint } from "./checkpoint.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import type { PassContext } from "./pass-context.js";

export function fileInterruptedPage(ctx: PassContext, spec: EntitySpec, side: SystemSide, keys: Iterable<string>, error: unknown): void {
  const code = errorCodeOf(error);
  const message = `${side.system} ${side.object}: the run stopped (${(error as Error)?.message ?? String(error)}) before this record's page was fully written; the next sync reads it again by key and redoes the page`;
  const rows: RecordCheckpoint[] = [];
  for (const key of keys) {
    rows.push({
      outcome: { entity: spec.entity, key, system: side.system, action: "update", result: "failed", error: message },
      quarantine: { entity: spec.entity, key, system: side.system, stage: "apply", errorCode: code, errorMessage: message, payload: { interrupted: true } },
    });
  }
  if (rows.length === 0) return;
  try {
    checkpoint(ctx.store, ctx.lease, ctx.runId, rows, []);
  } catch (cause) {
    // A lost lease (or a store failure) leaves nothing filed: the page is then redone from its window,
    // as after a crash. The run's own error is what the caller reports.
    ctx.log.warn({ err: cause, entity: spec.entity, system: side.system }, "could not file an interrupted page for replay");
  }
}

function errorCodeOf(error: unknown): string {
  const e = error as { serviceCode?: unknown; code?: unknown; kind?: unknown } | null;
  for (const c of [e?.serviceCode, e?.code, e?.kind]) if (typeof c === "string" && c !== "") return c;
  return "RUN_STOPPED";
}
