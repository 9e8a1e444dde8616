// The sync runner behind `partner-sync reconcile`: a full read of every system through the
// connectors (normalize → ids translated → join, exactly as a sync pass does), decide over everything
// read, the runner's apply + checkpoint for --apply. Reading writes nothing: ids learned while
// normalizing stay in the run's memory (IdMap), `record_state` is only read (changed since last sync).
import type { ApplyOutcome } from "../reports/reconcile-report.js";
import type { Logger } from "../log/logger.js";
import type { EntityName } from "../mapping/canonical-fields.js";
import type { RulesConfig } from "../rules/rules-config.schema.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { Store } from "../store/store.js";
import { applyWrites, type PlannedRecordWrite } from "./apply-writes.js";
import { loadBanking } from "./banking-world.js";
import { checkpoint } from "./checkpoint.js";
import { decide } from "./decide/decide.js";
import type { DerivedWrite, WithheldValue } from "./decide/decisions.js";
import { buildWorld } from "./decide/world.js";
import type { EntitySpec } from "./entity-specs.js";
import { IdMap } from "./id-map.js";
import { emptyJoined, joinRecords, toPlanInput, type JoinedRecord } from "./join.js";
import { normalizeRecords, type RecordFailure, type SystemRecord } from "./normalize.js";
import { PlanLines, type PassContext } from "./pass-context.js";
import type { JoinedEntity, PlannedWrite } from "./plan.js";
import { planAfterCreates, planRecord } from "./plan-record.js";
import type { FullRead, ReconcileSession } from "./reconcile-run.js";
import { bulkRouting } from "./bulk-routing.js";
import { holdLease, type HeldLease } from "./run-lease.js";
import { readPages, type SystemAccess } from "./system-access.js";
import { worldInput } from "./world-input.js";
import { recordIntent } from "./write-intent.js";
import { assertHeapRoom } from "./heap-guard.js";

export interface RunnerSessionOptions {
  store: Store;
  access: SystemAccess;
  specs: readonly EntitySpec[];
  rules: RulesConfig;
  log: Logger;
  runId: string;
  now: Date;
  apply: boolean;
  batchSize: number;
  /** `sync.bulkThreshold` (as a sync: src/sync/bulk-routing.ts); absent = --apply writes through collections only. */
  bulkThreshold?: number;
  leaseTtlMs: number;
  clock?: () => Date;
  /**
   * SupplierBanking (buildBankingSpec): the partners' banking the rules see (PAY-3), read as a sync page
   * reads it (banking-world.ts: what Salesforce's Account holds). Not compared or reported itself.
   */
  bankingSpec?: EntitySpec;
  /** `sync.salesforce.ownerIdOnCreate`: OwnerId of records --apply creates in Salesforce, as sync sets it. */
  sfOwnerIdOnCreate?: string;
  /** Also run when the session closes (the connectors opened for it). */
  onClose?: () => void;
}

/** Read order: the portal first, as in a sync pass (what partners create there is then known). */
const READ_ORDER: readonly SystemName[] = ["portal", "salesforce", "coupa"];

export function createRunnerSession(o: RunnerSessionOptions): ReconcileSession {
  const clock = o.clock ?? (() => new Date());
  // Only --apply writes, so only --apply takes the flow's lease: a report may run beside a sync.
  const lease: HeldLease | undefined = o.apply ? holdLease(o.store, "sync", o.leaseTtlMs) : undefined;
  const specs = new Map([...o.specs, ...(o.bankingSpec ? [o.bankingSpec] : [])].map((s) => [s.entity, s]));
  const ctx: PassContext = {
    store: o.store, lease, runId: o.runId, dryRun: !o.apply, access: o.access, idMap: new IdMap(o.store), specs, now: o.now,
    rules: o.rules, batchSize: o.batchSize, ...(lease ? { signal: lease.signal } : {}), log: o.log, stats: new Map(), planLines: new PlanLines(),
    ...(o.bulkThreshold !== undefined ? { bulk: bulkRouting(o.bulkThreshold) } : {}),
    ...(o.sfOwnerIdOnCreate ? { sfOwnerIdOnCreate: o.sfOwnerIdOnCreate } : {}),
  };
  const joined = new Map<EntityName, Map<string, JoinedRecord>>();
  const failures: RecordFailure[] = [];
  let withheld: readonly WithheldValue[] = [];
  const derivedBy = new Map<string, DerivedWrite>();
  const plannedBy = new Map<PlannedWrite, PlannedRecordWrite>();
  /** The record as read, or — one the rules create that no system holds yet — an empty one under its key. */
  const joinedOf = (spec: EntitySpec, key: string): JoinedRecord => {
    return joined.get(spec.entity)?.get(key) ?? emptyJoined(spec, key);
  };

  const changedSince = (entity: string, key: string) => (v: SystemRecord) => {
    const s = o.store.recordState.get(entity, key, v.system);
    return s !== undefined && s.hash !== v.hash;
  };

  return {
    async readAll(entities): Promise<FullRead> {
      const readAt: Partial<Record<SystemName, string | null>> = {};
      const out: JoinedEntity[] = [];
      for (const spec of o.specs) {
        if (entities !== undefined && !entities.includes(spec.entity)) continue;
        const records: SystemRecord[] = [];
        for (const system of READ_ORDER) {
          const side = spec.sides[system];
          if (!side) continue;
          for await (const page of readPages(o.access, system, side.object, side.converter.systemFields, null, ctx.signal)) {
            const n = await normalizeRecords(ctx, spec, side, page.records);
            records.push(...n.records);
            failures.push(...n.failures);
            assertHeapRoom(`reconcile: reading ${system} ${side.object} (${records.length} ${spec.entity} records so far)`);
          }
          readAt[system] = clock().toISOString();
        }
        const failed = new Set(failures.filter((f) => f.entity === spec.entity).map((f) => f.key));
        const m = joinRecords(spec, records.filter((r) => !failed.has(r.key)));
        joined.set(spec.entity, m);
        for (const j of m.values()) out.push(toPlanInput(j, changedSince(spec.entity, j.key)));
      }
      // The rules judge payouts with the banking a sync page would see for these partners.
      const partners = joined.get("Partner");
      if (o.bankingSpec && partners) joined.set("SupplierBanking", await loadBanking(ctx, [...partners.keys()]));
      return {
        specs: o.specs.filter((s) => joined.has(s.entity)).map((s) => s.plan), joined: out, readAt,
        failures: failures.map((f) => ({ entity: f.entity, key: f.key, system: f.system, code: f.code, message: f.message })),
      };
    },

    decide(now) {
      // DR-8: an approval that arrived from Salesforce and the portal does not show yet.
      const newlyApprovedIds = new Set<string>();
      for (const j of joined.get("DealRegistration")?.values() ?? []) {
        if (j.views.salesforce?.values.status === "Approved" && j.views.portal?.values.status !== "Approved") newlyApprovedIds.add(j.key);
      }
      const d = decide(buildWorld(worldInput(specs, joined)), { now, rules: o.rules, newlyApprovedIds, leadRecallOwnerId: o.rules.leadRecallOwnerId ?? null });
      withheld = d.withheld;
      for (const w of d.writes) derivedBy.set(`${w.entity}\u0000${w.key}`, w);
      return { derived: d.writes, findings: d.findings };
    },

    plan(j, _spec, derived) {
      // The sync pass's own planning (plan-record.ts), so reconcile reports exactly what sync would
      // write: reason codes never alone, what the target cannot tell apart dropped, missing ids filled.
      const spec = specs.get(j.entity as EntityName);
      if (!spec) return [];
      const planned = planRecord(ctx, spec, joinedOf(spec, j.key), derived, withheld);
      for (const p of planned) plannedBy.set(p.write, p);
      return planned.map((p) => p.write);
    },

    async apply(writes): Promise<ApplyOutcome> {
      const planned: PlannedRecordWrite[] = [];
      for (const write of writes) {
        const spec = specs.get(write.entity as EntityName);
        if (spec) planned.push(plannedBy.get(write) ?? { spec, joined: joinedOf(spec, write.key), write });
      }
      // As a sync page does, the plan is stored before the first write (one intent per entity): a crash
      // in between is finished by the next sync from it (write-intent.ts).
      const intents: number[] = [];
      for (const spec of new Set(planned.map((p) => p.spec))) {
        const list = planned.filter((p) => p.spec === spec);
        const side = spec.sides[spec.canonical as SystemName] ?? Object.values(spec.sides).find((x) => x !== undefined)!;
        intents.push(recordIntent(ctx, spec, side, new Set(list.map((p) => p.write.key)), list.map((p) => p.write)));
      }
      const rows = await applyWrites(ctx, planned);
      // As a sync page does: records just created get their new ids spread in this run.
      const created = new Set(rows.filter((r) => r.outcome.action === "create" && r.state).map((r) => `${r.outcome.entity}\u0000${r.outcome.key}`));
      const again = planAfterCreates(ctx, planned, created, (entity, key) => derivedBy.get(`${entity}\u0000${key}`), withheld);
      rows.push(...(await applyWrites(ctx, again)));
      checkpoint(o.store, lease, o.runId, rows, [], intents);
      const failed = rows.filter((r) => r.quarantine !== undefined).length;
      return { attempted: planned.length + again.length, succeeded: planned.length + again.length - failed, failed };
    },

    close() {
      lease?.release();
      o.onClose?.();
    },
  };
}

