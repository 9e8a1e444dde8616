// Which positions of a sorted view hold stale rows (versions a later write replaced), counted over
// any stretch of positions in O(log n): a Fenwick tree of 0/1 flags that grows by appending, as the
// view does. What lets a keyset page count the live records past its page without reading them.
export class StaleRows {
  /** 1-based: tree[i] sums the flags of positions (i − lowbit(i), i]. */
  private tree = new Int32Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  /** The next position, stale or live. */
  push(stale: boolean): void {
    const i = ++this.n;
    if (i >= this.tree.length) {
      const grown = new Int32Array(this.tree.length * 2);
      grown.set(this.tree);
      this.tree = grown;
    }
    this.tree[i] = (stale ? 1 : 0) + this.before(i - 1) - this.before(i - (i & -i));
  }

  /** Position `pos` (0-based) went stale; it must have been live. */
  mark(pos: number): void {
    for (let i = pos + 1; i <= this.n; i += i & -i) this.tree[i] = (this.tree[i] as number) + 1;
  }

  /** Stale positions in [from, to). */
  between(from: number, to: number): number {
    return this.before(to) - this.before(from);
  }

  /** Stale positions in [0, k). */
  private before(k: number): number {
    let sum = 0;
    for (let i = k; i > 0; i -= i & -i) sum += this.tree[i] as number;
    return sum;
  }
}
