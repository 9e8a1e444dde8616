// dist/cli.js's first line is how the bin and the image start partner-sync: `env -S` with the memory
// bounds (src/cli.ts). These run that line as the kernel does, with the Node 24 on PATH.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const line = readFileSync(cli, "utf8").split("\n", 1)[0]!;
const PREFIX = "#!/usr/bin/env -S ";

function viaLaunchLine(args: string[]) {
  return spawnSync("/usr/bin/env", ["-S", line.slice(PREFIX.length), ...args], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
}

describe("the launch line of dist/cli.js", () => {
  it("is an env -S line running node", () => {
    expect(line.startsWith(PREFIX)).toBe(true);
    expect(line.slice(PREFIX.length).split(/\s+/)).toContain("node");
  });

  it("starts the CLI", () => {
    const r = viaLaunchLine([cli, "--version"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("gives Node a bounded heap, and glibc two malloc arenas and fixed thresholds", () => {
    const r = viaLaunchLine(["-e", "const v8 = require('node:v8'); const e = process.env; console.log(JSON.stringify({ limit: v8.getHeapStatistics().heap_size_limit, arenas: e.MALLOC_ARENA_MAX, mmap: e.MALLOC_MMAP_THRESHOLD_, trim: e.MALLOC_TRIM_THRESHOLD_ }))"]);
    expect(r.status, r.stderr).toBe(0);
    const { limit, arenas, mmap, trim } = JSON.parse(r.stdout) as { limit: number; arenas: string; mmap: string; trim: string };
    // Old space 150 MB plus the young generation (3 × 4 MB semi-spaces): far below V8's default here (≈ 4 GB).
    expect(limit / 2 ** 20).toBeGreaterThanOrEqual(150);
    expect(limit / 2 ** 20).toBeLessThan(170);
    expect(arenas).toBe("2");
    // Setting either threshold turns off glibc's raising of both (mallopt(3)); both are set, to its initial values.
    expect([mmap, trim]).toEqual(["131072", "131072"]);
  });
});
