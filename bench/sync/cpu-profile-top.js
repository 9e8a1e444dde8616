// Reads a V8 .cpuprofile (`node --cpu-prof`) and prints (1) the top functions by self time and (2)
// the time per pass stage, attributing each sample to the innermost src/sync (or connector, mapping,
// rules, store) function on its stack. Run: node bench/sync/cpu-profile-top.js FILE.cpuprofile [N]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/sync/cpu-profile-top.js FILE.cpuprofile [N]");
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// sample durations: timeDeltas[i] is the time before sample i
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const dt = deltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const short = (url) => url.replace(/^.*\/(dist|node_modules)\//, "$1/").replace(/^node:/, "node:");
const label = (n) => `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const byFn = new Map();
for (const [id, us] of selfUs) {
  const k = label(nodes.get(id));
  byFn.set(k, (byFn.get(k) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
console.log(`total sampled ${(total / 1e6).toFixed(1)} s`);
console.log(`\ntop ${top} by self time:`);
for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`);

// stage: the innermost frame of dist/<area>/<file> on the stack, grouped by file
const stageOf = (id) => {
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const url = nodes.get(cur).callFrame.url;
    const m = /\/dist\/(sync\/decide|sync|rules|mapping|connectors\/\w+|store|sandbox|cli|config|log)\/([\w.-]+)\.js$/.exec(url);
    if (m) return `${m[1]}/${m[2]}`;
  }
  const fn = nodes.get(id).callFrame.functionName;
  return fn === "(garbage collector)" || fn === "(idle)" || fn === "(program)" ? fn : "(outside dist: node/deps)";
};
const byStage = new Map();
for (const [id, us] of selfUs) {
  const k = stageOf(id);
  byStage.set(k, (byStage.get(k) ?? 0) + us);
}
console.log(`\nself time by innermost dist module on the stack:`);
for (const [k, us] of [...byStage].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`);

// inclusive time of the pass's stages (a sample counts for every stage function on its stack)
const STAGES = { normalize: /\/sync\/normalize\.js$/, "related-records": /\/sync\/related-records\.js$/, "load-joined": /\/sync\/load-joined\.js$/, join: /\/sync\/join\.js$/, decide: /\/sync\/decide\//, plan: /\/sync\/plan\.js$/, apply: /\/sync\/apply-writes\.js$/, checkpoint: /\/sync\/checkpoint\.js$/, "record-hash": /\/sync\/record-hash\.js$/, "id-map": /\/sync\/id-map\.js$/, "live-describe-check": /\/sync\/live-describe-check\.js$/, "quarantine-replay": /\/sync\/quarantine-replay\.js$/, "salesforce connector": /\/connectors\/salesforce\//, "portal connector": /\/connectors\/portal\//, "store (sqlite)": /\/dist\/store\//, jsforce: /node_modules\/jsforce\//, axios: /node_modules\/axios\//, "page-pass": /\/sync\/page-pass\.js$/ };
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const url = nodes.get(cur).callFrame.url;
    for (const [stage, re] of Object.entries(STAGES)) if (re.test(url)) seen.add(stage);
  }
  for (const s of seen) inclusive.set(s, (inclusive.get(s) ?? 0) + us);
}
console.log(`\ninclusive time per stage (synchronous stacks only: time awaiting I/O is not on any stack):`);
for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1])) console.log(`${pct(us)}  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`);
