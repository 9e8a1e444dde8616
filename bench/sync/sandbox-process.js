// The sandbox in its own process for the sync bench: `partner-sync sandbox --demo-size N --seed S
// --json`, its one JSON line written to a config file, its request counts read over HTTP
// (`GET /__sandbox/requests`), the CPU it has used so far (`/proc/PID/stat`), and a clean stop (SIGTERM
// to the pid we started, nothing else).
import { execFileSync, spawn } from "node:child_process";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Starts the sandbox; resolves once its config line is out (generating 100k records takes 10–30 s).
 * `sync`: keys merged into the config's `sync` section (BENCH_SYNC_SETTINGS, e.g. a page size).
 */
export function startSandbox({ cli, size, seed, dir, sync = {} }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const log = openSync(join(dir, "sandbox.log"), "w");
    const child = spawn(process.execPath, [cli, "sandbox", "--demo-size", String(size), "--seed", String(seed), "--json"], {
      stdio: ["ignore", "pipe", log],
      env: { ...process.env, HTTP_PROXY: "", HTTPS_PROXY: "" },
    });
    // never outlive the bench, whatever ends it
    process.once("exit", () => child.kill("SIGTERM"));
    let out = "";
    const onExit = (code) => reject(new Error(`sandbox exited ${code} before its config line (see ${join(dir, "sandbox.log")})`));
    child.once("exit", onExit);
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      child.off("exit", onExit);
      const line = out.slice(0, nl);
      const configFile = join(dir, "sandbox-config.json");
      const parsed = JSON.parse(line);
      const config = Object.keys(sync).length === 0 ? parsed : { ...parsed, sync: { ...parsed.sync, ...sync } };
      writeFileSync(configFile, `${JSON.stringify(config)}\n`);
      resolve({ child, config, configFile, startMs: performance.now() - t0, stop: () => stop(child), cpuSeconds: () => cpuSeconds(child.pid) });
    });
  });
}

/**
 * CPU seconds (user + system, all threads) the process has used so far, from /proc/PID/stat (fields
 * 14 and 15, in clock ticks); null where there is no /proc. The command name (field 2) may hold
 * spaces, so fields are counted after its closing parenthesis.
 */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return null;
  }
}

let ticks;
function clockTicks() {
  ticks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticks;
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** `GET /__sandbox/requests` without the `recent` tail: {total, systems: {sys: {total, methods, routes, statuses}}}. */
export async function requestCounts(config) {
  const res = await fetch(`${config.systems.salesforce.loginUrl}/__sandbox/requests`);
  if (!res.ok) throw new Error(`/__sandbox/requests: ${res.status}`);
  const { recent: _recent, ...counts } = await res.json();
  return counts;
}

/** after − before, per system, method and route (the counts only grow: no reset, so no seed reload). */
export function countsDiff(before, after) {
  const sub = (a = {}, b = {}) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => v !== 0));
  const systems = {};
  for (const [name, s] of Object.entries(after.systems ?? {})) {
    const b = before.systems?.[name] ?? {};
    const total = s.total - (b.total ?? 0);
    if (total === 0) continue;
    systems[name] = { total, methods: sub(s.methods, b.methods), routes: sub(s.routes, b.routes) };
  }
  return { total: after.total - before.total, systems };
}

/** Write calls (anything but GET, the OAuth token request excepted) in a counts diff. */
export function writeCalls(diff) {
  let n = 0;
  for (const s of Object.values(diff.systems)) {
    for (const [route, count] of Object.entries(s.routes)) {
      if (!route.startsWith("GET ") && !route.includes("/oauth2/token")) n += count;
    }
  }
  return n;
}
