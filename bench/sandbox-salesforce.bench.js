// Bench of the Salesforce emulator over a real loopback port: paging through 100k rows with
// nextRecordsUrl (rows/s), and a collections upsert of 100k records in chunks of 200 (records/s).
// Then, in process, the selective queries the sync engine makes (200-key `IN` lookups on an
// external id, SystemModstamp windows) over 100k rows, through the indexes and through a forced
// scan of the same store, with the ratio.
// Run: npm run build && node bench/sandbox-salesforce.bench.js   → one JSON line.
import { createServer } from "node:http";
import { getResponse } from "msw";
import { createSalesforceEmulator } from "../dist/sandbox/salesforce/index.js";
import { runQuery } from "../dist/sandbox/salesforce/soql-eval.js";
import { parseSoql } from "../dist/sandbox/salesforce/soql-parser.js";
import { SfStore } from "../dist/sandbox/salesforce/store.js";

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const VERSION = "v62.0";

const describes = [
  {
    name: "Account",
    custom: false,
    fields: [
      { name: "Name", type: "string", length: 80, nillable: false, createable: true, updateable: true, filterable: true, externalId: false, unique: false },
      { name: "Portal_Id__c", type: "string", length: 40, nillable: true, createable: true, updateable: true, filterable: true, externalId: true, unique: true },
      { name: "Industry", type: "picklist", length: 40, nillable: true, createable: true, updateable: true, filterable: true, externalId: false, unique: false, picklistValues: [{ value: "Tech", active: true }, { value: "Retail", active: true }] },
      { name: "AnnualRevenue", type: "currency", nillable: true, createable: true, updateable: true, filterable: true, externalId: false, unique: false },
      { name: "Partner__c", type: "boolean", nillable: false, createable: true, updateable: true, filterable: true, externalId: false, unique: false },
    ],
  },
];

const seedRows = Array.from({ length: N }, (_, i) => ({
  Name: `Acme ${i}`,
  Portal_Id__c: `A-${i}`,
  Industry: i % 2 ? "Tech" : "Retail",
  AnnualRevenue: i,
  Partner__c: i % 3 === 0,
  // one stamp for every 1000 rows: plenty of ties across page boundaries
  SystemModstamp: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 1000) * 1000).toISOString(),
}));


const emu = createSalesforceEmulator({
  seed: { describes, records: { Account: seedRows } },
  credentials: { clientId: "c", clientSecret: "s", username: "u", publicKeyPem: "", privateKeyPem: "", refreshToken: "r" },
  clock: () => new Date(),
});

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const request = new Request(`http://127.0.0.1:${server.address().port}${req.url}`, { method: req.method, headers, ...(body ? { body } : {}) });
  const response = await getResponse(emu.handlers, request);
  if (!response) return void res.writeHead(404).end();
  res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const auth = { authorization: `Bearer ${emu.issueAccessToken()}` };

async function getJson(path) {
  const res = await fetch(base + path, { headers: auth });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

// 1) paging: ORDER BY SystemModstamp, Id over N rows, following nextRecordsUrl
let t0 = performance.now();
const soql = "SELECT Id, Name, Portal_Id__c, Industry, AnnualRevenue, SystemModstamp FROM Account WHERE SystemModstamp >= 2025-01-01T00:00:00Z ORDER BY SystemModstamp, Id";
let page = await getJson(`/services/data/${VERSION}/query?q=${encodeURIComponent(soql)}`);
let read = page.records.length;
let pages = 1;
while (!page.done) {
  page = await getJson(page.nextRecordsUrl);
  read += page.records.length;
  pages++;
}
const pagingMs = performance.now() - t0;
if (read !== N) throw new Error(`paged ${read} rows, expected ${N}`);

// 2) collections upsert: N records (half updates of seeded rows, half creates) in chunks of 200
t0 = performance.now();
let upserted = 0;
for (let start = 0; start < N; start += 200) {
  const records = [];
  for (let i = start; i < Math.min(N, start + 200); i++) {
    const key = i % 2 ? `A-${i}` : `NEW-${i}`;
    records.push({ attributes: { type: "Account" }, Portal_Id__c: key, Name: `Partner ${i}`, Industry: "Tech", AnnualRevenue: i * 2 });
  }
  const res = await fetch(`${base}/services/data/${VERSION}/composite/sobjects/Account/Portal_Id__c`, {
    method: "PATCH",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ allOrNone: false, records }),
  });
  const results = await res.json();
  for (const r of results) if (!r.success) throw new Error(JSON.stringify(r));
  upserted += results.length;
}
const upsertMs = performance.now() - t0;
server.close();

// Baseline in the same run: a bare node:http server that serves the same pages pre-serialized and
// answers upserts by parsing the body and returning ready-made results — the cost of HTTP and JSON
// on this machine with no emulation at all. The ratios say how much the emulator adds to it.
const pageSize = 2000;
const bodies = [];
for (let p = 0; p * pageSize < N; p++) {
  const rows = seedRows.slice(p * pageSize, (p + 1) * pageSize).map((r, i) => ({ attributes: { type: "Account", url: `/services/data/${VERSION}/sobjects/Account/001${p}${i}` }, Id: `001${p}x${i}`, ...r }));
  const done = (p + 1) * pageSize >= N;
  bodies.push(JSON.stringify({ totalSize: N, done, ...(done ? {} : { nextRecordsUrl: `/page/${p + 1}` }), records: rows }));
}
const okResults = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: `001000000000${i}AAA`, success: true, created: false, errors: [] })));
const bare = createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  if (req.method === "PATCH") {
    JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return void res.writeHead(200, { "content-type": "application/json" }).end(okResults);
  }
  const p = Number(req.url.split("/").pop()) || 0;
  res.writeHead(200, { "content-type": "application/json" }).end(bodies[p]);
});
await new Promise((r) => bare.listen(0, "127.0.0.1", r));
const bareBase = `http://127.0.0.1:${bare.address().port}`;
t0 = performance.now();
let next = "/page/0";
while (next) {
  const body = await (await fetch(bareBase + next)).json();
  next = body.nextRecordsUrl;
}
const basePagingMs = performance.now() - t0;
t0 = performance.now();
for (let start = 0; start < N; start += 200) {
  const records = [];
  for (let i = start; i < Math.min(N, start + 200); i++) records.push({ attributes: { type: "Account" }, Portal_Id__c: `A-${i}`, Name: `Partner ${i}`, Industry: "Tech", AnnualRevenue: i * 2 });
  await (await fetch(`${bareBase}/upsert`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ allOrNone: false, records }) })).json();
}
const baseUpsertMs = performance.now() - t0;
bare.close();

// 3) selective queries over a fresh store of the same N rows, indexed vs forced scan. The scan
// path runs fewer queries (each costs a pass over every row); the figures are per query.
const store = SfStore.seeded({ describes, records: { Account: seedRows } }, () => new Date());
let lcg = 12345;
const rand = () => (lcg = (lcg * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const LOOKUPS = 1000;
const SCAN_QUERIES = Number(process.env.BENCH_SCAN_QUERIES ?? 20);
const lookups = Array.from({ length: LOOKUPS }, () => {
  const keys = Array.from({ length: 200 }, () => `'A-${Math.floor(rand() * N)}'`);
  return `SELECT Id, Name, Portal_Id__c FROM Account WHERE Portal_Id__c IN (${keys.join(", ")})`;
});
// windows of 2 stamps = 2 000 rows (1 000 rows per stamp), as the engine reads a SystemModstamp window
const windows = Array.from({ length: 50 }, (_, i) => {
  const from = new Date(Date.UTC(2026, 0, 1) + ((i * 7) % 98) * 1000).toISOString();
  const to = new Date(Date.UTC(2026, 0, 1) + (((i * 7) % 98) + 2) * 1000).toISOString();
  return `SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp >= ${from} AND SystemModstamp < ${to} ORDER BY SystemModstamp, Id`;
});

function timeQueries(list, scan) {
  const t = performance.now();
  let rows = 0;
  for (const soql of list) {
    const r = runQuery(store, parseSoql(soql), { includeDeleted: false, scan });
    if (!scan && r.access.kind !== "index") throw new Error(`not indexed: ${soql.slice(0, 80)}`);
    rows += r.rows.length;
  }
  return { perQueryMs: (performance.now() - t) / list.length, rows };
}

// the first range read sorts the SystemModstamp index (built lazily: seeds arrive in any order)
t0 = performance.now();
timeQueries(windows.slice(0, 1), false);
const stampIndexFirstReadMs = performance.now() - t0;
const lookupIx = timeQueries(lookups, false);
const lookupScan = timeQueries(lookups.slice(0, SCAN_QUERIES), true);
const windowIx = timeQueries(windows, false);
const windowScan = timeQueries(windows.slice(0, SCAN_QUERIES), true);
if (windowIx.rows !== windows.length * 2000) throw new Error(`windows read ${windowIx.rows} rows`);
// same rows both ways on the queries both paths ran
if (timeQueries(lookups.slice(0, SCAN_QUERIES), false).rows !== lookupScan.rows) throw new Error("lookup results differ");
if (timeQueries(windows.slice(0, SCAN_QUERIES), false).rows !== windowScan.rows) throw new Error("window results differ");
const ms = (x) => Math.round(x * 100) / 100;

console.log(
  JSON.stringify({
    bench: "sandbox-salesforce",
    rows: N,
    pages,
    pagingMs: Math.round(pagingMs),
    pagedRowsPerSec: Math.round(N / (pagingMs / 1000)),
    upserted,
    upsertMs: Math.round(upsertMs),
    upsertedRecordsPerSec: Math.round(upserted / (upsertMs / 1000)),
    baselinePagingMs: Math.round(basePagingMs),
    pagingVsBareHttp: Math.round((pagingMs / basePagingMs) * 10) / 10,
    baselineUpsertMs: Math.round(baseUpsertMs),
    upsertVsBareHttp: Math.round((upsertMs / baseUpsertMs) * 10) / 10,
    lookups200KeysIndexedMs: ms(lookupIx.perQueryMs),
    lookups200KeysScanMs: ms(lookupScan.perQueryMs),
    lookupScanVsIndexed: Math.round(lookupScan.perQueryMs / lookupIx.perQueryMs),
    window2000IndexedMs: ms(windowIx.perQueryMs),
    window2000ScanMs: ms(windowScan.perQueryMs),
    windowScanVsIndexed: Math.round(windowScan.perQueryMs / windowIx.perQueryMs),
    stampIndexFirstReadMs: Math.round(stampIndexFirstReadMs),
  }),
);
