// What every step of one run shares: the store, the connectors, the id map, the specs, the
// evaluation instant and rules, the run's counters, the dry-run plan lines and the rules' findings.
import type { RunFindings } from "../store/run-findings.js";
import type { Logger } from "../log/logger.js";
import type { EntityName } from "../mapping/canonical-fields.js";
import type { RulesConfig } from "../rules/rules-config.schema.js";
import type { SystemName } from "../sandbox/contracts.js";
import type { Store } from "../store/store.js";
import type { PolicyFinding } from "./decide/decisions.js";
import type { BulkRouting } from "./bulk-routing.js";
import type { EntitySpec } from "./entity-specs.js";
import type { IdMap } from "./id-map.js";
import type { JoinedRecord } from "./join.js";
import type { HeldLease } from "./run-lease.js";
import type { SystemAccess } from "./system-access.js";

export interface EntityStats {
  read: number;
  unchanged: number;
  written: Partial<Record<SystemName, number>>;
  created: number;
  quarantined: number;
  drift: number;
  ruleActions: number;
  deleted: number;
}

export interface PassContext {
  store: Store;
  lease: HeldLease | undefined;
  runId: string;
  dryRun: boolean;
  access: SystemAccess;
  idMap: IdMap;
  specs: ReadonlyMap<EntityName, EntitySpec>;
  now: Date;
  rules: RulesConfig;
  /** Records per write call. */
  batchSize: number;
  /** `sync.bulkThreshold` and the run's Salesforce upserts so far; absent = collections only (src/sync/bulk-routing.ts). */
  bulk?: BulkRouting;
  /** Records handled (decided, written, checkpointed) together; default batchSize. */
  pageSize?: number;
  /** `sync.salesforce.ownerIdOnCreate`: OwnerId of records created in Salesforce. */
  sfOwnerIdOnCreate?: string;
  signal?: AbortSignal;
  log: Logger;
  stats: Map<string, EntityStats>;
  /** Dry run: what would be written, one line each, in a deterministic order (kept, or handed on as planned). */
  planLines: PlanLines;
  /** The rules' findings for the run's summary (a sync run's; reconcile and explain read decide's own). */
  findings?: RunFindings<PolicyFinding>;
  /**
   * Banking of partners as far as this run knows it (PAY-3), by partner id: what the banking pass read
   * from Coupa, else what Salesforce holds (loaded once per partner); null = no banking record.
   */
  banking?: Map<string, JoinedRecord | null>;
  /** Progress callback (records read/written per system). */
  onProgress?: (event: { system: SystemName; read?: number; written?: number }) => void;
}

export function statsOf(ctx: PassContext, entity: string): EntityStats {
  let s = ctx.stats.get(entity);
  if (!s) ctx.stats.set(entity, (s = { read: 0, unchanged: 0, written: {}, created: 0, quarantined: 0, drift: 0, ruleActions: 0, deleted: 0 }));
  return s;
}

/**
 * A dry run's plan, one line per write (or quarantine). Kept for the summary when nobody takes them as
 * they come; handed to `onLine` otherwise (the CLI prints each at once): a first dry run of a large org
 * plans 100k+ writes, whose lines alone outgrow the launch line's heap if kept to the end. Counted
 * either way.
 */
export class PlanLines {
  private readonly kept: string[] = [];
  count = 0;

  constructor(private readonly onLine?: (line: string) => void) {}

  push(line: string): void {
    this.count++;
    if (this.onLine) this.onLine(line);
    else this.kept.push(line);
  }

  /** The lines kept (none when handed on). */
  lines(): string[] {
    return this.kept;
  }
}
