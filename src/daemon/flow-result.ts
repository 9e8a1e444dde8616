// What one scheduled or triggered run of a flow came to, as the scheduler, /healthz and /metrics see
// it: its run id, how it ended, a stable error code to alert and search on, and its record counts.
import { ConnectorError } from "../connectors/shared/connector-error.js";
import { isPartnerSyncError } from "../errors.js";
import type { Schedule } from "./schedule.schema.js";

/** `skipped`: another holder had the flow's lease (another process runs it); no run happened. */
export type FlowStatus = "succeeded" | "quarantined" | "failed" | "aborted" | "skipped";

export interface RecordCounts {
  entity: string;
  read: number;
  quarantined: number;
  /** Records written, per system written to. */
  written: Record<string, number>;
}

export interface FlowResult {
  runId: string | null;
  status: FlowStatus;
  error: string | null;
  /** A PS_E_* code, or the daemon's own for what the engine reports without one (docs/daemon.md). */
  errorCode: string | null;
  records: RecordCounts[];
  /** reconcile: the report's totals (records, matched, missing, drift, conflicts…). */
  totals?: Record<string, number>;
}

export interface RunHooks {
  /** Told the run's id as soon as it exists (the trigger endpoint answers with it). */
  onRunId(runId: string): void;
  /**
   * Aborted when the daemon stops and the grace period is over, as the flow's lease is taken back: a
   * run in this process stops at its next checkpoint, a flow running a child process ends it.
   */
  stop: AbortSignal;
}

/** Runs one flow to its end. Never the place to decide about leases held elsewhere: it reports `skipped`. */
export type FlowRunner = (name: string, schedule: Schedule, hooks: RunHooks) => Promise<FlowResult>;

/** A stable code for an error thrown out of a run. */
export function errorCodeOf(e: unknown): string {
  if (isPartnerSyncError(e)) return e.code;
  if (e instanceof ConnectorError) return `CONNECTOR_${e.kind.toUpperCase().replace(/-/g, "_")}`;
  return "UNEXPECTED";
}

export function failed(runId: string | null, e: unknown): FlowResult {
  return { runId, status: "failed", error: e instanceof Error ? e.message : String(e), errorCode: errorCodeOf(e), records: [] };
}
