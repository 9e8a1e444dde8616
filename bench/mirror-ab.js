// Paired A/B of the run mirror (src/store/run-mirror.ts): two builds of dist/, each in its own process,
// run in alternation, the same synthetic object copied and then looked up 200 values at a time (by Id
// and by an external id, every tenth lookup after a batch of the run's own writes, as a first sync does).
// `node bench/mirror-ab.js BASE_DIST [records] [lookups] [rounds]`: BASE_DIST is another build's dist/
// (e.g. `git archive REV | tar -x -C /tmp/base`, link node_modules, build there); the other is this
// checkout's dist/. Prints per build the median of `rounds` (default 3): copy, first index, lookups
// (ms a lookup) and the re-reads of written records. Not part of `make bench` (it needs a second build).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const OBJECT = "Deal_Registration__c";

/** One measurement of the mirror of `dist` (run in a child process): prints one JSON line. */
async function measureOne(dist, n, lookups) {
  const { RunMirror } = await import(`${pathToFileURL(resolve(dist)).href}/store/run-mirror.js`);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const rec = (i) => ({
    Id: `a0X${String(i).padStart(12, "0")}`, Portal_Id__c: `DR-${i}`, Name: `Registration ${i}`, Partner__c: `001${i % 20000}`,
    Status__c: ["Approved", "Submitted", "Rejected"][i % 3], Amount__c: i * 13.5, Close_Date__c: "2026-10-01",
    Customer_Name__c: `Customer number ${i % 5000} Incorporated`, Contact_Email__c: `buyer${i}@example.com`, Tier__c: "Ultimate",
    Program__c: "Standard", Expires__c: "2026-12-31T00:00:00.000Z", SystemModstamp: "2026-11-30T10:00:00.000Z", Notes__c: "x".repeat(60),
  });
  const fields = Object.keys(rec(0));
  const indexOf = (id) => Number(id.slice(3));
  const source = {
    salesforce: {
      async *readAll() {
        for (let i = 0; i < n; i += 2000) yield { records: Array.from({ length: Math.min(2000, n - i) }, (_, k) => rec(i + k)) };
      },
      async readByKeys(_object, _field, values) {
        return values.map((v) => rec(indexOf(v)));
      },
    },
  };
  const mirror = new RunMirror(source, () => fields);
  const time = async (f) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const copyMs = await time(() => mirror.lookup("salesforce", OBJECT, "Portal_Id__c", ["DR-1"], fields));
  const indexMs = await time(() => mirror.lookup("salesforce", OBJECT, "Id", ["x"], fields));
  let found = 0;
  let lookupMs = 0;
  let rereadMs = 0;
  for (let l = 0; l < lookups; l++) {
    const byId = l % 2 === 0;
    const picks = Array.from({ length: 200 }, () => Math.floor(rand() * n));
    const values = picks.map((i) => (byId ? rec(i).Id : `DR-${i}`));
    if (l % 10 === 9) {
      // The run wrote 50 records: the next lookup reads them again first; timed apart.
      mirror.wrote("salesforce", OBJECT, "Id", picks.slice(0, 50).map((i) => rec(i).Id));
      rereadMs += await time(() => mirror.lookup("salesforce", OBJECT, "Id", [], fields));
    }
    lookupMs += await time(async () => {
      found += (await mirror.lookup("salesforce", OBJECT, byId ? "Id" : "Portal_Id__c", values, fields)).length;
    });
  }
  mirror.close();
  console.log(JSON.stringify({ copyMs, indexMs, lookupMs, msPerLookup: lookupMs / lookups, rereadMs, found }));
}

const [first, ...rest] = process.argv.slice(2);
if (first === "--one") {
  await measureOne(rest[0], Number(rest[1]), Number(rest[2]));
} else {
  if (!first) throw new Error("usage: node bench/mirror-ab.js BASE_DIST [records] [lookups] [rounds]");
  const [n = "300000", lookups = "1000", rounds = "3"] = rest;
  const builds = { base: resolve(first), this: fileURLToPath(new URL("../dist", import.meta.url)) };
  const runs = { base: [], this: [] };
  for (let r = 0; r < Number(rounds); r++) {
    for (const name of r % 2 ? ["this", "base"] : ["base", "this"]) {
      const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--one", builds[name], n, lookups], { encoding: "utf8" });
      if (p.status !== 0) throw new Error(`${name}: exit ${p.status}\n${p.stderr}`);
      runs[name].push(JSON.parse(p.stdout.trim().split("\n").pop()));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const [name, rs] of Object.entries(runs)) {
    const m = (k) => Math.round(median(rs.map((x) => x[k])) * 1000) / 1000;
    console.log(`${name.padEnd(4)} ${builds[name]}: ${n} records, ${lookups} lookups of 200 values; median of ${rs.length}: copy ${m("copyMs")} ms, first index ${m("indexMs")} ms, lookups ${m("lookupMs")} ms (${m("msPerLookup")} ms each), re-reads ${m("rereadMs")} ms; found ${rs[0].found}`);
  }
  if (runs.base[0].found !== runs.this[0].found) throw new Error(`the builds found different records: ${runs.base[0].found} against ${runs.this[0].found}`);
}
