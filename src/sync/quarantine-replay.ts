// Replaying quarantined records: each is read again from its system (by key: the record may have been
// fixed there since) and sent through the pass with echo suppression off. A record that now goes
// through resolves its entry (status `replayed`); one that fails again updates it (attempts + 1).
import type { EntityName } from "../mapping/canonical-fields.js";
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";
import { passPage } from "./page-pass.js";
import type { PassContext } from "./pass-context.js";
import { readByKeys } from "./system-access.js";

export async function replayQuarantine(ctx: PassContext, ids: readonly number[]): Promise<{ replayed: number; stillFailing: number; missing: number }> {
  let replayed = 0;
  let stillFailing = 0;
  let missing = 0;
  for (const id of ids) {
    const entry = ctx.store.quarantine.get(id);
    if (!entry || entry.status !== "open") continue;
    const spec = ctx.specs.get(entry.entity as EntityName);
    // Apply failures are replayed from the record's source: any side that holds it by key.
    const side = spec?.sides[entry.system as SystemName] ?? (spec ? Object.values(spec.sides)[0] : undefined);
    if (!spec || !side) continue;
    const payload = (entry.payload ?? {}) as JsonRecord;
    const ownField = side.idFields[side.system];
    const ownId = entry.stage === "normalize" && ownField !== undefined ? (payload[ownField] ?? payload[camel(ownField)]) : undefined;
    const [field, key] = ownId !== undefined && ownId !== null ? [ownField!, String(ownId)] : [side.canonicalKeyField, entry.key];
    const raws = field === undefined ? [] : await readByKeys(ctx.access, side.system, side.object, field, [key], side.converter.systemFields, ctx.signal);
    if (raws.length === 0) {
      missing++;
      continue;
    }
    await passPage(ctx, { spec, side, records: raws, force: true });
    // The entry was not hit again (it may have been filed under the record's own id, before it had a
    // canonical key): the record went through.
    const after = ctx.store.quarantine.get(id);
    if (after?.status === "open" && after.attempts === entry.attempts) ctx.store.quarantine.resolve(id, "replayed");
    if (ctx.store.quarantine.get(id)?.status === "open") stillFailing++;
    else replayed++;
  }
  return { replayed, stillFailing, missing };
}

function camel(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}
