// One line per zod issue, `key.path[0]: message`, so a file's problems read like a linter's.
import type { z } from "zod";

function keyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  return out || "(root)";
}

/** `prefix` places the issues inside a larger document (`["portal", "emulator"]`). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.map((issue) => {
    const where = keyPath([...prefix, ...issue.path]);
    if (issue.code === "unrecognized_keys") return `${where}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    return `${where}: ${issue.message}`;
  });
}
