// `make bench`: runs every bench/*.bench.js in its own process (so peak memory is each bench's
// own), one after the other (the machine has 2 cores: parallel benches would measure each other).
// Each bench prints one JSON line last; this prints them all, and writes them to
// bench/last-run.json for the README's figures. Select some with: node bench/run.js NAME…
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const results = {};
let failed = 0;
for (const file of benches) {
  const name = file.replace(/\.bench\.js$/, "");
  process.stderr.write(`\n== ${name}\n`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--expose-gc", `${dir}${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, HTTP_PROXY: "", HTTPS_PROXY: "" } });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`${name}: exit ${r.status}\n${r.stdout}\n`);
    continue;
  }
  try {
    results[name] = { ...JSON.parse(last), wallSeconds: Math.round((Date.now() - started) / 100) / 10 };
    process.stdout.write(`${name}: ${JSON.stringify(results[name])}\n`);
  } catch {
    failed++;
    process.stderr.write(`${name}: last line is not JSON: ${last}\n`);
  }
}
const machine = { node: process.version, cpus: (await import("node:os")).cpus().length, at: new Date().toISOString() };
writeFileSync(`${dir}last-run.json`, `${JSON.stringify({ machine, results }, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;
