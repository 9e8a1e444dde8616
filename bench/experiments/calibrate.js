// A fixed CPU workload (a Map of 300k objects, a sort, a JSON of 50k of them, three times): its
// main-thread CPU time says how fast this machine runs right now, so figures taken hours (or minutes)
// apart can be told apart from changes in the code. `node bench/experiments/calibrate.js` → "calib N ms".
const t0 = process.threadCpuUsage();
let acc = 0;
for (let round = 0; round < 3; round++) {
  const m = new Map();
  for (let i = 0; i < 300_000; i++) m.set(`k${i}`, { i, s: `v${(i * 7919) % 100_003}` });
  const arr = [...m.values()].sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  acc += arr[1000].i + JSON.stringify(arr.slice(0, 50_000)).length;
}
const u = process.threadCpuUsage(t0);
console.log(`calib ${Math.round((u.user + u.system) / 1000)} ms (checksum ${acc})`);
