// Open query cursors. A query's ordered result set is computed once and kept under its locator, so
// a page costs a slice, not a re-sort, and the pages of one query never overlap or skip a row even
// when writes or ties on the sort key happen between pages. Like Salesforce, a user holds at most
// 10 cursors (the oldest is dropped) and an idle cursor expires after 15 minutes.
import { randomBytes } from "node:crypto";
import type { Clock, JsonRecord } from "../contracts.js";

export interface Cursor {
  sobject: string;
  fields: string[];
  rows: JsonRecord[];
  pageSize: number;
  lastUsedMs: number;
}

const MAX_OPEN = 10;
const IDLE_MS = 15 * 60_000;

export class QueryCursors {
  private readonly open = new Map<string, Cursor>();

  constructor(private readonly clock: Clock) {}

  add(cursor: Omit<Cursor, "lastUsedMs">): string {
    const locator = `01g5g${randomBytes(8).toString("hex").slice(0, 10)}AAA`;
    this.open.set(locator, { ...cursor, lastUsedMs: this.clock().getTime() });
    while (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    return locator;
  }

  /** The cursor, or undefined when the locator is unknown, exhausted or expired. */
  get(locator: string): Cursor | undefined {
    const c = this.open.get(locator);
    const now = this.clock().getTime();
    if (!c) return undefined;
    if (now - c.lastUsedMs > IDLE_MS) {
      this.open.delete(locator);
      return undefined;
    }
    c.lastUsedMs = now;
    return c;
  }

  close(locator: string): void {
    this.open.delete(locator);
  }

  /** Test hook: every open locator becomes stale. */
  expireAll(): void {
    this.open.clear();
  }
}
