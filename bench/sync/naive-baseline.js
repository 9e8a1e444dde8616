// The naive baseline of the sync bench: what a first integration would do — read the portal's deal
// registrations, map each with the same compiled mappings the engine uses (portal → canonical →
// Salesforce), and write it with ONE jsforce upsert per record (`conn.sobject(X).upsert(record,
// extIdField)`), one after the other. Run on a sample, extrapolated by the bench.
//
// Kind to the baseline on purpose (so the ratio is not flattered): references are resolved from maps
// preloaded once (Account and Deal_Registration__c ids by Portal_Id__c, query pages of 2000), not
// looked up per record; the preload is reported separately and counted once, not per record.
import { readFileSync } from "node:fs";
import jsforce from "jsforce";
import { compileMappings } from "../../dist/mapping/compile.js";
import { jsonNetCamelCase } from "../../dist/mapping/json-net-camel-case.js";
import { loadMappings } from "../../dist/mapping/load-mappings.js";

const MAPPING_FILES = ["salesforce.yaml", "portal.yaml", "coupa.yaml"];

function converters() {
  const sources = MAPPING_FILES.map((f) => ({ path: `mappings/${f}`, text: readFileSync(new URL(`../../mappings/${f}`, import.meta.url), "utf8") }));
  const loaded = loadMappings(sources);
  if (!loaded.ok) throw new Error(`shipped mappings invalid: ${JSON.stringify(loaded.problems).slice(0, 500)}`);
  const all = compileMappings(loaded.mappings);
  const find = (system, entity) => all.find((c) => c.system === system && c.entity === entity);
  return { portal: find("portal", "DealRegistration"), salesforce: find("salesforce", "DealRegistration") };
}

async function sfConnection(sf) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: sf.auth.clientId, client_secret: readFileSync(sf.auth.clientSecretFile, "utf8").trim() });
  const res = await fetch(`${sf.loginUrl}/services/oauth2/token`, { method: "POST", body: form });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  const token = await res.json();
  return new jsforce.Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: sf.apiVersion });
}

async function idMap(conn, object) {
  const map = new Map();
  let page = await conn.query(`SELECT Id, Portal_Id__c FROM ${object} WHERE Portal_Id__c != null`);
  for (;;) {
    for (const r of page.records) map.set(r.Portal_Id__c, r.Id);
    if (page.done) break;
    page = await conn.queryMore(page.nextRecordsUrl);
  }
  return map;
}

async function portalSample(portal, fields, count) {
  const headers = { authorization: `prm-key ${readFileSync(portal.apiKeyFile, "utf8").trim()}`, "x-prm-tenantid": String(portal.tenantId) };
  const pascal = new Map(fields.map((f) => [jsonNetCamelCase(f), f]));
  const out = [];
  while (out.length < count) {
    const qs = new URLSearchParams({ fields: fields.join(","), orderby: "Id asc", skip: String(out.length), take: String(Math.min(1000, count - out.length)) });
    const res = await fetch(`${portal.baseUrl}/api/objects/v1/Deal_Registration?${qs}`, { headers });
    if (!res.ok) throw new Error(`portal list: ${res.status} ${await res.text()}`);
    const { data } = await res.json();
    if (data.results.length === 0) break;
    // responses are camelCased (Json.NET style); the mappings name the PascalCase fields
    for (const r of data.results) out.push(Object.fromEntries(Object.entries(r).map(([k, v]) => [pascal.get(k) ?? k, v])));
  }
  return out;
}

/**
 * Upserts `sampleSize` portal deal registrations into Salesforce one call each. Returns timings (ms)
 * of the preload and of the sample (portal read + map + upserts), and outcome counts. `afterPreload`
 * runs between the two (the bench reads the sandbox's call counts there).
 */
export async function runNaiveSample(config, sampleSize, { afterPreload = async () => {} } = {}) {
  const conv = converters();
  const t0 = performance.now();
  const conn = await sfConnection(config.systems.salesforce);
  const accounts = await idMap(conn, "Account");
  const registrations = await idMap(conn, "Deal_Registration__c");
  const preloadMs = performance.now() - t0;
  await afterPreload();

  const resolve = (entity, canonicalId) => (entity === "Partner" ? accounts : entity === "DealRegistration" ? registrations : new Map()).get(canonicalId) ?? null;
  const t1 = performance.now();
  const sample = await portalSample(config.systems.portal, conv.portal.systemFields, sampleSize);
  const readMs = performance.now() - t1;
  const object = conv.salesforce.object;
  let upserted = 0, failed = 0, unmapped = 0;
  const errors = new Map();
  for (const raw of sample) {
    const canonical = conv.portal.toCanonical(raw);
    if (!canonical.ok) { unmapped++; continue; }
    // a reference no map holds (a registration whose partner is not in Salesforce): skipped, counted
    const mapped = conv.salesforce.toSystem(canonical.value, { resolve, keys: canonical.keys });
    if (!mapped.ok) { unmapped++; continue; }
    try {
      const r = await conn.sobject(object).upsert(mapped.record, "Portal_Id__c");
      if (r.success === false) throw new Error(JSON.stringify(r.errors));
      upserted++;
    } catch (e) {
      failed++;
      const k = String(e.errorCode ?? e.name ?? e.message).slice(0, 80);
      errors.set(k, (errors.get(k) ?? 0) + 1);
    }
  }
  const sampleMs = performance.now() - t1;
  return { object, sampled: sample.length, upserted, failed, unmapped, errors: Object.fromEntries(errors), preloadMs, readMs, sampleMs, accountsPreloaded: accounts.size, registrationsPreloaded: registrations.size };
}
