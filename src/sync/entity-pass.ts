// One entity as one system holds it, read in its window page by page and passed through: the
// window is [watermark − lookback, run start − safety lag) — or everything on a first run or with
// --full — and the page's watermark advances to what the page covers, never past the window's end.
// Salesforce deletes in the window are reported and recorded, not propagated (deleted-records.ts).
import type { ReadWindow } from "../connectors/connector.js";
import { PartnerSyncError } from "../errors.js";
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";
import type { WatermarkAdvance } from "./checkpoint.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import { passPage } from "./page-pass.js";
import type { PassContext } from "./pass-context.js";
import { recordingDeletes } from "./deleted-records.js";
import { startEntityPass } from "./related-cache.js";
import { ReadAhead } from "./read-ahead.js";
import { readPages } from "./system-access.js";

export interface WindowSettings {
  runStart: Date;
  lookbackSeconds: number;
  safetyLagSeconds: number;
  full: boolean;
}

/** The end of every read of the run: its start minus the safety lag. */
function windowEnd(s: WindowSettings): Date {
  return new Date(s.runStart.getTime() - s.safetyLagSeconds * 1000);
}

/** null = read everything. */
export function readWindow(watermark: string | undefined, s: WindowSettings): ReadWindow | null {
  if (s.full || watermark === undefined) return null;
  return { start: new Date(Date.parse(watermark) - s.lookbackSeconds * 1000), end: windowEnd(s) };
}

export interface OpenedWindow {
  /** null = read everything (first run, --full). */
  window: ReadWindow | null;
  /** Where the read ends: run start − safety lag (a read of everything too). */
  end: Date;
  /** The watermark a page covering records until `until` lets advance: never past `end`. */
  advance(until: Date): WatermarkAdvance;
}

/** The window of one (system, object) watermark for this run, logged; what every pass reads by. */
export function openWindow(ctx: PassContext, mark: { system: string; object: string }, entity: string, s: WindowSettings): OpenedWindow {
  const end = windowEnd(s);
  const window = readWindow(ctx.store.watermarks.get(mark.system, mark.object), s);
  ctx.log.info({ entity, system: mark.system, object: mark.object, window: window ? { start: window.start?.toISOString(), end: window.end.toISOString() } : "all" }, "reading");
  return {
    window,
    end,
    advance: (until) => {
      const value = until.getTime() > end.getTime() ? end : until;
      assertClocksAgree(ctx, mark, value, s);
      return { system: mark.system, object: mark.object, value: value.toISOString() };
    },
  };
}

/**
 * Refuses a watermark the next window would not reach back from: it re-reads from `value −
 * lookbackSeconds`, and the system had stamped nothing later than its latest answer's `Date` (+ 1 s,
 * the header's resolution). A later `value` means the worker's clock is ahead of the system's by more
 * than the lookback absorbs, and the changes stamped in between would never be read
 * (docs/sync-engine.md "Clocks"). Stops the page before its checkpoint: nothing is lost, nothing stored.
 */
function assertClocksAgree(ctx: PassContext, mark: { system: string; object: string }, value: Date, s: WindowSettings): void {
  const served = ctx.access[mark.system as SystemName]?.serverDate?.();
  if (served === undefined) return;
  const gapMs = value.getTime() - s.lookbackSeconds * 1000 - (served.getTime() + 1000);
  if (gapMs <= 0) return;
  const aheadS = Math.round((value.getTime() + s.safetyLagSeconds * 1000 - served.getTime()) / 1000);
  throw new PartnerSyncError(
    "PS_E_CLOCK_SKEW",
    `this host's clock is at least ${aheadS} s ahead of ${mark.system}'s (its latest answer is dated ${served.toISOString()}; this run would set the ${mark.system} ${mark.object} watermark to ${value.toISOString()}), ` +
      `more than sync.lookbackSeconds (${s.lookbackSeconds}) + sync.safetyLagSeconds (${s.safetyLagSeconds}) absorb: changes stamped in between would never be read. ` +
      "Nothing was checkpointed for this page. Fix the host's time (NTP) and run again.",
    { details: { system: mark.system, object: mark.object, serverDate: served.toISOString(), watermark: value.toISOString(), lookbackSeconds: s.lookbackSeconds } },
  );
}

export async function passEntitySide(ctx: PassContext, spec: EntitySpec, side: SystemSide, s: WindowSettings): Promise<void> {
  const opened = openWindow(ctx, side, spec.entity, s);
  const { window, end } = opened;
  const advance = (until: Date | undefined): WatermarkAdvance | undefined => (until === undefined ? undefined : opened.advance(until));
  startEntityPass(ctx);
  // Salesforce: the window's deletes come with its pages (one queryAll read), recorded as they arrive.
  const sf = side.system === "salesforce" && window !== null ? ctx.access.salesforce : undefined;
  const read = sf && window ? recordingDeletes(ctx, spec, side, sf.readChangedWithDeleted(side.object, window, { fields: side.converter.systemFields, ...(ctx.signal ? { signal: ctx.signal } : {}) }))
    : readPages(ctx.access, side.system, side.object, side.converter.systemFields, window ?? { start: null, end }, ctx.signal);
  // Records are handled `pageSize` at a time whatever size the system's pages are (a Salesforce query
  // page is up to 2,000 rows, a portal page fewer): one decide, one round of writes and one checkpoint
  // per page. A page ending inside a system's page carries no watermark; the one that empties the
  // buffer carries the latest `coveredUntil`. Salesforce pages come from one query cursor (a snapshot
  // of the window), so the next `pageSize` records are read while a page is handled (read-ahead.ts).
  // The portal's are read when needed: read ahead they overlapped nothing measurable at size
  // 100,000 (docs/bench.md round 11) and held more records a page then wrote (3,098 registrations).
  // Either way, what this pass writes is dropped from what it read before the write
  // (written-keys.ts), as a read issued after the write would not return it.
  const pageSize = ctx.pageSize ?? ctx.batchSize;
  const pages = new ReadAhead(read[Symbol.asyncIterator](), side.system === "salesforce" ? pageSize : 0);
  const written = ctx.access.writes?.watch(side.system, side.object);
  // --full re-decides every record, unchanged ones included: a rule due by time alone (DR-4 expiry,
  // a lead's recall, an evaluation's 30 days, a payout's due date) changes a decision without any
  // system changing the record, and only a pass that looks at it again applies it. Writes still go
  // only where the plan differs from what the systems hold.
  const force = s.full;
  let buffer: JsonRecord[] = [];
  let covered: Date | undefined;
  let passedSinceCovered = true;
  let superseded = 0;
  const take = (n: number): JsonRecord[] => {
    const records = buffer.slice(0, n);
    buffer = buffer.slice(n);
    if (!written || written.size === 0) return records;
    const kept = records.filter((r) => !written.has(r));
    superseded += records.length - kept.length;
    return kept;
  };
  try {
    for (;;) {
      const page = await pages.next();
      if (page === undefined) break;
      buffer.push(...page.records);
      if (page.coveredUntil !== undefined) {
        covered = page.coveredUntil;
        passedSinceCovered = false;
      }
      while (buffer.length >= pageSize) {
        const records = take(pageSize);
        const wm = buffer.length === 0 ? advance(covered) : undefined;
        await passPage(ctx, { spec, side, records, force, ...(wm ? { watermark: wm } : {}) });
        if (wm) passedSinceCovered = true;
      }
    }
    // The rest, and an empty window's watermark.
    if (buffer.length > 0 || !passedSinceCovered) {
      const wm = advance(covered);
      await passPage(ctx, { spec, side, records: take(buffer.length), force, ...(wm ? { watermark: wm } : {}) });
    }
    if (superseded > 0) ctx.log.info({ entity: spec.entity, system: side.system, object: side.object, superseded }, "records read before this pass wrote them were dropped (their write's checkpoint holds their state)");
  } finally {
    if (written) ctx.access.writes?.unwatch(written);
    // A page failed: the reader is closed like `for await` does (a read in flight is abandoned).
    await pages.close();
  }
}
