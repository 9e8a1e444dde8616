// What a process allocates, by the function that allocated it: V8's sampling heap profiler with the
// objects collected since kept in the profile (so it counts allocation, not what is alive at the end).
// Loaded into the worker of a bench run, e.g.:
//   ALLOC_PROFILE_DIR=$(mktemp -d) BENCH_SYNC_SIZE=20000 BENCH_SYNC_NAIVE_SAMPLE=20 \
//   BENCH_SYNC_WORKER_NODE_OPTIONS="--import $PWD/bench/experiments/alloc-profile.mjs" node bench/sync.bench.js
//   node bench/experiments/alloc-top.js $ALLOC_PROFILE_DIR/*.heapprofile 30
// Every process loading it writes `alloc-<pid>.heapprofile` when it exits (the initial sync's is the largest).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.ALLOC_PROFILE_DIR ?? ".";
const session = new Session();
session.connect();
session.post("HeapProfiler.enable");
session.post("HeapProfiler.startSampling", { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
process.on("exit", () => {
  // The inspector answers a session of its own thread synchronously: written before the process ends.
  session.post("HeapProfiler.stopSampling", (err, result) => {
    if (err) process.stderr.write(`alloc-profile: ${err.message}\n`);
    else writeFileSync(join(dir, `alloc-${process.pid}.heapprofile`), JSON.stringify(result.profile));
  });
});
