// Apply: planned writes → each system's fields (`toSystem`, references translated through the id
// map) → idempotent upserts in batches (updates by Salesforce Id for objects without an external id). Every result becomes a checkpoint row: the record's new state
// (the hash of what the system now holds, its id), an audit row with before/after values and the
// rules' reasons, or — a write the system refused — a quarantine entry with the system's error.
import type { WriteRecord } from "../connectors/connector.js";
import type { EntityName } from "../mapping/canonical-fields.js";
import type { Keys, RefResolver } from "../mapping/compile.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { AuditInput } from "../store/audit.repo.js";
import { displayText, displayValue } from "./change-display.js";
import type { RecordCheckpoint } from "./checkpoint.js";
import type { EntitySpec } from "./entity-specs.js";
import { canonicalObject, mergedValues, type JoinedRecord } from "./join.js";
import { recordHash } from "./record-hash.js";
import { statsOf, type PassContext } from "./pass-context.js";
import type { FieldChange, PlannedWrite } from "./plan.js";
import { routeSalesforceUpsert } from "./bulk-routing.js";
import { updateById, upsert } from "./system-access.js";

/**
 * The audit row of a write that landed, but its hashes: the action (create, a drift overwritten, a
 * rule's change, an update), each field's before → after as displayed, and the plan's reasons. Also
 * what a finishing run audits for the changes an interrupted run landed (finish-intents.ts).
 */
export function writeAudit(write: PlannedWrite, changes: readonly FieldChange[], created: boolean): Omit<AuditInput, "runId" | "beforeHash" | "afterHash"> {
  return {
    entity: write.entity, key: write.key, system: write.system,
    action: created ? "create" : changes.some((x) => x.drift) ? "drift-overwrite" : write.reasons.length > 0 ? "rule" : "update",
    fields: Object.fromEntries(changes.map((x) => [x.field, [displayValue(x.field, x.from), displayValue(x.field, x.to)]])),
    reasons: write.reasons.map((r) => ({ rule: r.rule, code: r.code, message: r.message })),
  };
}

/** A pseudo-field of a planned change: another system's id the record lacks (a CrmId filled in). */
export const KEY_FIELD_PREFIX = "#id:";

export interface PlannedRecordWrite {
  spec: EntitySpec;
  joined: JoinedRecord;
  write: PlannedWrite;
}

export function planLine(p: PlannedRecordWrite): string {
  const w = p.write;
  const changes = w.changes.map((c) => `${c.field}: ${displayText(c.field, c.from)} → ${displayText(c.field, c.to)}${c.drift ? " (drift)" : ""}`).join("; ");
  const reasons = w.reasons.length ? ` — ${w.reasons.map((r) => `${r.rule}:${r.code}`).join(", ")}` : "";
  return `${w.entity} ${w.key} → ${w.system} ${w.create ? "create" : "update"}: ${changes}${reasons}`;
}

export async function applyWrites(ctx: PassContext, planned: readonly PlannedRecordWrite[]): Promise<RecordCheckpoint[]> {
  const out: RecordCheckpoint[] = [];
  const groups = new Map<string, PlannedRecordWrite[]>();
  for (const p of planned) {
    const id = `${p.spec.entity}\u0000${p.write.system}`;
    (groups.get(id) ?? groups.set(id, []).get(id)!).push(p);
  }
  const resolve: RefResolver = (entity, canonicalId, system) => {
    const spec = ctx.specs.get(entity);
    if (spec?.canonical === system) return canonicalId;
    return ctx.idMap.systemIdOf(entity, canonicalId, system) ?? null;
  };
  for (const group of groups.values()) {
    const { spec, write: { system } } = group[0]!;
    const side = spec.sides[system]!;
    const upsertKey = side.upsert!;
    const ready: { p: PlannedRecordWrite; record: WriteRecord; after: Record<string, unknown>; keysAfter: Keys }[] = [];
    for (const p of group) {
      const flat = mergedValues(spec, p.joined);
      const changes: Record<string, unknown> = {};
      for (const c of p.write.changes) if (!c.field.startsWith(KEY_FIELD_PREFIX)) changes[c.field] = c.to;
      const values = canonicalObject(spec, { ...flat, ...changes }, p.joined.key, p.joined.keys);
      const fields = Object.keys(changes);
      const r = side.converter.toSystem(values, { fields, includeOwned: true, resolve, keys: p.joined.keys });
      const key = p.joined.keys[upsertKey.idOf];
      if (upsertKey.byId && p.write.create) {
        out.push(failure(p, system, "PS_E_RECORD_INVALID", `${system} ${side.object} ${p.joined.key}: partner-sync never creates ${side.object} records (updated by Id only)`));
        continue;
      }
      if (!r.ok || key === null) {
        const message = r.ok ? `no ${upsertKey.idOf} id to write ${side.object} by ${upsertKey.field}` : r.errors.map((e) => `${e.field} (${e.systemField}): ${e.message}`).join("; ");
        out.push(failure(p, system, "PS_E_RECORD_INVALID", `${system} ${side.object} ${p.joined.key}: ${message}`));
        continue;
      }
      const view = p.joined.views[system];
      const keysAfter: Keys = { ...(view?.keys ?? { salesforce: null, portal: null, coupa: null, "partner-sync": null }) };
      for (const [o, f] of Object.entries(side.idFields) as [keyof Keys, string][]) if (f !== undefined && o !== system && p.joined.keys[o] !== null) keysAfter[o] = p.joined.keys[o];
      if (p.write.create) for (const [f, v] of Object.entries(side.createFields)) r.record[f] ??= v as never;
      if (system === "salesforce" && p.write.create && ctx.sfOwnerIdOnCreate !== undefined) r.record.OwnerId ??= ctx.sfOwnerIdOnCreate;
      const after: Record<string, unknown> = { ...(view?.values ?? {}), ...changes };
      // A created record reads back with the mapping's defaults where nothing was written.
      if (!view) for (const [path, d] of Object.entries(side.defaults)) if (after[path] === undefined || after[path] === null) after[path] = d;
      // A field not written reads back as the converter makes of the created record (an empty list, a
      // constant), not as null: the stored hash is then what the next read hashes to (no re-handling).
      const readBack = view ? undefined : side.converter.toCanonical(r.record);
      for (const a of spec.paths) if (!view && !(a.path in after)) after[a.path] = readBack?.ok ? a.get(readBack.value) : a.presence ? false : null;
      ready.push({ p, record: { key, fields: r.record }, after, keysAfter });
    }
    // Salesforce upserts past the run's bulk threshold go as one Bulk API job (src/sync/bulk-routing.ts).
    const via = system === "salesforce" && !upsertKey.byId ? routeSalesforceUpsert(ctx.bulk, side.object, ready.length, ctx.batchSize) : "collections";
    const perCall = via === "bulk" ? ready.length : ctx.batchSize;
    for (let i = 0; i < ready.length; i += perCall) {
      const chunk = ready.slice(i, i + perCall);
      const records = chunk.map((c) => c.record);
      const results = upsertKey.byId
        ? await updateById(ctx.access, system, side.object, records)
        : await upsert(ctx.access, system, side.object, upsertKey.field, records, via);
      chunk.forEach((c, n) => {
        const res = results[n];
        const { p } = c;
        if (!res || !res.ok) {
          const e = res?.error;
          out.push(failure(p, system, e?.code ?? "NO_RESULT", `${system} refused ${side.object} ${c.record.key}: ${e?.code ?? "no result"}: ${e?.message ?? ""}${e?.fields?.length ? ` (fields ${e.fields.join(", ")})` : ""}`));
          return;
        }
        const systemId = res.id ?? p.joined.views[system]?.systemId ?? null;
        if (systemId !== null) {
          ctx.idMap.learn(spec.entity, p.joined.key, system, systemId);
          c.keysAfter[system as keyof Keys] = systemId;
          if (p.joined.keys[system as keyof Keys] === null) p.joined.keys[system as keyof Keys] = systemId;
        }
        // The entity's sorted paths when the record holds exactly those (as it does once read): no sort per record.
        const hash = recordHash(c.after, c.keysAfter, holdsExactly(c.after, spec.hashOrder) ? spec.hashOrder : undefined);
        // The record now exists there as written: a second planning round of this page sees it.
        // A planned create that succeeded is a create even when the system says "updated": its first
        // answer was lost and the idempotent retry found the record it had made (connection-faults test).
        const created = res.created === true || p.write.create;
        if (created) p.joined.views[system] = { system, key: p.joined.key, systemId, keys: { ...c.keysAfter }, values: c.after, hash };
        const stats = statsOf(ctx, spec.entity);
        stats.written[system] = (stats.written[system] ?? 0) + 1;
        if (created) stats.created++;
        if (p.write.changes.some((x) => x.drift)) stats.drift++;
        if (p.write.reasons.length > 0) stats.ruleActions++;
        ctx.onProgress?.({ system, written: 1 });
        out.push({
          outcome: { entity: spec.entity, key: p.joined.key, system, action: created ? "create" : "update", result: "ok" },
          state: { hash, systemId },
          resolves: true,
          audit: { ...writeAudit(p.write, p.write.changes, created), entity: spec.entity, key: p.joined.key, beforeHash: p.joined.views[system]?.hash ?? null, afterHash: hash },
        });
      });
    }
  }
  return out;
}

function failure(p: PlannedRecordWrite, system: SystemName, code: string, message: string): RecordCheckpoint {
  return {
    outcome: { entity: p.spec.entity as EntityName, key: p.joined.key, system, action: p.write.create ? "create" : "update", result: "quarantined", error: message },
    quarantine: { entity: p.spec.entity, key: p.joined.key, system, stage: "apply", errorCode: code, errorMessage: message, payload: { write: p.write.changes.map((c) => ({ field: c.field, to: displayValue(c.field, c.to) })) } },
  };
}

/** Whether `values` has exactly the keys `paths` lists (`paths` without repeats). */
function holdsExactly(values: object, paths: readonly string[]): boolean {
  if (Object.keys(values).length !== paths.length) return false;
  for (const p of paths) if (!Object.hasOwn(values, p)) return false;
  return true;
}
