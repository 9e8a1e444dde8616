// A system's small pages gathered into batches the pass handles as one page: the work a pass does once
// per page — by-key reads of counterparts and partners, a round of writes, a checkpoint (a commit that
// waits for the disk) — is then done once per `size` records, not once per system page. Coupa answers
// at most 50 records a page: the banking and invoice passes handled each page of 50 through the whole
// pass (docs/bench.md round 15).
//
// The next pages are read while a batch is handled (read-ahead.ts), up to `size` records. A page that
// carries a watermark (`coveredUntil`: a windowed read's last page) ends its batch, and the batch
// carries it, so the watermark is checkpointed with the records it covers and nothing read after it.
import { readingAhead } from "./read-ahead.js";

export interface CoveringPage {
  /** The window's end, on the last page of a windowed read. */
  coveredUntil?: Date;
}

/**
 * @param countOf the records of a page
 * @param merge pages, in read order, as one (without `coveredUntil`: the batch takes its last page's)
 */
export async function* inBatches<P extends CoveringPage>(pages: AsyncIterable<P>, size: number, countOf: (page: P) => number, merge: (pages: readonly P[]) => Omit<P, "coveredUntil">): AsyncGenerator<P> {
  let batch: P[] = [];
  let count = 0;
  const merged = (): P => {
    const coveredUntil = batch.at(-1)?.coveredUntil;
    const out = { ...merge(batch), ...(coveredUntil ? { coveredUntil } : {}) } as P;
    batch = [];
    count = 0;
    return out;
  };
  // A caller that stops (a failed batch, a break) closes this generator, and it closes the reader.
  for await (const page of readingAhead(pages, size, countOf)) {
    batch.push(page);
    count += countOf(page);
    if (count >= size || page.coveredUntil !== undefined) yield merged();
  }
  if (batch.length > 0) yield merged();
}
