// Runs the built CLI as a user would, in a scratch working directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "ps-cli-"));
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_")));
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? scratchDir(), env: { ...env, ...options.env }, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
