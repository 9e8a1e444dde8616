import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadFaultsFile, parseFaults } from "../../src/sandbox/faults-file.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("faults file", () => {
  it("loads a YAML file with generic faults and a pass-through emulator section per system", async () => {
    dir = await mkdtemp(join(tmpdir(), "faults-"));
    const file = join(dir, "faults.yaml");
    await writeFile(
      file,
      [
        "seed: 42",
        "salesforce:",
        "  faults:",
        "    - { kind: status, status: 429, retryAfter: 1, times: 2 }",
        "  emulator:",
        "    sessionExpiresAfterCalls: 5",
        "coupa:",
        "  faults:",
        "    - { kind: latency, ms: 20, path: /api/invoices }",
        "",
      ].join("\n"),
    );
    const config = await loadFaultsFile(file);
    expect(config.seed).toBe(42);
    expect(config.salesforce).toEqual({
      faults: [{ kind: "status", status: 429, retryAfter: 1, times: 2 }],
      emulator: { sessionExpiresAfterCalls: 5 },
    });
    expect(config.coupa?.faults).toEqual([{ kind: "latency", ms: 20, path: "/api/invoices" }]);
    expect(config.portal).toBeUndefined();
  });

  it("accepts JSON", () => {
    const config = parseFaults("f.json", '{"portal":{"faults":[{"kind":"drop","every":3}]}}');
    expect(config).toEqual({ seed: 1, portal: { faults: [{ kind: "drop", every: 3 }] } });
  });

  it("names the file and the key of a wrong value", () => {
    expect(() => parseFaults("faults.yaml", "salesforce:\n  faults:\n    - { kind: status, status: 200 }\n")).toThrow(
      /faults file faults\.yaml is invalid:\n {2}- salesforce\.faults\[0\]\.status: /,
    );
  });

  it("names an unknown key instead of ignoring it", () => {
    expect(() => parseFaults("faults.yaml", "portal:\n  faults:\n    - { kind: status, status: 429, retry_after: 1 }\n")).toThrow(
      /portal\.faults\[0\]: unknown key retry_after/,
    );
    expect(() => parseFaults("faults.yaml", "sales_force: {}\n")).toThrow(/\(root\): unknown key sales_force/);
  });

  it("names an unknown fault kind", () => {
    expect(() => parseFaults("faults.yaml", "coupa:\n  faults:\n    - { kind: explode }\n")).toThrow(/coupa\.faults\[0\]\.kind/);
  });

  it("rejects an invalid regular expression", () => {
    expect(() => parseFaults("faults.yaml", "coupa:\n  faults:\n    - { kind: drop, pathRegex: '(' }\n")).toThrow(
      /coupa\.faults\[0\]\.pathRegex: a valid regular expression/,
    );
  });

  it("reports a YAML syntax error with its line", () => {
    expect(() => parseFaults("faults.yaml", "salesforce:\n  faults: [\n")).toThrow(/faults\.yaml is invalid:\n {2}- line \d+, column \d+/);
  });

  it("names a file that cannot be read", async () => {
    await expect(loadFaultsFile("/nonexistent/faults.yaml")).rejects.toThrow(/cannot read faults file \/nonexistent\/faults\.yaml/);
  });
});
