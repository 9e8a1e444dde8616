// The runner's planning of one joined record, shared by the sync pass and `reconcile` so the two can
// never disagree on what is a difference: the planner's field ownership and the rules' values, then
// what the target systems would make of the writes — DR-8 withheld values not spread, changes the
// target cannot represent dropped, reason codes never written alone, created records seeded with the
// owner's view, another system's id a record lacks filled in.
import type { SystemName } from "../sandbox/contracts.js";
import { KEY_FIELD_PREFIX, type PlannedRecordWrite } from "./apply-writes.js";
import { canonicalEqual } from "./canonical-equal.js";
import type { WithheldValue } from "./decide/decisions.js";
import { REASON_CODES, sameCodes } from "./decide/write-fields.js";
import type { EntitySpec } from "./entity-specs.js";
import { mergedValues, toPlanInput, type JoinedRecord } from "./join.js";
import type { SystemRecord } from "./normalize.js";
import { planEntity, type Derived, type PlannedWrite } from "./plan.js";
import type { PassContext } from "./pass-context.js";

const REASON_FIELDS: ReadonlySet<string> = new Set([REASON_CODES, "derived.reasons", "derived.evaluatedAt"]);

export function planRecord(ctx: Pick<PassContext, "store">, spec: EntitySpec, j: JoinedRecord, derived: Derived | undefined, withheld: readonly WithheldValue[]): PlannedRecordWrite[] {
  const changedSince = (v: SystemRecord) => {
    const s = ctx.store.recordState.get(spec.entity, j.key, v.system);
    return s !== undefined && s.hash !== v.hash;
  };
  const writes = planEntity(toPlanInput(j, changedSince), spec.plan, derived ? { fields: derived.fields, reasons: derived.reasons } : undefined);
  // DR-8: a value the rules withhold is not spread to the other systems.
  for (const w of writes) {
    w.changes = w.changes.filter((c) => !withheld.some((h) => h.entity === spec.entity && h.key === j.key && h.field === c.field && c.owner !== w.system));
  }
  for (const w of writes) if (w.create) seedOwnedFields(spec, j, w);
  for (const w of writes) {
    const defaults = spec.sides[w.system]?.defaults ?? {};
    // Null where the target reads its mapping's default (agreementSigned false) is no difference either.
    if (!w.create) w.changes = w.changes.filter((c) => !sameInSystem(spec, w.system, c.field, c.from, c.to) && !((c.to ?? null) === null && c.field in defaults && canonicalEqual(c.from, defaults[c.field])));
    // Reasons travel with a rule's write, never alone: a rule whose values are all in place already
    // (or not mapped) would otherwise rewrite them whenever its wording changes. Unless the rules
    // proposed the codes themselves (an accrual still BLOCKED, for another reason now) and they differ.
    const codesAlone = derived?.reasonCodesAlone === true && w.changes.some((c) => c.field === REASON_CODES && !sameCodes(c.from, c.to));
    if (!codesAlone && w.changes.every((c) => REASON_FIELDS.has(c.field))) w.changes = [];
  }
  addKeyChanges(spec, j, writes);
  return writes.filter((w) => w.changes.length > 0).sort((a, b) => (a.system < b.system ? -1 : 1)).map((write) => ({ spec, joined: j, write }));
}

/**
 * The records just created (in `written`) planned a second time, so their new ids (a portal `CrmId`)
 * and what the owner now holds are spread in this run rather than the next.
 */
export function planAfterCreates(
  ctx: Pick<PassContext, "store">, planned: readonly PlannedRecordWrite[], created: ReadonlySet<string>,
  derivedOf: (entity: string, key: string) => Derived | undefined, withheld: readonly WithheldValue[],
): PlannedRecordWrite[] {
  return planned.filter((p, i, all) => created.has(`${p.spec.entity}\u0000${p.joined.key}`) && all.findIndex((q) => q.joined === p.joined) === i)
    .flatMap((p) => planRecord(ctx, p.spec, p.joined, derivedOf(p.spec.entity, p.joined.key), withheld));
}

/**
 * A change the target system cannot tell from its current value: the portal shows an Expired NFR
 * license as Fulfilled, like an Active one; a Salesforce date field holds the day of an end-of-day
 * accrual `dueAt`. The comparison is the receiving field's own representation (its `toSystem`), so
 * writing it would change nothing there and the next read would plan it again forever.
 */
export function sameInSystem(spec: EntitySpec, system: SystemName, field: string, from: unknown, to: unknown): boolean {
  const side = spec.sides[system];
  const access = spec.paths.find((a) => a.path === field);
  if (!side || !access || side.converter.foreignRefs.some((r) => r.field === field)) return false;
  const render = (v: unknown) => {
    const obj: Record<string, unknown> = {};
    access.set(obj, v);
    const r = side.converter.toSystem(obj, { fields: [field], includeOwned: true });
    return r.ok ? JSON.stringify(r.record) : undefined;
  };
  const a = render(from);
  return a !== undefined && a !== "{}" && a === render(to);
}

/**
 * A record created in the owner of some of its fields (a portal registration reaching Salesforce,
 * owner of its status) starts with the value the other systems hold, or the next read would find the
 * owner empty and spread that emptiness back (a required status nulled on the portal).
 */
function seedOwnedFields(spec: EntitySpec, j: JoinedRecord, w: PlannedWrite): void {
  const side = spec.sides[w.system];
  if (!side) return;
  const flat = mergedValues(spec, j);
  for (const field of [...side.converter.owned].sort()) {
    const v = flat[field];
    if (v === null || v === undefined || w.changes.some((c) => c.field === field) || spec.paths.find((a) => a.path === field)?.presence && v === false) continue;
    w.changes.push({ field, from: null, to: v, owner: w.system, drift: false });
  }
}

/** Another system's id a record lacks (portal `CrmId` still null after Salesforce created the record) is written too. */
function addKeyChanges(spec: EntitySpec, j: JoinedRecord, writes: PlannedWrite[]): void {
  for (const [system, view] of Object.entries(j.views) as [SystemName, SystemRecord][]) {
    const side = spec.sides[system];
    if (!side?.upsert) continue;
    for (const [owner, field] of Object.entries(side.idFields)) {
      const want = j.keys[owner as keyof typeof j.keys];
      if (owner === system || field === undefined || want === null || view.keys[owner as keyof typeof view.keys] === want) continue;
      let w = writes.find((x) => x.system === system);
      if (!w) writes.push((w = { entity: spec.entity, key: j.key, system, create: false, changes: [], reasons: [], ...(view.systemId ? { systemId: view.systemId } : {}) }));
      w.changes.push({ field: `${KEY_FIELD_PREFIX}${owner}`, from: view.keys[owner as keyof typeof view.keys], to: want, owner: owner as SystemName, drift: false });
    }
  }
}
