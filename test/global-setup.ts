// Builds dist/ once before the tests: end-to-end tests run the CLI as a user would
// (`node dist/cli.js …`) and crash tests kill child processes that run the compiled store.
// Type errors are the typecheck step's job (`npm test` runs it first); here only a build that
// emitted nothing fails (tsc exit 2 = "diagnostics present, outputs generated").
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 2) throw new Error(`build for tests failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}
