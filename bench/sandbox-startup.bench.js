// How long `partner-sync sandbox --demo-size N --seed 1 --json` takes from spawn to its config line
// (the bar: under 5 s for N = 1000). Baseline in the same run: `partner-sync --version`,
// the cost of starting Node and loading the CLI at all. Prints one JSON line.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const sizes = (process.env.BENCH_SANDBOX_SIZES ?? "1000,10000").split(",").map(Number);
const runs = 3;

function startup(size) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, "sandbox", "--demo-size", String(size), "--seed", "1", "--json"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c) => {
      out += c;
      if (out.includes("\n")) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.once("exit", () => resolve(ms));
        child.kill("SIGTERM");
      }
    });
    child.once("exit", (code) => (out.includes("\n") ? undefined : reject(new Error(`sandbox exited ${code}`))));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baseline = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, [cli, "--version"]);
  baseline.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const result = { cliStartMs: Math.round(median(baseline)) };
for (const size of sizes) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await startup(size));
  result[`demo${size}Ms`] = Math.round(median(times));
  result[`demo${size}VsCliStart`] = Math.round((median(times) / median(baseline)) * 10) / 10;
}
console.log(JSON.stringify(result));
