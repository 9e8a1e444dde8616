// A preload that samples the process's memory every 500 ms into $MEM_SAMPLE_OUT (JSON lines, MB):
// rss, the V8 heap (heapTotal, heapUsed), external and arrayBuffers, and from /proc/self/status the
// anonymous and file-backed resident memory and the high-water mark. Anonymous minus heapTotal minus
// external is what neither V8's heap nor its external buffers hold: malloc's, and V8 pages a collection
// freed that are not returned yet (docs/bench.md round 17).
// Usage, on the worker of a sync (through the launch line's flags):
//   NODE_OPTIONS=--require=$PWD/bench/experiments/mem-sample.cjs MEM_SAMPLE_OUT=/tmp/mem.jsonl \
//     MALLOC_ARENA_MAX=2 … node --max-old-space-size=150 --max-semi-space-size=4 dist/cli.js sync …
//   node bench/experiments/mem-sample.cjs /tmp/mem.jsonl …   (summarizes one or more sample files)
"use strict";
const fs = require("node:fs");

const MB = (bytes) => Math.round(bytes / 2 ** 20);

function sampleInto(file) {
  const t0 = Date.now();
  const fd = fs.openSync(file, "w");
  const tick = () => {
    const m = process.memoryUsage();
    const status = fs.readFileSync("/proc/self/status", "utf8");
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    fs.writeSync(fd, `${JSON.stringify({ t: Date.now() - t0, rss: MB(m.rss), heapTotal: MB(m.heapTotal), heapUsed: MB(m.heapUsed), external: MB(m.external), arrayBuffers: MB(m.arrayBuffers), anon: Math.round(kb("RssAnon") / 1024), file: Math.round(kb("RssFile") / 1024), hwm: Math.round(kb("VmHWM") / 1024) })}\n`);
  };
  setInterval(tick, 500).unref();
}

function summarize(files) {
  for (const f of files) {
    const rows = fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const max = (k) => Math.max(...rows.map((r) => r[k]));
    const other = rows.map((r) => r.anon - r.heapTotal - r.external).sort((a, b) => a - b);
    const at = (q) => other[Math.floor((other.length - 1) * q)];
    console.log(`${f}: ${(rows.at(-1).t / 1000).toFixed(0)} s, peak RSS ${max("hwm")} MB, file-backed ≤ ${max("file")} MB, heapTotal ≤ ${max("heapTotal")} MB, heapUsed ≤ ${max("heapUsed")} MB, external ≤ ${max("external")} MB, other anonymous p10/p50/p90 ${at(0.1)}/${at(0.5)}/${at(0.9)} MB`);
  }
}

if (require.main === module) summarize(process.argv.slice(2));
else if (process.env.MEM_SAMPLE_OUT) sampleInto(process.env.MEM_SAMPLE_OUT);
