// A preload that writes, when the process exits, where it waited (docs/bench.md round 18), into
// $WAIT_OUT:
// - the event loop's idle and active milliseconds (perf_hooks eventLoopUtilization: idle is the time
//   the main thread had nothing to run, i.e. waited for an answer; both count from the loop's start,
//   after the modules loaded, so they add up to less than the wall);
// - every HTTP call by method and route (ids folded to :id, :n), its count and summed latency from the
//   request's start to the end of its answer: node:http (axios: the portal, Coupa) through the
//   `http.client.*` diagnostics channels, undici (jsforce: Salesforce) through `undici:request:*`.
//   A call read ahead overlaps the pass, so latency is not all waiting: the idle figures are;
//   "some call in flight" is the time at least one call was open;
// - the main thread's collector pauses by kind (perf_hooks `gc` entries);
// - idle by awaited region, for regions a patched dist/ wraps in `globalThis.__waitRegion(label,
//   promise)` (the idle time between the await and its answer). Round 18 wrapped `pages.next()` in
//   sync/entity-pass.js, `m.filled` and `this.refresh(m)` in store/run-mirror.js and the
//   upsert/updateById calls in sync/apply-writes.js, in a copy of dist/ (not in the repository: a
//   one-line `sed` each, e.g.
//   sed -i 's/const page = await pages.next();/const page = await globalThis.__waitRegion(`next ${spec.entity} ${side.system}`, pages.next());/' dist/sync/entity-pass.js).
// Usage, on the worker of a sync (through the launch line's flags), or on the sandbox:
//   NODE_OPTIONS=--require=$PWD/bench/experiments/wait-sample.cjs WAIT_OUT=/tmp/wait.txt \
//     MALLOC_ARENA_MAX=2 … node --max-old-space-size=150 --max-semi-space-size=4 dist/cli.js sync …
"use strict";
const dc = require("node:diagnostics_channel");
const fs = require("node:fs");
const { performance, PerformanceObserver, constants } = require("node:perf_hooks");

const out = process.env.WAIT_OUT;
if (out) {
  const calls = new Map();
  const addCall = (route, ms) => {
    const s = calls.get(route) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    calls.set(route, s);
  };
  let open = 0;
  let openSince = 0;
  let someOpenMs = 0;
  const started = () => {
    if (open++ === 0) openSince = performance.now();
  };
  const ended = () => {
    if (--open === 0) someOpenMs += performance.now() - openSince;
  };
  const routeOf = (system, method, path) =>
    `${system} ${method} ${path.replace(/\?.*$/, "").replace(/\/[0-9a-zA-Z]{15,18}(?=\/|$)/g, "/:id").replace(/\/\d+(?=\/|$)/g, "/:n")}`;
  const track = (system, startChannel, endChannels) => {
    const inFlight = new WeakMap();
    dc.subscribe(startChannel, ({ request }) => {
      inFlight.set(request, { t: performance.now(), route: routeOf(system, request.method, request.path) });
      started();
    });
    for (const ch of endChannels) {
      dc.subscribe(ch, ({ request }) => {
        const s = inFlight.get(request);
        if (!s) return;
        inFlight.delete(request);
        addCall(s.route, performance.now() - s.t);
        ended();
      });
    }
  };
  track("http", "http.client.request.start", ["http.client.response.finish", "http.client.request.error"]);
  track("undici", "undici:request:create", ["undici:request:trailers", "undici:request:error"]);

  const gc = new Map();
  const gcName = { [constants.NODE_PERFORMANCE_GC_MAJOR]: "major", [constants.NODE_PERFORMANCE_GC_MINOR]: "minor", [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental", [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks" };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = gcName[e.detail?.kind] ?? String(e.detail?.kind);
      const s = gc.get(kind) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += e.duration;
      gc.set(kind, s);
    }
  }).observe({ entryTypes: ["gc"] });

  const regions = new Map();
  globalThis.__waitRegion = async (label, promise) => {
    const before = performance.eventLoopUtilization();
    const t = performance.now();
    try {
      return await promise;
    } finally {
      const d = performance.eventLoopUtilization(before);
      const s = regions.get(label) ?? { n: 0, idle: 0, wall: 0 };
      s.n++;
      s.idle += d.idle;
      s.wall += performance.now() - t;
      regions.set(label, s);
    }
  };

  const t0 = performance.now();
  process.on("exit", () => {
    const elu = performance.eventLoopUtilization();
    const ms = (x) => x.toFixed(0).padStart(8);
    const lines = [
      `wall ${(performance.now() - t0).toFixed(0)} ms: event loop idle ${elu.idle.toFixed(0)} ms, active ${elu.active.toFixed(0)} ms; some call in flight ${someOpenMs.toFixed(0)} ms`,
      `collector pauses: ${[...gc].map(([k, s]) => `${k} ${s.n}× ${s.ms.toFixed(0)} ms`).join(", ")}`,
      "",
      "calls by route (summed latency, count, mean):",
      ...[...calls].sort((a, b) => b[1].ms - a[1].ms).map(([k, s]) => `${ms(s.ms)} ms ${String(s.n).padStart(6)} calls ${(s.ms / s.n).toFixed(2).padStart(7)} ms  ${k}`),
    ];
    if (regions.size > 0) {
      lines.push("", "idle by awaited region (idle, wall, count):");
      lines.push(...[...regions].sort((a, b) => b[1].idle - a[1].idle).map(([k, s]) => `${ms(s.idle)} ms ${ms(s.wall)} ms ${String(s.n).padStart(6)}  ${k}`));
    }
    fs.writeFileSync(out, `${lines.join("\n")}\n`);
  });
}
