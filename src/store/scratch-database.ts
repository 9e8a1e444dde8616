// A private temporary SQLite database for one run's working data (the run mirror, the run's
// findings): `new Database("")` keeps its pages in a bounded cache and spills to an anonymous file
// SQLite deletes on close — and the OS reclaims if the process dies. Nothing in it must survive a
// crash, so no syncs. SQLite keeps a rollback journal for it all the same: `journal_mode = OFF` is
// refused for a temporary database (the pragma answers "delete"; test/store/scratch-database.test.ts
// pins it), so each transaction's changed pages are copied to a second anonymous file. MEMORY would
// keep that copy in the process's memory instead: one size-100,000 pair gave 155.7 s against
// 159.2 s and 9 MB more peak RSS (docs/bench.md round 13), not taken.
import Database from "better-sqlite3";

export function openScratchDatabase(cacheMb: number): Database.Database {
  const db = new Database("");
  db.pragma("synchronous = OFF");
  db.pragma(`cache_size = -${cacheMb * 1024}`);
  return db;
}
