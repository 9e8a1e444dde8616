// Bench of the portal emulator's list, in process: a sync's read of one large object — keyset pages
// of 500 (`Updated < end` and the anchor `Updated > a or (Updated = a and Id > n)`, order Updated, Id)
// with a few of each page's records written before the next page is read, as the sync does.
// Baseline in the same run: the same pages answered the way the emulator did before its sorted views
// and ranges (every live record sorted, then every one tested), checked page for page against the
// emulator's answer.
// Run: npm run build && node bench/sandbox-portal.bench.js   → one JSON line (BENCH_ROWS, default 50000).
import { buildTables } from "../dist/sandbox/portal/portal-store.js";
import { readListQuery } from "../dist/sandbox/portal/list-query.js";

const N = Number(process.env.BENCH_ROWS ?? 50_000);
const TAKE = 500;
const WRITES_PER_PAGE = 5;
const objects = [{ name: "Account", fields: [
  { name: "Name", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: true },
  { name: "NFR_Seats__cf", dataType: "Integer", isReadOnly: false, isFilterable: true, isRequired: false },
] }];
// One stamp per 20 records: ties across page boundaries, as a bulk load leaves them.
const seed = () => ({ Account: Array.from({ length: N }, (_, i) => ({ Name: `Partner ${i}`, NFR_Seats__cf: i % 7, Updated: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 20) * 60_000).toISOString() })) });
const END = "2026-05-01T00:00:00+00:00";

/** The old way: every live record, sorted by the spec's order, each tested. */
function fullSortAndScan(table, spec) {
  const all = [...table.byId.values()].sort((a, b) => {
    for (const o of spec.order) {
      const x = a[o.field];
      const y = b[o.field];
      const c = x == null || y == null ? (x == null ? (y == null ? 0 : -1) : 1) : x === y ? 0 : x < y ? -1 : 1;
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  });
  const hits = spec.predicate ? all.filter(spec.predicate) : all;
  return { count: hits.length, page: hits.slice(spec.skip, spec.skip + spec.take) };
}

function readObject(list) {
  let clock = Date.parse("2026-06-01T00:00:00Z");
  const table = buildTables(objects, seed(), () => new Date(clock)).get("account");
  let anchor = null;
  let pages = 0;
  let records = 0;
  let ms = 0;
  const ids = [];
  for (;;) {
    const keyset = anchor ? ` and (Updated > '${anchor.updated}' or (Updated = '${anchor.updated}' and Id > ${anchor.id}))` : "";
    const params = new URLSearchParams({ filter: `(Updated < '${END}')${keyset}`, orderby: "Updated asc,Id asc", take: String(TAKE) });
    const t = performance.now();
    const { spec } = readListQuery(table.schema, params, TAKE);
    const { page, count } = list(table, spec);
    ms += performance.now() - t;
    pages++;
    records += page.length;
    ids.push(`${count}: ${page.map((r) => r.Id).join(",")}`); // the count each page answers, and its ids
    if (page.length === 0) break;
    const last = page[page.length - 1];
    anchor = { updated: new Date(last.Updated).toISOString(), id: last.Id };
    // The page's writes (timed apart from the reads: the same in both runs).
    for (let k = 0; k < WRITES_PER_PAGE; k++) table.update(page[(k * 97) % page.length].Id, { NFR_Seats__cf: k });
    clock += 1000;
    if (count <= page.length) break;
  }
  return { pages, records, ms, ids };
}

const emulator = readObject((table, spec) => table.list(spec));
const baseline = readObject(fullSortAndScan);
const same = emulator.ids.length === baseline.ids.length && emulator.ids.every((p, i) => p === baseline.ids[i]);
if (!same) throw new Error("the emulator's pages (or their counts) differ from the full sort and scan's");
const round = (x) => Math.round(x * 100) / 100;
process.stderr.write(`${N} records, ${emulator.pages} keyset pages of ${TAKE}, ${WRITES_PER_PAGE} writes between pages: ` +
  `emulator ${round(emulator.ms / emulator.pages)} ms/page, full sort and scan ${round(baseline.ms / baseline.pages)} ms/page (same pages)\n`);
console.log(JSON.stringify({
  bench: "sandbox-portal", rows: N, pages: emulator.pages, recordsRead: emulator.records,
  msPerPage: round(emulator.ms / emulator.pages), baselineMsPerPage: round(baseline.ms / baseline.pages),
  speedup: round(baseline.ms / emulator.ms), samePages: same,
}));
