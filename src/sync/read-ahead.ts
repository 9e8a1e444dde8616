// The pages of one read, handed out in order while the next ones are read in the background: reading
// goes on while the pass works on what it has, until `aheadRecords` records wait (0: a page is read
// only when asked for), so the pass rarely waits for a system and memory stays bounded by that many
// records and one page. A page's records are counted by `sizeOf` (a RecordPage's `records` by default).
import type { RecordPage } from "../connectors/connector.js";

const recordsOf = (p: unknown): number => (p as RecordPage).records.length;

export class ReadAhead<P = RecordPage> {
  private readonly waiting: P[] = [];
  private waitingRecords = 0;
  private inFlight: Promise<void> | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly pages: AsyncIterator<P>,
    private readonly aheadRecords: number,
    private readonly sizeOf: (page: P) => number = recordsOf,
  ) {}

  /** The next page, or undefined once the read is over. A failed read throws here, in order. */
  async next(): Promise<P | undefined> {
    for (;;) {
      const page = this.waiting.shift();
      if (page !== undefined) {
        this.waitingRecords -= this.sizeOf(page);
        this.pump();
        return page;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return undefined;
      this.pump(true);
      await this.inFlight;
    }
  }

  /** Stops reading: waits for a read in flight, then closes the reader as `for await` does. */
  async close(): Promise<void> {
    const finished = this.ended || this.failure !== undefined;
    this.ended = true;
    await this.inFlight;
    if (!finished) await this.pages.return?.().catch(() => undefined);
  }

  /** Starts the next read unless one is in flight, the read is over, or enough waits (`asked`: nothing does). */
  private pump(asked = false): void {
    if (this.inFlight || this.ended || this.failure || (!asked && this.waitingRecords >= this.aheadRecords)) return;
    this.inFlight = this.pages.next().then(
      (step) => {
        this.inFlight = undefined;
        if (step.done) this.ended = true;
        else {
          this.waiting.push(step.value);
          this.waitingRecords += this.sizeOf(step.value);
          this.pump();
        }
      },
      (error: unknown) => {
        this.inFlight = undefined;
        this.failure = { error };
      },
    );
  }
}

/** The pages of `pages`, read ahead by up to `aheadRecords` records (a ReadAhead as an async iterable). */
export async function* readingAhead<P>(pages: AsyncIterable<P>, aheadRecords: number, sizeOf?: (page: P) => number): AsyncGenerator<P> {
  const ahead = new ReadAhead<P>(pages[Symbol.asyncIterator](), aheadRecords, sizeOf);
  try {
    for (;;) {
      const page = await ahead.next();
      if (page === undefined) return;
      yield page;
    }
  } finally {
    await ahead.close();
  }
}
