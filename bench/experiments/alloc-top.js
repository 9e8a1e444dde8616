// Summarises a sampling heap profile (alloc-profile.mjs): bytes allocated by function, and by the
// innermost module of dist/ on the stack. `node bench/experiments/alloc-top.js FILE [N]`.
import { readFileSync } from "node:fs";

const [file, n = "30"] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/experiments/alloc-top.js FILE.heapprofile [N]\n");
  process.exit(2);
}
const { head } = JSON.parse(readFileSync(file, "utf8"));
const byFunction = new Map();
const byModule = new Map();
let total = 0;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
(function walk(node, module) {
  const f = node.callFrame;
  const url = f.url.includes("/dist/") ? f.url.slice(f.url.indexOf("/dist/") + 6) : f.url.split("/").slice(-2).join("/");
  const own = f.url.includes("/dist/") ? url : module;
  total += node.selfSize;
  add(byFunction, `${f.functionName || "(anonymous)"} ${url}:${f.lineNumber + 1}`, node.selfSize);
  add(byModule, own ?? "(outside dist)", node.selfSize);
  for (const c of node.children) walk(c, own);
})(head, undefined);
const mb = (x) => (x / 2 ** 20).toFixed(1).padStart(9);
const pct = (x) => ((100 * x) / total).toFixed(1).padStart(5);
console.log(`allocated in all: ${(total / 2 ** 30).toFixed(2)} GB (sampled)`);
console.log(`\ntop ${n} functions:`);
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${mb(v)} MB ${pct(v)} %  ${k}`);
console.log("\nby innermost dist module:");
for (const [k, v] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${mb(v)} MB ${pct(v)} %  ${k}`);
