// One `partner-sync sync` as a child process, the way an operator runs it: wall time from spawn to
// exit, the worker's peak RSS, and the summary it prints parsed back into numbers.
//
// "The way an operator runs it" = as the bin and the image do, through dist/cli.js's first line
// (`#!/usr/bin/env -S VAR=… node --flags…`: the memory bounds, src/cli.ts). The line is parsed here
// and run with this process's node binary (the Node 24 the bench runs on), so no PATH lookup decides
// which node measures. BENCH_SYNC_PLAIN_NODE=1 runs `node dist/cli.js` instead (V8's defaults) — for
// comparison, or to try other bounds through BENCH_SYNC_WORKER_NODE_OPTIONS (NODE_OPTIONS lose to
// flags on node's command line, so they have no effect on the bounds the launch line sets).
//
// Peak RSS: with GNU time present, `/usr/bin/time -f "%U %S %M" -o FILE` (the kernel's ru_maxrss of
// the node process, in KB, exact; and the CPU seconds it used in user and system mode, its threads
// included: wall time alone drifts with the machine, docs/bench.md round 17). Otherwise
// /proc/<pid>/status VmHWM (the kernel's own high-water mark, so a late poll still sees an earlier
// peak) is polled every 100 ms; the last poll before exit is what is reported, so a peak reached in
// the process's last 100 ms would be missed; no CPU seconds then.
import { spawn } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";
const ENV_S = "#!/usr/bin/env -S ";

/** dist/cli.js's launch line as { env, nodeFlags, text }, or plain node when BENCH_SYNC_PLAIN_NODE is set. */
export function launchOf(cli) {
  const line = readFileSync(cli, "utf8").split("\n", 1)[0];
  if (process.env.BENCH_SYNC_PLAIN_NODE || !line.startsWith(ENV_S)) return { env: {}, nodeFlags: [], text: "node dist/cli.js (V8 defaults)" };
  const words = line.slice(ENV_S.length).trim().split(/\s+/);
  const at = words.indexOf("node");
  if (at < 0) throw new Error(`${cli}: launch line runs no node: ${line}`);
  const env = Object.fromEntries(words.slice(0, at).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]));
  return { env, nodeFlags: words.slice(at + 1), text: `dist/cli.js launch line: ${words.join(" ")}` };
}

/**
 * Runs `node cli sync --config FILE --now NOW` with a store at `storePath`; `label` names the log
 * files in `dir`. `nodeOptions` goes into NODE_OPTIONS of the worker only (e.g. --cpu-prof).
 */
export function runSync({ cli, configFile, storePath, dir, label, now, nodeOptions, extraArgs = [] }) {
  const rssFile = join(dir, `${label}.maxrss`);
  const useTime = existsSync(GNU_TIME);
  const launch = launchOf(cli);
  const nodeArgs = [...launch.nodeFlags, cli, "sync", "--config", configFile, ...(now ? ["--now", now] : []), ...extraArgs];
  const [cmd, args] = useTime ? [GNU_TIME, ["-f", "%U %S %M", "-o", rssFile, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const env = {
    ...process.env, ...launch.env, HTTP_PROXY: "", HTTPS_PROXY: "",
    PARTNER_SYNC_STORE_PATH: storePath, PARTNER_SYNC_LOG_LEVEL: "warn",
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: dir, env, stdio: ["ignore", "pipe", openSync(join(dir, `${label}.stderr`), "w")] });
    const killOnExit = () => child.kill("SIGTERM");
    process.once("exit", killOnExit);
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    let hwmKb = 0;
    const poll = useTime ? undefined : setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch { /* exited between polls */ }
    }, 100);
    child.once("error", reject);
    child.once("exit", (code) => {
      process.off("exit", killOnExit);
      if (poll) clearInterval(poll);
      const wallMs = performance.now() - t0;
      let peakRssKb = hwmKb;
      /** CPU seconds of the worker (GNU time only; null without it). */
      let cpu = null;
      if (useTime) {
        // GNU time writes "Command exited with non-zero status N" before its line when the exit is not 0.
        const [user, system, maxRss] = readFileSync(rssFile, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
        peakRssKb = maxRss;
        cpu = { user, system };
      }
      resolve({ exitCode: code, wallMs, peakRssKb, cpu, rssMethod: useTime ? "GNU time %M (ru_maxrss)" : "VmHWM polled every 100 ms", launch: launch.text, stdout, summary: parseSummary(stdout), stderrFile: join(dir, `${label}.stderr`) });
    });
  });
}

/** The table `formatSummary` prints (src/sync/run-summary.ts), back into numbers. */
export function parseSummary(text) {
  const lines = text.split("\n");
  const head = lines.findIndex((l) => l.startsWith("entity ") && l.includes("unchanged"));
  const status = /^sync \S+: (\S+)/m.exec(text)?.[1] ?? null;
  const entities = {};
  if (head >= 0) {
    for (const line of lines.slice(head + 1)) {
      const m = /^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\/(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line);
      if (!m) break;
      const [, name, read, unchanged, sf, portal, created, quarantined, drift, ruleActions, deleted] = m;
      entities[name] = { read: +read, unchanged: +unchanged, written: { salesforce: +sf, portal: +portal }, created: +created, quarantined: +quarantined, drift: +drift, ruleActions: +ruleActions, deleted: +deleted };
    }
  }
  const total = /^total: (\d+) writes?, (\d+) quarantined/m.exec(text);
  const sum = (f) => Object.values(entities).reduce((a, e) => a + f(e), 0);
  return {
    status,
    entities,
    read: sum((e) => e.read),
    unchanged: sum((e) => e.unchanged),
    writtenSalesforce: sum((e) => e.written.salesforce),
    writtenPortal: sum((e) => e.written.portal),
    writes: total ? Number(total[1]) : null,
    quarantined: total ? Number(total[2]) : null,
  };
}
