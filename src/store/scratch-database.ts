// A private temporary SQLite database for one run's working data (the run mirror, the run's
// findings): `new Database("")` keeps its pages in a bounded cache and spills to an anonymous file
// SQLite deletes on close — and the OS reclaims if the process dies. Nothing in it must survive a
// crash, so no journal and no syncs.
import Database from "better-sqlite3";

export function openScratchDatabase(cacheMb: number): Database.Database {
  const db = new Database("");
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma(`cache_size = -${cacheMb * 1024}`);
  return db;
}
