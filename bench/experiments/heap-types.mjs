// What a V8 heap snapshot holds, by node type and name (self sizes): which kinds of objects fill the
// heap. Take the snapshot of a running worker with `node --heapsnapshot-signal=SIGUSR2 …` and
// `kill -USR2 PID` (docs/bench.md round 13), then:
//   node --max-old-space-size=4000 bench/experiments/heap-types.mjs FILE.heapsnapshot [N]
// `array:(object properties)` in the top rows means objects in dictionary mode (a hash table of
// their properties each); `closure:get x` by the thousand, a getter defined per object.
import { readFileSync } from "node:fs";

const [file, n = "40"] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/experiments/heap-types.mjs FILE.heapsnapshot [N]\n");
  process.exit(2);
}
const s = JSON.parse(readFileSync(file, "utf8"));
const fields = s.snapshot.meta.node_fields;
const types = s.snapshot.meta.node_types[0];
const F = fields.length;
const iType = fields.indexOf("type");
const iName = fields.indexOf("name");
const iSize = fields.indexOf("self_size");
const byKind = new Map();
let total = 0;
for (let i = 0; i < s.nodes.length; i += F) {
  const type = types[s.nodes[i + iType]];
  // Strings and code are named by their text: one row each.
  const name = type.includes("string") || type === "code" ? "" : String(s.strings[s.nodes[i + iName]]).slice(0, 60);
  const size = s.nodes[i + iSize];
  total += size;
  const k = `${type}:${name}`;
  const e = byKind.get(k) ?? { size: 0, count: 0 };
  e.size += size;
  e.count++;
  byKind.set(k, e);
}
console.log(`total ${(total / 1e6).toFixed(1)} MB`);
console.log("      MB     count  type:name");
for (const [k, e] of [...byKind].sort((a, b) => b[1].size - a[1].size).slice(0, Number(n))) {
  console.log(`${(e.size / 1e6).toFixed(2).padStart(8)} ${String(e.count).padStart(9)}  ${k}`);
}
