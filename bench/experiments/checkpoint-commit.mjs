// Checkpoint-like commits against a store the size a size-100,000 first sync leaves (docs/bench.md
// round 18): record_state holds 650,000 states (325,000 keys × 2 systems), then each "page" is one
// transaction of 2,000 outcome rows and 2,000 record_state upserts at random keys (in key order, as
// checkpoint.ts stores them). Prints the wall and CPU milliseconds a page. The schema is the store's
// own (dist/store/migrations.js); the pragmas are the store's (src/store/store.ts) unless a variant
// changes one. Variants run one after the other in one call, so they share the machine's moment:
//   npm run build && node bench/experiments/checkpoint-commit.mjs base wal10k normal cache16 base wal10k
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS } from "../../dist/store/migrations.js";
import { OutcomesRepo } from "../../dist/store/outcomes.repo.js";
import { RecordStateRepo } from "../../dist/store/record-state.repo.js";

const PAGES = 150;
const VARIANTS = {
  base: [],
  wal10k: ["wal_autocheckpoint = 10000"],
  normal: ["synchronous = NORMAL"],
  cache16: ["cache_size = -16384"],
};

function run(variant) {
  const extra = VARIANTS[variant];
  if (!extra) throw new Error(`unknown variant ${variant}: ${Object.keys(VARIANTS).join(", ")}`);
  const dir = mkdtempSync(join(tmpdir(), "checkpoint-commit-"));
  const db = new Database(join(dir, "store.db"));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("cache_size = -4096");
    for (const p of extra) db.pragma(p);
    for (const m of MIGRATIONS) db.exec(m.sql);
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const key = () => String(Math.floor(random() * 1e9));
    const hash = () => Math.floor(random() * 1e16).toString(36).padEnd(22, "x");
    const now = new Date().toISOString();
    // The store's own statements (its repositories), on this connection and its pragmas.
    const states = new RecordStateRepo(db, () => now);
    const outcomes = new OutcomesRepo(db, () => now);
    const entities = ["DealRegistration", "Prospect", "Partner", "PartnerPerson", "Opportunity"];
    db.pragma("foreign_keys = OFF"); // outcomes name a run this script never makes
    const fill = db.transaction((n) => {
      for (let i = 0; i < n; i++) {
        const k = key();
        const e = entities[i % entities.length];
        states.put(e, k, "portal", hash(), `a${k.padStart(17, "0")}`);
        states.put(e, k, "salesforce", hash(), `S${k.padStart(17, "0")}`);
      }
    });
    for (let i = 0; i < 65; i++) fill(5_000);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const page = db.transaction(() => {
      const keys = Array.from({ length: 2_000 }, key).sort();
      for (const k of keys) outcomes.add({ runId: "r", entity: "DealRegistration", key: k, system: "portal", action: "skip", result: "ok" });
      for (const k of keys) states.put("DealRegistration", k, "portal", hash(), `a${k.padStart(17, "0")}`);
    });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < PAGES; i++) page();
    const cpu = process.cpuUsage(c0);
    console.log(`${variant}: ${((performance.now() - t0) / PAGES).toFixed(1)} ms a page (CPU user ${(cpu.user / 1e3 / PAGES).toFixed(1)}, system ${(cpu.system / 1e3 / PAGES).toFixed(1)} ms)`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const v of process.argv.slice(2).length ? process.argv.slice(2) : ["base", "wal10k"]) run(v);
