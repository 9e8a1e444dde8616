// Who keeps objects of one kind alive in a V8 heap snapshot: the last DEPTH steps of each one's
// shortest path from the roots, summed by self size (see heap-types.mjs for taking the snapshot).
//   node --max-old-space-size=6000 bench/experiments/heap-paths.mjs FILE "closure:get hash" [DEPTH] [N]
//   node --max-old-space-size=6000 bench/experiments/heap-paths.mjs FILE "string:*" 2 30   (a whole type)
// Round 13 found the lazy-hash records this way: 20,000 of them held by the related-record cache.
import { readFileSync } from "node:fs";

const [file, want, depth = "6", n = "8"] = process.argv.slice(2);
if (!file || !want) {
  process.stderr.write('usage: node bench/experiments/heap-paths.mjs FILE.heapsnapshot "type:name" [DEPTH] [N]\n');
  process.exit(2);
}
const s = JSON.parse(readFileSync(file, "utf8"));
const meta = s.snapshot.meta;
const nf = meta.node_fields, nt = meta.node_types[0], F = nf.length;
const ef = meta.edge_fields, et = meta.edge_types[0], E = ef.length;
const iType = nf.indexOf("type"), iName = nf.indexOf("name"), iSize = nf.indexOf("self_size"), iEdges = nf.indexOf("edge_count");
const eType = ef.indexOf("type"), eName = ef.indexOf("name_or_index"), eTo = ef.indexOf("to_node");
const N = s.nodes.length / F;
const firstEdge = new Uint32Array(N + 1);
for (let i = 0, e = 0; i < N; i++) {
  firstEdge[i] = e;
  e += s.nodes[i * F + iEdges] * E;
}
firstEdge[N] = s.edges.length;
// Breadth first from the root (node 0), weak edges left out: each node's parent on a shortest path.
const parent = new Int32Array(N).fill(-1);
const viaEdge = new Int32Array(N).fill(-1);
parent[0] = 0;
const queue = [0];
for (let h = 0; h < queue.length; h++) {
  const node = queue[h];
  for (let e = firstEdge[node]; e < firstEdge[node + 1]; e += E) {
    if (et[s.edges[e + eType]] === "weak") continue;
    const to = s.edges[e + eTo] / F;
    if (parent[to] !== -1) continue;
    parent[to] = node;
    viaEdge[to] = e;
    queue.push(to);
  }
}
const typeOf = (node) => nt[s.nodes[node * F + iType]];
const label = (node) => `${typeOf(node)}:${String(s.strings[s.nodes[node * F + iName]]).slice(0, 40)}`;
const edgeName = (e) => {
  const t = et[s.edges[e + eType]];
  return t === "element" || t === "hidden" ? "[i]" : String(s.strings[s.edges[e + eName]]).replace(/@\d+/g, "@");
};
const matches = want.endsWith(":*") ? (node) => typeOf(node) === want.slice(0, -2) : (node) => label(node) === want;
const paths = new Map();
for (let node = 0; node < N; node++) {
  if (!matches(node) || parent[node] === -1) continue;
  const steps = [];
  for (let c = node; c !== 0 && steps.length < Number(depth); c = parent[c]) steps.push(`${label(parent[c])} .${edgeName(viaEdge[c])}`.replace(/:\d+ \./, ":N ."));
  const k = steps.reverse().join("\n    ");
  const e = paths.get(k) ?? { size: 0, count: 0 };
  e.size += s.nodes[node * F + iSize];
  e.count++;
  paths.set(k, e);
}
for (const [k, e] of [...paths].sort((a, b) => b[1].size - a[1].size).slice(0, Number(n))) {
  console.log(`${(e.size / 1e6).toFixed(2)} MB in ${e.count}:\n    ${k}`);
}
