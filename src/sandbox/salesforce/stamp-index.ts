// A sorted index on one datetime field (SystemModstamp) for range predicates: entries (value, row
// position) sorted by value, searched by binary search. Values are canonical UTC strings, so string
// order is instant order. Writes mostly stamp "now", which sorts last: new entries wait in an
// unsorted tail that the next read sorts and appends (or merges, when a backdated row sorts
// earlier). An update leaves its old entry behind as stale — a read skips an entry whose row no
// longer holds that value — and the array is compacted once stale entries outnumber live ones:
// amortized O(1) per write instead of an O(n) splice.

interface Entry {
  v: string;
  p: number;
}

const byValue = (a: Entry, b: Entry): number => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0);

export class StampIndex {
  private sorted: Entry[] = [];
  private pending: Entry[] = [];
  private stale = 0;

  /** `current(p)`: the value row `p` holds now (an entry is live only while they agree). */
  constructor(private readonly current: (position: number) => unknown) {}

  add(value: unknown, position: number): void {
    // A row without a datetime here can match no range predicate (the evaluator reads it as null).
    if (typeof value === "string") this.pending.push({ v: value, p: position });
  }

  move(before: unknown, after: unknown, position: number): void {
    if (before === after) return;
    if (typeof before === "string") this.stale++;
    this.add(after, position);
  }

  /** Entries with `lo <= value <= hi` (either bound optional), stale ones included: an upper bound. */
  count(lo: string | undefined, hi: string | undefined): number {
    this.settle();
    return Math.max(0, this.upper(hi) - this.lower(lo));
  }

  /** Pushes the positions of rows whose value is in `[lo, hi]`, in value order; a position may repeat. */
  collect(lo: string | undefined, hi: string | undefined, out: number[]): void {
    this.settle();
    const end = this.upper(hi);
    for (let i = this.lower(lo); i < end; i++) {
      const e = this.sorted[i]!;
      if (this.current(e.p) === e.v) out.push(e.p);
    }
  }

  private settle(): void {
    if (this.pending.length > 0) {
      const tail = this.pending.sort(byValue);
      this.pending = [];
      const last = this.sorted[this.sorted.length - 1];
      if (!last || tail[0]!.v >= last.v) {
        for (const e of tail) this.sorted.push(e);
      } else {
        this.sorted = merge(this.sorted, tail);
      }
    }
    if (this.stale * 2 > this.sorted.length) this.compact();
  }

  /** Drops stale entries, and the duplicates a row leaves when it returns to an earlier value. */
  private compact(): void {
    const seen = new Set<number>();
    this.sorted = this.sorted.filter((e) => {
      if (this.current(e.p) !== e.v || seen.has(e.p)) return false;
      seen.add(e.p);
      return true;
    });
    this.stale = 0;
  }

  /** First index whose value is >= lo. */
  private lower(lo: string | undefined): number {
    if (lo === undefined) return 0;
    let a = 0;
    let b = this.sorted.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.sorted[m]!.v < lo) a = m + 1;
      else b = m;
    }
    return a;
  }

  /** First index whose value is > hi. */
  private upper(hi: string | undefined): number {
    if (hi === undefined) return this.sorted.length;
    let a = 0;
    let b = this.sorted.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.sorted[m]!.v <= hi) a = m + 1;
      else b = m;
    }
    return a;
  }
}

function merge(a: Entry[], b: Entry[]): Entry[] {
  const out: Entry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.v <= b[j]!.v ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
