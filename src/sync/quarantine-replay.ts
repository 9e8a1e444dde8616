// Replaying quarantined records: each is read again from its system (by key: the record may have been
// fixed there since) and sent through the pass with echo suppression off. A record that now goes
// through resolves its entry (status `replayed`); one that fails again updates it (attempts + 1).
//
// At the start of a sync only entries that can go through now are read (issue #4: a run with no
// change reads each object once): a record refused for its own values is retried when it changes —
// a change moves its stamp into this run's window, where the pass handles it like any record — so it
// is read here only when the current mapping accepts the payload it was quarantined with; an
// unresolved reference is retried once every id it names is known. Apply refusals depend on the
// target system and are always retried. `quarantine replay` (the run's kind `replay`) forces all.
// The entries due are read in one call per object, not one per entry (a page's worth at a time).
import type { EntityName } from "../mapping/canonical-fields.js";
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";
import type { QuarantineEntry } from "../store/quarantine.repo.js";
import type { SystemSide } from "./entity-specs.js";
import { passAgainByKeys } from "./page-pass.js";
import { statsOf, type PassContext } from "./pass-context.js";

export interface ReplayResult {
  replayed: number;
  stillFailing: number;
  missing: number;
  /** Left open without a read: nothing they depend on changed (start of a sync only). */
  waiting: number;
}

/** An entry to read again: what the replay needs of it, not its payload (a forced replay may hold 100k). */
interface DueEntry {
  id: number;
  attempts: number;
  entity: string;
  side: SystemSide;
  field: string;
  key: string;
}

/** `force` default: a `quarantine replay` run forces every entry, the start of a sync does not. */
export async function replayQuarantine(ctx: PassContext, ids: readonly number[], options: { force?: boolean } = {}): Promise<ReplayResult> {
  const force = options.force ?? ctx.store.runs.get(ctx.runId)?.kind === "replay";
  const result: ReplayResult = { replayed: 0, stillFailing: 0, missing: 0, waiting: 0 };
  const groups = new Map<string, DueEntry[]>();
  for (const id of ids) {
    const entry = ctx.store.quarantine.get(id);
    if (!entry || entry.status !== "open") continue;
    const spec = ctx.specs.get(entry.entity as EntityName);
    // Apply failures are replayed from the record's source: any side that holds it by key.
    const side = spec?.sides[entry.system as SystemName] ?? (spec ? Object.values(spec.sides)[0] : undefined);
    if (!spec || !side) continue;
    if (!force) {
      const due = dueAtStart(ctx, entry, side);
      if (due === "went-through") {
        ctx.store.quarantine.resolve(entry.id, "replayed");
        result.replayed++;
        continue;
      }
      if (due === "waiting") {
        // Still quarantined: the run says so (exit 3) as when the entry was read and refused again.
        statsOf(ctx, entry.entity).quarantined++;
        result.waiting++;
        continue;
      }
    }
    const payload = (entry.payload ?? {}) as JsonRecord;
    const ownField = side.idFields[side.system];
    const ownId = entry.stage === "normalize" && ownField !== undefined ? (payload[ownField] ?? payload[camel(ownField)]) : undefined;
    const [field, key] = ownId !== undefined && ownId !== null ? [ownField!, String(ownId)] : [side.canonicalKeyField, entry.key];
    if (field === undefined) {
      result.missing++;
      continue;
    }
    const group = `${entry.entity}\u0000${side.system}\u0000${field}`;
    (groups.get(group) ?? groups.set(group, []).get(group)!).push({ id: entry.id, attempts: entry.attempts, entity: entry.entity, side, field, key });
  }
  for (const due of groups.values()) await replayGroup(ctx, due, result);
  return result;
}

/**
 * One object's due entries: read together, passed together, each entry judged on its own afterwards —
 * a page's worth at a time (`pageSize`), so a forced replay of a large quarantine holds one page of
 * records, not every record read.
 */
async function replayGroup(ctx: PassContext, due: readonly DueEntry[], result: ReplayResult): Promise<void> {
  const chunk = ctx.pageSize ?? ctx.batchSize;
  for (let i = 0; i < due.length; i += chunk) await replayChunk(ctx, due.slice(i, i + chunk), result);
}

async function replayChunk(ctx: PassContext, due: readonly DueEntry[], result: ReplayResult): Promise<void> {
  const { side, field, entity } = due[0]!;
  const spec = ctx.specs.get(entity as EntityName)!;
  const raws = await passAgainByKeys(ctx, spec, side, field, [...new Set(due.map((d) => d.key))], ctx.batchSize);
  const found = new Set(raws.map((r) => String(r[field] ?? r[camel(field)])));
  for (const { id, attempts, key } of due) {
    if (!found.has(key)) {
      result.missing++;
      continue;
    }
    // The entry was not hit again (it may have been filed under the record's own id, before it had a
    // canonical key): the record went through.
    // Hit again (more attempts): it still fails. One read of the entry decides.
    const after = ctx.store.quarantine.get(id);
    if (after?.status === "open" && after.attempts !== attempts) {
      result.stillFailing++;
      continue;
    }
    if (after?.status === "open") ctx.store.quarantine.resolve(id, "replayed");
    result.replayed++;
  }
}

/**
 * Whether an entry is worth a read at the start of a sync. `went-through`: the record was handled
 * after it was quarantined (the pass stored its state, under the key it has now), so the entry is
 * stale — filed under the record's own id, it is not resolved by the pass's checkpoint.
 */
function dueAtStart(ctx: PassContext, entry: QuarantineEntry, side: SystemSide): "due" | "waiting" | "went-through" {
  if (entry.stage !== "normalize") return "due";
  const payload = entry.payload;
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return "due";
  const raw = payload as JsonRecord;
  const ownField = side.idFields[side.system];
  const ownId = ownField === undefined ? undefined : (raw[ownField] ?? raw[camel(ownField)]);
  const key = ownId === undefined || ownId === null ? undefined : ctx.idMap.keyOf(entry.entity, side.system, String(ownId));
  const state = ctx.store.recordState.get(entry.entity, key ?? entry.key, side.system);
  if (state !== undefined && Date.parse(state.seenAt) > Date.parse(entry.lastSeenAt)) return "went-through";
  if (!side.converter.accepts(raw)) return "due";
  const read = side.converter.toCanonical(raw);
  if (entry.errorCode === "PS_E_RECORD_INVALID") return read.ok ? "due" : "waiting";
  if (entry.errorCode === "PS_E_RECORD_UNRESOLVED_REFERENCE") {
    if (!read.ok) return "due";
    for (const ref of side.converter.foreignRefs) {
      const v = valueAt(read.value, ref.field);
      for (const id of v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]) {
        if (ctx.idMap.keyOf(ref.entity, side.system, String(id)) === undefined) return "waiting";
      }
    }
    return "due";
  }
  return "due";
}

function valueAt(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split(".")) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function camel(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}
