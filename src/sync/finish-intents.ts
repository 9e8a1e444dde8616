// Finishing the pages an earlier run was cut off in (src/sync/write-intent.ts says why), oldest first,
// before a run reads anything else:
//
// 1. The page's records are read again by key from every system, and each planned change is sent
//    only if the target still holds what the plan saw there (`from`): a change already there (`to`)
//    landed before the crash; a third value is someone's edit since, which stays — the pass decides
//    it like any other change. A planned create whose record exists now (it landed) is an update.
// 2. The page's records are passed again by key, as a whole page with echo suppression off, as a
//    quarantine replay does: what the page planned after its creates (new ids to the other systems)
//    is planned now, and every record's state is stored — its stamps moved to "now" by the writes,
//    the window of a run started right away would not read it.
// 3. The intent is deleted. A crash before that finishes it again: step 1 finds its changes landed.
//
// Audit: a change that landed before the crash was written by the interrupted run, whose checkpoint
// (and its audit rows) never committed; it is audited now, under that run's id, with the plan's
// reasons. Exactly once: the intent is rewritten without the changes audited, in the same transaction
// as their audit rows (landed ones first, then those sent now with their checkpoint), so finishing it
// again after a crash finds nothing left to audit.
import type { EntityName } from "../mapping/canonical-fields.js";
import type { AuditInput } from "../store/audit.repo.js";
import type { SystemName } from "../sandbox/contracts.js";
import { applyWrites, KEY_FIELD_PREFIX, writeAudit, type PlannedRecordWrite } from "./apply-writes.js";
import { canonicalEqual } from "./canonical-equal.js";
import { checkpoint } from "./checkpoint.js";
import type { EntitySpec } from "./entity-specs.js";
import { loadJoined } from "./load-joined.js";
import { emptyJoined, type JoinedRecord } from "./join.js";
import { passAgainByKeys } from "./page-pass.js";
import type { PassContext } from "./pass-context.js";
import type { FieldChange, PlannedWrite } from "./plan.js";
import { sameInSystem } from "./plan-record.js";
import { decodeIntent, encodeIntent } from "./write-intent.js";

export interface FinishedIntents {
  pages: number;
  /** Changes sent now: they had not landed before the crash. */
  sent: number;
  /** Changes found in place: they landed before the crash. */
  landed: number;
  /** Changes not sent because the target holds a third value (someone's edit since). */
  superseded: number;
  /** Intents left in the store: they name an entity this run does not map. */
  kept: number;
}

export async function finishIntents(ctx: PassContext): Promise<FinishedIntents> {
  const result: FinishedIntents = { pages: 0, sent: 0, landed: 0, superseded: 0, kept: 0 };
  for (const row of ctx.store.writeIntents.list()) {
    const intent = decodeIntent(row.intentJson);
    const log = ctx.log.child({ intent: row.id, entity: row.entity, fromRun: row.runId });
    const unknown = [...new Set([row.entity, ...intent.writes.map((w) => w.entity)])].filter((e) => !ctx.specs.has(e as EntityName));
    if (unknown.length > 0) {
      // Mappings changed since (an entity dropped): kept for a run that knows it, never half-finished.
      log.error({ unknown }, "cannot finish a page an earlier run was cut off in: its entities are not mapped now; it stays in the store");
      result.kept++;
      continue;
    }
    log.warn({ writes: intent.writes.length, records: intent.keys.length }, "finishing a page an earlier run was cut off in");

    const { planned, landed } = await remainingWrites(ctx, intent.writes, result, log);
    // What is left to audit from here: the changes sent now (their checkpoint audits them), then nothing.
    const leftToSend = encodeIntent({ keys: intent.keys, writes: planned.map((p) => p.write) });
    const nothingLeft = { id: row.id, intentJson: encodeIntent({ keys: intent.keys, writes: [] }) };
    if (landed.length > 0) {
      ctx.lease?.assertHeld();
      ctx.store.transaction(() => {
        for (const a of landed) ctx.store.audit.add({ ...a, runId: row.runId });
        ctx.store.writeIntents.replace(row.id, leftToSend);
      });
    }
    if (planned.length > 0) checkpoint(ctx.store, ctx.lease, ctx.runId, await applyWrites(ctx, planned), [], [], [nothingLeft]);

    // In pages as large as the one it came from: the rules' world is per page.
    const spec = ctx.specs.get(row.entity as EntityName)!;
    const side = pageSide(spec, row.system as SystemName);
    if (side) await passAgainByKeys(ctx, spec, side, side.canonicalKeyField!, intent.keys, ctx.pageSize ?? ctx.batchSize);
    ctx.lease?.assertHeld();
    ctx.store.writeIntents.remove(row.id);
    result.pages++;
  }
  return result;
}

/** The page's side, or another that reads the entity by its canonical key. */
function pageSide(spec: EntitySpec, system: SystemName) {
  const own = spec.sides[system];
  if (own?.canonicalKeyField !== undefined) return own;
  return Object.values(spec.sides).find((s) => s?.canonicalKeyField !== undefined);
}

/** The changes still to send, and the audit rows of those that landed before the crash. */
async function remainingWrites(ctx: PassContext, writes: readonly PlannedWrite[], result: FinishedIntents, log: PassContext["log"]): Promise<{ planned: PlannedRecordWrite[]; landed: Omit<AuditInput, "runId">[] }> {
  const byEntity = new Map<EntityName, Set<string>>();
  for (const w of writes) (byEntity.get(w.entity as EntityName) ?? byEntity.set(w.entity as EntityName, new Set()).get(w.entity as EntityName)!).add(w.key);
  const current = new Map<EntityName, Map<string, JoinedRecord>>();
  for (const [entity, keys] of byEntity) current.set(entity, await loadJoined(ctx, entity, keys));

  const out: PlannedRecordWrite[] = [];
  const landed: Omit<AuditInput, "runId">[] = [];
  for (const w of writes) {
    const spec = ctx.specs.get(w.entity as EntityName)!;
    const joined = current.get(w.entity as EntityName)?.get(w.key) ?? emptyJoined(spec, w.key);
    const view = joined.views[w.system];
    if (!view && !w.create) {
      log.warn({ key: w.key, system: w.system }, "a record the interrupted page was to update is gone; its changes are dropped");
      continue;
    }
    const changes: FieldChange[] = [];
    const inPlace: FieldChange[] = [];
    for (const c of w.changes) {
      const now = view === undefined ? null : valueIn(view, c.field);
      // Landed: the value is there, or what the target can hold of it (a date field holding a datetime's
      // day). Never for a record still missing: a create writes every value, false and empty ones too.
      if (view !== undefined && (canonicalEqual(now, c.to) || sameInSystem(spec, w.system, c.field, now, c.to))) {
        result.landed++;
        inPlace.push(c);
      } else if (canonicalEqual(now, c.from)) changes.push(c);
      else {
        result.superseded++;
        log.info({ key: w.key, system: w.system, field: c.field }, "not finishing a planned change: the field changed since the interrupted run read it");
      }
    }
    // The row the interrupted run's checkpoint would have held; the hash before its write was not kept
    // in the plan, the one after is what the target holds now.
    if (view !== undefined && inPlace.length > 0) landed.push({ ...writeAudit(w, inPlace, w.create), beforeHash: null, afterHash: view.hash });
    if (changes.length === 0) continue;
    result.sent += changes.length;
    const write: PlannedWrite = { ...w, create: view === undefined, changes };
    if (view?.systemId !== undefined && view.systemId !== null) write.systemId = view.systemId;
    else delete write.systemId;
    out.push({ spec, joined, write });
  }
  return { planned: out, landed };
}


function valueIn(view: NonNullable<JoinedRecord["views"][SystemName]>, field: string): unknown {
  if (field.startsWith(KEY_FIELD_PREFIX)) return view.keys[field.slice(KEY_FIELD_PREFIX.length) as keyof typeof view.keys] ?? null;
  return view.values[field] ?? null;
}
