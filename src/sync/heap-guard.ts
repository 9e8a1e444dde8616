// A run that must hold everything it reads (a reconcile compares every record of every system) stops
// with a clear error when the heap fills up, instead of V8's "heap out of memory" abort — which takes
// the daemon down with it and tells partner ops nothing. Checked after each page read: above `share`
// of the heap bound, old space has been collected repeatedly already (V8 marks well before the
// limit), so what is used is alive and the run would not finish.
import { getHeapStatistics } from "node:v8";
import { PartnerSyncError } from "../errors.js";

const MB = 2 ** 20;

export function assertHeapRoom(what: string, share = 0.8, stats: () => { used_heap_size: number; heap_size_limit: number } = getHeapStatistics): void {
  const { used_heap_size: used, heap_size_limit: limit } = stats();
  if (used <= limit * share) return;
  throw new PartnerSyncError(
    "PS_E_HEAP_TOO_SMALL",
    `${what}: the heap holds ${Math.round(used / MB)} MB of its ${Math.round(limit / MB)} MB bound, and this run keeps everything it reads. ` +
      "Give it a larger heap: reconcile.heapMb (config file, or PARTNER_SYNC_RECONCILE_HEAP_MB), the heap the CLI and the daemon start a reconcile with — about 2,700 MB for 557,000 records (README \"Memory bounds\")",
    { details: { usedMb: Math.round(used / MB), limitMb: Math.round(limit / MB) } },
  );
}
