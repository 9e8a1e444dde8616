// The last step of a pass over one page of records: the outcome of every record, its new
// record_state, its audit rows, its quarantine entry, and the watermark that now covers it — all in
// ONE SQLite transaction. A crash before the commit leaves the previous checkpoint, and the next run
// re-reads (and idempotently re-applies) this page; a crash after it loses nothing.
import type { AuditInput } from "../store/audit.repo.js";
import type { Outcome } from "../store/outcomes.repo.js";
import type { QuarantineInput } from "../store/quarantine.repo.js";
import type { Store } from "../store/store.js";
import { compareIds } from "./decide/world.js";
import type { HeldLease } from "./run-lease.js";

export interface RecordCheckpoint {
  outcome: Omit<Outcome, "runId">;
  /** The hash of the record's mapped fields as the system now holds them (after our write). */
  state?: { hash: string; systemId?: string | null };
  audit?: Omit<AuditInput, "runId">;
  quarantine?: Omit<QuarantineInput, "runId">;
  /** The record went through: its open quarantine entry (if any) is resolved as replayed. */
  resolves?: boolean;
}

export interface WatermarkAdvance {
  system: string;
  object: string;
  /** ISO-8601 instant. Never moves backwards. */
  value: string;
}

/**
 * `intentsDone`: the page's write intents, deleted with the checkpoint (all of its writes were sent).
 * `intentsLeft`: intents rewritten to what is left of them, with the checkpoint of what was done.
 */
export function checkpoint(
  store: Store, lease: HeldLease | undefined, runId: string, records: readonly RecordCheckpoint[], watermarks: readonly WatermarkAdvance[],
  intentsDone: readonly number[] = [], intentsLeft: readonly { id: number; intentJson: string }[] = [],
): void {
  // Checked right before the commit: a process that lost its lease must not write a checkpoint.
  lease?.assertHeld();
  store.transaction(() => {
    const mayResolve = openQuarantine(store, records);
    for (const r of records) {
      store.outcomes.add({ ...r.outcome, runId });
      if (r.audit) store.audit.add({ ...r.audit, runId });
      if (r.quarantine) store.quarantine.put({ ...r.quarantine, runId });
      else if (r.resolves && mayResolve(r.outcome.entity, r.outcome.system)) store.quarantine.resolveRecord(r.outcome.entity, r.outcome.key, r.outcome.system, "replayed");
    }
    // In record_state's key order: each leaf of it is dirtied once, not spilled from the page cache
    // and read back (docs/bench.md round 13: round 12 wrote this helper and never called it).
    for (const r of inKeyOrder(records)) store.recordState.put(r.outcome.entity, r.outcome.key, r.outcome.system, r.state.hash, r.state.systemId ?? null);
    for (const id of intentsDone) store.writeIntents.remove(id);
    for (const i of intentsLeft) store.writeIntents.replace(i.id, i.intentJson);
    for (const w of watermarks) {
      const current = store.watermarks.get(w.system, w.object);
      if (current === undefined || Date.parse(w.value) > Date.parse(current)) store.watermarks.set(w.system, w.object, w.value, runId);
    }
  });
}

/**
 * Whether a record of (entity, system) may have an open quarantine entry to resolve: one was open
 * before this checkpoint, or the checkpoint itself quarantines one. Asked once per pair, not one
 * UPDATE per record: nearly every record of a page resolves, and almost none has an entry.
 */
function openQuarantine(store: Store, records: readonly RecordCheckpoint[]): (entity: string, system: string) => boolean {
  const known = new Map<string, boolean>();
  for (const r of records) if (r.quarantine) known.set(`${r.quarantine.entity}\u0000${r.quarantine.system}`, true);
  return (entity, system) => {
    const pair = `${entity}\u0000${system}`;
    let open = known.get(pair);
    if (open === undefined) known.set(pair, (open = store.quarantine.hasOpen(entity, system)));
    return open;
  };
}

type WithState = RecordCheckpoint & { state: NonNullable<RecordCheckpoint["state"]> };

/** The records with a state, in record_state's primary key order (entity, key, system); stable. */
function inKeyOrder(records: readonly RecordCheckpoint[]): WithState[] {
  const out = records.filter((r): r is WithState => r.state !== undefined);
  return out.sort((a, b) => compareIds(a.outcome.entity, b.outcome.entity) || compareIds(a.outcome.key, b.outcome.key) || compareIds(a.outcome.system, b.outcome.system));
}
