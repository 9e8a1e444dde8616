// A system's small pages gathered into batches the pass handles as one page: the work a pass does once
// per page — by-key reads of counterparts and partners, a round of writes, a checkpoint (a commit that
// waits for the disk) — is then done once per `size` records, not once per system page. Coupa answers
// at most 50 records a page: the banking and invoice passes handled each page of 50 through the whole
// pass (docs/bench.md round 15).
//
// The next pages are read while a batch is handled (read-ahead.ts), up to `size` records. A page that
// carries a watermark (`endsBatch`: a windowed read's last page) ends its batch, so the watermark is
// checkpointed with the records it covers and with nothing read after it.
import { readingAhead } from "./read-ahead.js";

export interface Batching<P> {
  /** Records per batch: a batch closes once it holds at least this many. */
  size: number;
  /** The records of a page. */
  countOf: (page: P) => number;
  /** A page after which nothing may join its batch (it carries the read's watermark). */
  endsBatch: (page: P) => boolean;
  /** Pages, in read order, as one. */
  merge: (pages: readonly P[]) => P;
}

export async function* inBatches<P>(pages: AsyncIterable<P>, b: Batching<P>): AsyncGenerator<P> {
  let batch: P[] = [];
  let count = 0;
  // A caller that stops (a failed batch, a break) closes this generator, and it closes the reader.
  for await (const page of readingAhead(pages, b.size, b.countOf)) {
    batch.push(page);
    count += b.countOf(page);
    if (count >= b.size || b.endsBatch(page)) {
      const out = b.merge(batch);
      batch = [];
      count = 0;
      yield out;
    }
  }
  if (batch.length > 0) yield b.merge(batch);
}
