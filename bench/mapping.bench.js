// `make bench` / `node bench/mapping.bench.js [records]`: the compiled converters of the shipped
// mappings over 100k deal registrations, in-process, for Salesforce (`Deal_Registration__c`, as the REST
// API returns it) and the portal (`Deal_Registration`, camelCased as its responses are): toCanonical,
// toSystem (the canonical values back, with the join's keys and an id resolver) and hashOf.
// Baseline in the same run: a hand-written converter of the same Salesforce fields (same checks that
// matter for speed: picklists, instants parsed, e-mail test, required fields), to show the ratio.
// Records: the demo data set at size 20,000 (docs/default-org.md), repeated to the count.
// Warm-up run, then best of 5. Prints ONE JSON line last (bench/run.js collects it).
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { compileMappings, findConverter } from "../dist/mapping/compile.js";
import { jsonNetCamelCase } from "../dist/mapping/json-net-camel-case.js";
import { loadMappings } from "../dist/mapping/load-mappings.js";
import { generateDemoData } from "../dist/sandbox/demo/generate-demo-data.js";

const count = Number(process.argv[2] ?? 100_000);
const RUNS = 5;

const sources = ["salesforce.yaml", "portal.yaml", "coupa.yaml"].map((f) => ({ path: `mappings/${f}`, text: readFileSync(new URL(`../mappings/${f}`, import.meta.url), "utf8") }));
const loaded = loadMappings(sources);
if (!loaded.ok) throw new Error(`shipped mappings invalid: ${JSON.stringify(loaded.problems)}`);
const converters = compileMappings(loaded.mappings);

const demo = generateDemoData({ size: 20_000, seed: 7 });
const camel = (rec) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [jsonNetCamelCase(k), v]));
const repeat = (records) => Array.from({ length: count }, (_, i) => records[i % records.length]);
const inputs = {
  salesforce: repeat(demo.salesforce.records.Deal_Registration__c),
  portal: repeat(demo.portal.records.Deal_Registration.map(camel)),
};

// The baseline: what a developer would write by hand for the Salesforce shape, without the mapping layer.
const SF_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})\+0000$/;
const instant = (raw) => {
  if (raw == null) return null;
  const m = SF_INSTANT.exec(raw);
  return m === null ? undefined : new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]));
};
const STATUSES = new Set(["Submitted", "Approved", "Rejected", "Expired", "Dissolved"]);
const TIERS = { Starter: "Starter", Bronze: "Bronze", Premium: "Premium", Ultimate: "Ultimate", Silver: "Premium", Gold: "Ultimate" };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function handWritten(r) {
  const status = r.Status__c;
  const submittedAt = instant(r.Submitted_At__c);
  if (!STATUSES.has(status) || !submittedAt || typeof r.Partner_Account__c !== "string") return { ok: false };
  const email = typeof r.Customer_Contact_Email__c === "string" ? r.Customer_Contact_Email__c.trim().toLowerCase() : null;
  const scope = r.Registration_Scope__c;
  return {
    ok: true,
    value: {
      id: r.Portal_Id__c ?? null,
      externalIds: { salesforce: r.Id ?? null, portal: r.Portal_Id__c ?? null, coupa: null, "partner-sync": null },
      partnerId: r.Partner_Account__c, opportunityId: r.Opportunity__c ?? null,
      otherOpportunityIds: typeof r.Additional_Opportunity_Ids__c === "string" ? r.Additional_Opportunity_Ids__c.split(";").map((s) => s.trim()).filter(Boolean) : [],
      accountWide: scope === "Account-wide", program: r.Program__c, dealType: r.Deal_Type__c === "Services Attach" ? null : (r.Deal_Type__c ?? null),
      status, submittedAt, resubmissionOf: r.Resubmission_Of__c ?? null,
      originalApprovedAt: instant(r.Original_Approved_At__c), extendedUntil: instant(r.Extended_Until__c), rejectedAt: instant(r.Rejected_At__c),
      customerName: typeof r.Customer_Name__c === "string" ? r.Customer_Name__c.trim() || null : null,
      customerContactEmail: email !== null && email !== "" && EMAIL.test(email) ? email : null,
      tier: r.Product_Tier__c == null ? null : (TIERS[r.Product_Tier__c] ?? null),
      linkedOpportunityId: r.Linked_Opportunity__c ?? null, linkedRegistrationId: r.Linked_Registration__c ?? null,
      poeStatus: r.POE_Status__c ?? "None", poeApprovedAt: instant(r.POE_Approved_At__c),
      customerChoseOtherReseller: r.Customer_Chose_Other_Reseller__c === true, nextInLine: r.Next_In_Line__c === true,
      derived: { expiresAt: instant(r.Expires_At__c), conflict: r.Conflict__c === true },
    },
  };
}

/** Best-of-RUNS records/s (wall) and main-thread CPU ms of `fn` over `n` records. */
function measure(n, fn) {
  fn(); // warm-up: JIT, inline caches
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const cpu = process.threadCpuUsage();
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
    const used = process.threadCpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  return { perSecond: Math.round((n * 1000) / best), perCpuSecond: Math.round((n * 1000) / bestCpu), ms: Math.round(best), cpuMs: Math.round(bestCpu) };
}

const load = loadavg()[0];
const resolve = (_entity, id) => id; // the join's translation, as cheap as possible: the converter is measured
const results = {};
let sink = 0; // keeps results alive so nothing is optimised away
for (const system of ["salesforce", "portal"]) {
  const conv = findConverter(converters, system, "DealRegistration");
  if (conv === undefined) throw new Error(`no ${system} DealRegistration converter`);
  const records = inputs[system];
  const canonical = records.map((r) => conv.toCanonical(r));
  const bad = canonical.filter((c) => !c.ok).length;
  const values = canonical.filter((c) => c.ok).map((c) => c.value);
  const keys = canonical.filter((c) => c.ok).map((c) => c.keys);
  results[system] = {
    records: records.length,
    badRecords: bad,
    toCanonical: measure(records.length, () => { for (const r of records) sink += conv.toCanonical(r).ok ? 1 : 0; }),
    toSystem: measure(values.length, () => { for (let i = 0; i < values.length; i++) sink += conv.toSystem(values[i], { resolve, keys: keys[i] }).ok ? 1 : 0; }),
    hashOf: measure(values.length, () => { for (const v of values) sink += conv.hashOf(v).length; }),
    toCanonicalAndHashOf: measure(records.length, () => {
      for (const r of records) {
        const c = conv.toCanonical(r);
        if (c.ok) sink += conv.hashOf(c.value).length;
      }
    }),
  };
}
const baseline = measure(inputs.salesforce.length, () => { for (const r of inputs.salesforce) sink += handWritten(r).ok ? 1 : 0; });
// On main-thread CPU: on a shared machine wall time measures the neighbours too.
const ratio = Math.round((baseline.perCpuSecond / results.salesforce.toCanonical.perCpuSecond) * 10) / 10;

const line = (name, m) => `${name.padEnd(30)} ${String(m.perSecond).padStart(8)} records/s wall, ${String(m.perCpuSecond).padStart(8)} per CPU s  (${m.ms} ms wall, ${m.cpuMs} ms main-thread CPU)`;
for (const [system, r] of Object.entries(results)) {
  for (const k of ["toCanonical", "toSystem", "hashOf", "toCanonicalAndHashOf"]) process.stderr.write(`${line(`${system} ${k}`, r[k])}\n`);
}
process.stderr.write(`${line("baseline (hand-written sf)", baseline)}; hand-written is ${ratio}x the sf toCanonical (CPU)\n`);
process.stderr.write(`load ${load.toFixed(2)}; ${sink > 0 ? "" : "(nothing converted?)"}\n`);
const rates = (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "object" ? { wall: v.perSecond, cpu: v.perCpuSecond } : v]));
console.log(JSON.stringify({
  records: count,
  salesforce: rates(results.salesforce),
  portal: rates(results.portal),
  baselineHandWritten: { wall: baseline.perSecond, cpu: baseline.perCpuSecond }, handWrittenOverSalesforceCpu: ratio,
  unit: "records/s (wall) and records per main-thread CPU second", loadAvg1m: Math.round(load * 10) / 10, targets: { toCanonical: 100_000, toCanonicalAndHashOf: 50_000 },
}));
