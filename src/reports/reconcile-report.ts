// The reconciliation report (`partner-sync reconcile`): what all three systems hold, entity by
// entity, compared field by field against the owner of each field, plus what the program rules found.
// A plain data model: built by `sync/reconcile-compare.ts` (pure), printed by the `render-*.ts`
// renderers. Values stay canonical (Date, Money) here; the renderers format and mask them, so the
// JSON form and the table can never disagree about what was found.
import type { FindingSeverity, EntityRef } from "../sync/decide/decisions.js";
import type { Owner } from "../sync/plan.js";
import type { SystemName } from "../sandbox/contracts.js";

export const REPORT_SYSTEMS: readonly SystemName[] = ["portal", "salesforce", "coupa"];

export interface SystemFreshness {
  system: SystemName;
  /** ISO instant the full read of this system finished; null when not read (not configured / failed). */
  readAt: string | null;
  /** Records of this system that took part in the comparison (after normalization). */
  records: number;
  /** The newest last-modified instant among them, when the caller knows it. */
  newestChangeAt?: string | null;
}

export interface ReportHeader {
  runId: string;
  /** The evaluation instant of the rules (`--now`, default the clock), ISO. */
  evaluatedAt: string;
  mode: "report" | "apply";
  /** Entities compared, in report order. */
  entities: string[];
  systems: SystemFreshness[];
}

export interface MissingRecord {
  key: string;
  /** Systems that hold the record. */
  presentIn: SystemName[];
  /** Systems expected to hold it (some field goes there) that do not. */
  missingIn: SystemName[];
  /** Of `missingIn`, where `--apply` creates it (the mapping's `createIn`); elsewhere ops must act. */
  createdOnApply: SystemName[];
}

/** One field of one record on which the systems disagree with its owner. */
export interface FieldDifference {
  key: string;
  field: string;
  owner: Owner;
  /** The value each system holding the record has (partner-sync = what the rules derived). */
  values: Partial<Record<Owner, unknown>>;
  /** The value every system should hold: the owner's, or what the rules derived (then `byRules`). */
  expected: unknown;
  /** The rules decided the value (DR-4 Expired…), which may be written to the field's owner too. */
  byRules: boolean;
  /** Receivers `--apply` writes the owner's value to. */
  writeTo: SystemName[];
  /** Receivers whose record changed since the last sync (someone edited a field they do not own). */
  editedIn: SystemName[];
}

/** A difference where the owner's record AND a receiver's record both changed since the last sync. */
export interface Conflict extends FieldDifference {
  /** The owner still wins on `--apply`: the receivers' edits in `editedIn` are overwritten. */
  resolution: "owner-wins";
}

export interface QuarantinedRecord {
  key: string;
  system: string;
  stage: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface EntityCounts {
  /** Distinct keys seen in any system (or in quarantine). */
  records: number;
  matched: number;
  missing: number;
  /** Field differences (not counting conflicts). */
  drift: number;
  /** Records with at least one drift field. */
  driftRecords: number;
  conflicts: number;
  quarantined: number;
  /** Record writes `--apply` makes (creates + updates), per planner. */
  plannedWrites: number;
}

export interface EntityReport {
  entity: string;
  counts: EntityCounts;
  /** Keys identical in every system expected to hold them. */
  matched: string[];
  missing: MissingRecord[];
  drift: FieldDifference[];
  conflicts: Conflict[];
  quarantined: QuarantinedRecord[];
}

export interface PolicyItem {
  rule: string;
  code: string;
  severity: FindingSeverity;
  message: string;
  entity: string;
  key: string;
  related: EntityRef[];
}

export interface RuleCount {
  rule: string;
  violation: number;
  action: number;
  "not-checkable": number;
  info: number;
}

export interface PolicySection {
  /** Whether the rules ran (false: the report has no policy findings because decide was not run). */
  evaluated: boolean;
  counts: RuleCount[];
  /** Violations first, then automatic actions, then not-checkable, then info. */
  items: PolicyItem[];
}

export interface ApplyOutcome {
  attempted: number;
  succeeded: number;
  failed: number;
}

export interface ReportTotals extends EntityCounts {
  violations: number;
  actions: number;
}

export interface ReconcileReport {
  header: ReportHeader;
  totals: ReportTotals;
  entities: EntityReport[];
  policy: PolicySection;
  /** Present after `--apply`: how the planned writes went. */
  applied?: ApplyOutcome;
}

/** What a report's one-line summary says: also what a reconcile child's JSON report hands back. */
export type ReportSummary = Pick<ReconcileReport, "totals" | "applied"> & { header: Pick<ReportHeader, "runId"> };

/** True when nothing differs, nothing is missing, quarantined or in violation. */
export function isClean(report: Pick<ReconcileReport, "totals">): boolean {
  const t = report.totals;
  return t.missing + t.drift + t.conflicts + t.quarantined + t.violations === 0;
}
