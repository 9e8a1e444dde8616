// What the sync engine needs of a system, and nothing more. Each connector (salesforce, portal,
// coupa) implements it; the engine never sees jsforce, axios or a URL.
import type { JsonRecord, SystemName } from "../sandbox/contracts.js";

/** A half-open window of modification instants, [start, end). start null = from the beginning. */
export interface ReadWindow {
  start: Date | null;
  end: Date;
}

/** One page of records as the system returned them (its own API representation). */
export interface RecordPage {
  records: JsonRecord[];
  /**
   * The greatest modification instant a watermark may advance to once every record of this and
   * earlier pages is handled (the window's end after the last page).
   */
  coveredUntil?: Date;
}

export interface WriteRecord {
  /** The value of the object's external-id/key field; results are matched by it. */
  key: string;
  fields: JsonRecord;
}

export interface WriteResult {
  key: string;
  ok: boolean;
  /** The system's id of the written record. */
  id?: string;
  created?: boolean;
  error?: { code: string; message: string; fields?: string[]; retryable: boolean };
}

export interface ReadOptions {
  fields: readonly string[];
  /** A row filter in the system's own language (SOQL WHERE, portal filter, Coupa params). */
  where?: string;
  signal?: AbortSignal;
}

export interface Connector {
  readonly system: SystemName;
  /** Records modified within the window, streamed page by page, each record exactly once. */
  readChanged(object: string, window: ReadWindow, options: ReadOptions): AsyncIterable<RecordPage>;
  /** Every record (full reconcile). */
  readAll(object: string, options: ReadOptions): AsyncIterable<RecordPage>;
  /**
   * Idempotent writes keyed by an external id: results in the order of `records`, one per record;
   * a refused record is a result with `ok: false`, never an exception. Exceptions are for the run
   * (network after retries, auth, budget).
   */
  upsert(object: string, keyField: string, records: readonly WriteRecord[]): Promise<WriteResult[]>;
  /** The `Date` of the system's latest answer (its clock, to the second); undefined before any or without one. */
  serverDate?(): Date | undefined;
}

/** An HTTP `Date` header as an instant, or undefined when absent or unreadable. */
export function httpDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
