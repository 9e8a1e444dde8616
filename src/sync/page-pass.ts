// One page of one system's records through the whole pass: normalize → skip echoes → counterparts →
// join → decide → plan → apply → checkpoint (one transaction). Memory is bounded by the page: nothing
// of it survives the call but counters, findings and (dry run) plan lines.
import type { JsonRecord } from "../sandbox/contracts.js";
import type { EntityName } from "../mapping/canonical-fields.js";
import { applyWrites, planLine, type PlannedRecordWrite } from "./apply-writes.js";
import { checkpoint, type RecordCheckpoint, type WatermarkAdvance } from "./checkpoint.js";
import { decide } from "./decide/decide.js";
import type { DerivedWrite, WithheldValue } from "./decide/decisions.js";
import { buildWorld } from "./decide/world.js";
import type { EntitySpec, SystemSide } from "./entity-specs.js";
import { emptyJoined, joinRecords, type JoinedRecord } from "./join.js";
import { loadByKeys, loadJoined } from "./load-joined.js";
import { loadRelated } from "./related-records.js";
import { normalizeRecords, type RecordFailure, type SystemRecord } from "./normalize.js";
import { statsOf, type PassContext } from "./pass-context.js";
import { planAfterCreates, planRecord } from "./plan-record.js";
import { forgetWritten } from "./related-cache.js";
import { worldInput } from "./world-input.js";
import { readByKeys } from "./system-access.js";
import { recordIntent } from "./write-intent.js";

export interface PageInput {
  spec: EntitySpec;
  side: SystemSide;
  records: readonly JsonRecord[];
  /** The watermark this page lets advance once handled (undefined: not this page). */
  watermark?: WatermarkAdvance;
  /** Replay: process even records whose hash says nothing changed. */
  force?: boolean;
}

export async function passPage(ctx: PassContext, page: PageInput): Promise<void> {
  const { spec, side } = page;
  const stats = statsOf(ctx, spec.entity);
  const normalized = await normalizeRecords(ctx, spec, side, page.records);
  stats.read += normalized.records.length + normalized.failures.length;
  ctx.onProgress?.({ system: side.system, read: page.records.length });

  // One query per 100 keys for the page's states, not one per record.
  const stored = page.force ? undefined : ctx.store.recordState.getMany(spec.entity, side.system, normalized.records.map((r) => r.key));
  const changed = stored === undefined ? normalized.records : normalized.records.filter((r) => stored.get(r.key)?.hash !== r.hash);
  stats.unchanged += normalized.records.length - changed.length;

  const failures: RecordFailure[] = [...normalized.failures];
  const counterparts = await loadByKeys(ctx, spec, [...new Set(changed.map((r) => r.key))], side.system);
  failures.push(...counterparts.failures);
  const failedKeys = new Set(failures.filter((f) => f.entity === spec.entity).map((f) => f.key));
  const joined = joinRecords(spec, [...changed, ...counterparts.records].filter((r) => !failedKeys.has(r.key)));

  const planned: PlannedRecordWrite[] = [];
  const derived = new Map<string, DerivedWrite>();
  const derivedOf = (entity: string, key: string) => derived.get(`${entity}\u0000${key}`);
  const withheldAll: WithheldValue[] = [];
  if (joined.size > 0) {
    const decisions = await decidePage(ctx, spec, joined);
    for (const w of decisions.writes) derived.set(`${w.entity}\u0000${w.key}`, w);
    const withheld = decisions.withheld;
    withheldAll.push(...withheld);
    for (const j of joined.values()) planned.push(...planRecord(ctx, spec, j, derived.get(`${spec.entity}\u0000${j.key}`), withheld));
    // What the rules decided for other records (siblings of the page's registrations, accruals…).
    const others = decisions.writes.filter((w) => !(w.entity === spec.entity && joined.has(w.key)));
    planned.push(...(await planOthers(ctx, others, decisions.related, withheld)));
  }

  const rows: RecordCheckpoint[] = [];
  for (const f of failures) {
    statsOf(ctx, f.entity).quarantined++;
    rows.push({
      outcome: { entity: f.entity, key: f.key, system: f.system, action: "read", result: "quarantined", error: f.message },
      quarantine: { entity: f.entity, key: f.key, system: f.system, stage: "normalize", errorCode: f.code, errorMessage: f.message, payload: f.raw },
    });
  }
  if (ctx.dryRun) {
    for (const p of planned) ctx.planLines.push(planLine(p));
    for (const f of failures) ctx.planLines.push(`quarantine ${f.entity} ${f.key} (${f.system}): ${f.message}`);
    return;
  }
  // Writes carrying values their target system owns land first (a stable sort): a page cut off between
  // two writes then leaves a receiver behind the owner, never ahead of it — the rules read a receiver's
  // value where the owner's is empty (mergedValues). The stored intent is what finishes such a page.
  planned.sort((a, b) => Number(ownsSome(b)) - Number(ownsSome(a)));
  // Stored before the first write and deleted by this page's checkpoint. A crash or a run-scoped stop
  // (the API budget, a network failure after retries, a lost lease) between the two leaves it in the
  // store, and the next run finishes the page from it (write-intent.ts).
  const intent = planned.length > 0 ? recordIntent(ctx, spec, side, joined.keys(), planned.map((p) => p.write)) : undefined;
  const written = await applyWrites(ctx, planned);
  // Records just created: their new ids go to the other systems (a CrmId), and what the owner now
  // holds is spread, in this run rather than the next.
  const created = new Set(written.filter((w) => w.outcome.action === "create" && w.state).map((w) => `${w.outcome.entity}\u0000${w.outcome.key}`));
  written.push(...(await applyWrites(ctx, planAfterCreates(ctx, planned, created, derivedOf, withheldAll))));
  for (const w of written) if (w.quarantine) statsOf(ctx, w.outcome.entity).quarantined++;
  // What the pass wrote is read again from the systems by the next page that needs it.
  for (const w of written) if (w.outcome.action !== "read") forgetWritten(ctx, w.outcome.entity, [w.outcome.key]);
  forgetWritten(ctx, spec.entity, joined.keys());
  rows.push(...written);
  // What each system holds now, for the records read and not written: the next run skips them.
  const writtenIds = new Set(written.filter((w) => w.state).map((w) => `${w.outcome.entity}\u0000${w.outcome.key}\u0000${w.outcome.system}`));
  const refused = new Set(written.filter((w) => w.quarantine).map((w) => `${w.outcome.entity}\u0000${w.outcome.key}`));
  for (const j of joined.values()) {
    for (const v of Object.values(j.views)) {
      if (!v || writtenIds.has(`${spec.entity}\u0000${j.key}\u0000${v.system}`)) continue;
      // A record whose write was refused keeps its old state, so the next run tries it again.
      if (refused.has(`${spec.entity}\u0000${j.key}`)) continue;
      rows.push({ outcome: { entity: spec.entity, key: j.key, system: v.system, action: "skip", result: "ok" }, state: { hash: v.hash, systemId: v.systemId }, resolves: true });
    }
  }
  checkpoint(ctx.store, ctx.lease, ctx.runId, rows, page.watermark ? [page.watermark] : [], intent === undefined ? [] : [intent]);
}

/**
 * The records of `keys` read again from `side` (by `field`) and passed `pageSize` at a time with echo
 * suppression off, as a page is redone (a quarantine replay, a page finished from its intent): returns
 * what was read.
 */
export async function passAgainByKeys(ctx: PassContext, spec: EntitySpec, side: SystemSide, field: string, keys: readonly string[], pageSize: number): Promise<JsonRecord[]> {
  const raws = await readByKeys(ctx.access, side.system, side.object, field, keys, side.converter.systemFields, ctx.signal);
  for (let i = 0; i < raws.length; i += pageSize) await passPage(ctx, { spec, side, records: raws.slice(i, i + pageSize), force: true });
  return raws;
}

function ownsSome(p: PlannedRecordWrite): boolean {
  return p.write.changes.some((c) => p.spec.owners.get(c.field) === p.write.system);
}

interface PageDecisions {
  writes: DerivedWrite[];
  withheld: WithheldValue[];
  /** Records loaded for the rules, by entity: where writes to records outside the page are planned from. */
  related: Map<EntityName, Map<string, JoinedRecord>>;
}

/** Decide over the page and the records its rules look at; newly approved = Approved in Salesforce, not yet on the portal. */
async function decidePage(ctx: PassContext, spec: EntitySpec, joined: Map<string, JoinedRecord>): Promise<PageDecisions> {
  const { records: related, people } = await loadRelated(ctx, spec, joined);
  const newlyApprovedIds = new Set<string>();
  if (spec.entity === "DealRegistration") {
    for (const j of joined.values()) if (j.views.salesforce?.values.status === "Approved" && j.views.portal?.values.status !== "Approved") newlyApprovedIds.add(j.key);
  }
  const world = buildWorld(worldInput(ctx.specs, related, people));
  const d = decide(world, { now: ctx.now, rules: ctx.rules, newlyApprovedIds, leadRecallOwnerId: ctx.rules.leadRecallOwnerId ?? null });
  ctx.findings?.add(d.findings);
  return { writes: d.writes, withheld: d.withheld, related };
}

async function planOthers(ctx: PassContext, writes: readonly DerivedWrite[], related: Map<EntityName, Map<string, JoinedRecord>>, withheld: readonly WithheldValue[]): Promise<PlannedRecordWrite[]> {
  const out: PlannedRecordWrite[] = [];
  const byEntity = new Map<EntityName, DerivedWrite[]>();
  for (const w of writes) (byEntity.get(w.entity) ?? byEntity.set(w.entity, []).get(w.entity)!).push(w);
  for (const [entity, list] of byEntity) {
    const spec = ctx.specs.get(entity);
    if (!spec) continue;
    const known = related.get(entity) ?? new Map<string, JoinedRecord>();
    const missing = list.map((w) => w.key).filter((k) => !known.has(k));
    const loaded = await loadJoined(ctx, entity, missing);
    for (const w of list) {
      const j = known.get(w.key) ?? loaded.get(w.key) ?? emptyJoined(spec, w.key);
      if (spec.canonical === "portal" && j.keys.portal === null) j.keys.portal = w.key;
      if (spec.canonical === "salesforce" && j.keys.salesforce === null) j.keys.salesforce = w.key;
      out.push(...planRecord(ctx, spec, j, w, withheld));
    }
  }
  return out;
}
