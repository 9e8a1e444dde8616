// Paired A/B of the rules bench: two builds of dist/ in ONE process, their build + decide timed in
// alternation (main-thread CPU, median), so the machine's drift (load, CPU steal: 30 % here at times)
// falls on both alike. `node --expose-gc bench/rules-ab.js BASE_DIST [runs] [registrations]`: BASE_DIST
// is another build's dist/ (e.g. `git archive REV | tar -x -C /tmp/base`, link node_modules, build
// there); the other is this checkout's dist/. Not part of `make bench` (it needs a second build).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const load = async (d) => ({
  decide: (await import(d + "/sync/decide/decide.js")).decide,
  buildWorld: (await import(d + "/sync/decide/world.js")).buildWorld,
  synth: await import(d + "/sync/decide/synthetic-world.js"),
  rules: (await import(d + "/rules/rules-config.schema.js")).defaultRulesConfig,
});
const base = process.argv[2];
if (!base) throw new Error("usage: node --expose-gc bench/rules-ab.js BASE_DIST [runs] [registrations]");
const A = await load(pathToFileURL(resolve(base)).href);
const B = await load(new URL("../dist", import.meta.url).href);
const now = new Date("2026-06-15T12:00:00Z");
const input = A.synth.syntheticWorld({ registrations: Number(process.argv[4] ?? 100_000), seed: 7, asOf: now });
const newlyApprovedIds = new Set(input.registrations.filter((r, i) => r.status === "Approved" && i % 50 === 0).map((r) => r.id));
const ctx = { now, rules: A.rules, newlyApprovedIds, leadRecallOwnerId: "vendor-queue" };
const settled = A.synth.applyDecisions(input, A.decide(A.buildWorld(input), ctx));
const sctx = { ...ctx, newlyApprovedIds: new Set() };
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const m = (f) => { globalThis.gc(); const t = cpu(); const r = f(); return [cpu() - t, r]; };
const res = { A: { fb: [], fd: [], sb: [], sd: [] }, B: { fb: [], fd: [], sb: [], sd: [] } };
const R = Number(process.argv[3] ?? 7);
for (let i = 0; i < R + 1; i++) {
  for (const [k, X] of (i % 2 ? [["A", A], ["B", B]] : [["B", B], ["A", A]])) {
    let [tb, w] = m(() => X.buildWorld(input)); let [td] = m(() => X.decide(w, ctx));
    let [tsb, ws] = m(() => X.buildWorld(settled)); let [tsd] = m(() => X.decide(ws, sctx));
    if (i > 0) { res[k].fb.push(tb); res[k].fd.push(td); res[k].sb.push(tsb); res[k].sd.push(tsd); }
    w = ws = null;
  }
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[s.length >> 1]); };
for (const k of ["A", "B"]) console.log(k === "A" ? `base ${base}` : "this checkout", "first build", med(res[k].fb), "decide", med(res[k].fd), "| settled build", med(res[k].sb), "decide", med(res[k].sd), "| totals", med(res[k].fb.map((x, i) => x + res[k].fd[i])), med(res[k].sb.map((x, i) => x + res[k].sd[i])));
