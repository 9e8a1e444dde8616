// Read-only maps the world's indexes are built as without a hash table of every record. A world of
// 100k registrations built `registrationsById` (100k Map.set) and `opportunitiesById` (60k) on every
// pass, and re-inserted every group of `registrationsByOpportunity` to get its keys in order: ≈ 280 ms of
// a 600 ms build on this machine, for maps the deciders look up a few thousand times (docs/decide.md
// "Seventh session"). The world's arrays are already sorted by id, so:
// - `SortedIndex` answers `get` by binary search over the sorted array (nothing built);
// - `GroupIndex` keeps the groups' hash map as grouped and only sorts its keys.
// Both behave as the Map they replace: the last item of an id wins, iteration is in key order.

/** A map from id to item over `items`, sorted by id (code-unit order); found by binary search. */
export class SortedIndex<T extends { readonly id: string }> implements ReadonlyMap<string, T> {
  private distinct: number | undefined;

  constructor(private readonly items: readonly T[]) {}

  /** The index of the LAST item with this id (a Map keeps the last value set), or -1. */
  private indexOf(key: string): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as T).id <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && (this.items[lo - 1] as T).id === key ? lo - 1 : -1;
  }

  get(key: string): T | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.items[i];
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  get size(): number {
    if (this.distinct === undefined) {
      let n = 0;
      for (let i = 0; i < this.items.length; i++) if (i === 0 || (this.items[i] as T).id !== (this.items[i - 1] as T).id) n++;
      this.distinct = n;
    }
    return this.distinct;
  }

  /** Each id once, with its last item, in id order. */
  *entries(): MapIterator<[string, T]> {
    const items = this.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as T;
      if (i + 1 < items.length && (items[i + 1] as T).id === item.id) continue;
      yield [item.id, item];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<T> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }
}

/**
 * Items grouped by a key, iterated in key order (code-unit order): the groups' map stays as grouped
 * (found by hash), and only its keys are sorted — no second map built in order.
 */
export class GroupIndex<T> implements ReadonlyMap<string, readonly T[]> {
  private readonly groups = new Map<string, T[]>();
  private readonly sortedKeys: readonly string[];

  /** `items` in id order: each group keeps it. */
  constructor(items: readonly T[], keyOf: (item: T) => string | null) {
    const groups = this.groups;
    for (const item of items) {
      const key = keyOf(item);
      if (key === null) continue;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [item]);
      else group.push(item);
    }
    // The default sort is code-unit order (compareIds'), native: no JS comparator call per comparison.
    this.sortedKeys = [...groups.keys()].sort();
  }

  get(key: string): readonly T[] | undefined {
    return this.groups.get(key);
  }

  has(key: string): boolean {
    return this.groups.has(key);
  }

  get size(): number {
    return this.sortedKeys.length;
  }

  /** The keys in order (the array itself: do not change it). */
  orderedKeys(): readonly string[] {
    return this.sortedKeys;
  }

  *entries(): MapIterator<[string, readonly T[]]> {
    for (const key of this.sortedKeys) yield [key, this.groups.get(key) as T[]];
  }

  *keys(): MapIterator<string> {
    yield* this.sortedKeys;
  }

  *values(): MapIterator<readonly T[]> {
    for (const key of this.sortedKeys) yield this.groups.get(key) as T[];
  }

  forEach(callback: (value: readonly T[], key: string, map: ReadonlyMap<string, readonly T[]>) => void, thisArg?: unknown): void {
    for (const key of this.sortedKeys) callback.call(thisArg, this.groups.get(key) as T[], key, this);
  }

  [Symbol.iterator](): MapIterator<[string, readonly T[]]> {
    return this.entries();
  }
}
