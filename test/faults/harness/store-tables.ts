// Reads the checkpoint store file as it is on disk, table by table, to compare it before and after a
// run (a dry run must leave it unchanged) and to read watermarks and per-record outcomes. Test code
// reads the raw tables on purpose: the point is what the file holds, not what the repos make of it.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";

export type StoreTables = Record<string, unknown[]>;

export function readStoreTables(path: string): StoreTables {
  if (!existsSync(path)) return {};
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    // Sorted by content: the comparison is of what is stored, not of the order SQLite returns it in.
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort().map((j) => JSON.parse(j) as unknown)]));
  } finally {
    db.close();
  }
}

export interface WatermarkRow {
  system: string;
  object: string;
  value: string;
}

export function watermarksOf(tables: StoreTables): WatermarkRow[] {
  return ((tables.watermarks ?? []) as WatermarkRow[]).map(({ system, object, value }) => ({ system, object, value }));
}

/**
 * A SIGKILLed run keeps its lease until the lease's TTL runs out (by design: another host cannot tell
 * a dead holder from a slow one), so the re-run waits for that instant — read from the store, not guessed.
 */
export async function waitForLeaseExpiry(path: string): Promise<number> {
  const leases = (readStoreTables(path).leases ?? []) as { expires_at: number }[];
  const wait = Math.max(0, ...leases.map((l) => l.expires_at - Date.now() + 50));
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return wait;
}
