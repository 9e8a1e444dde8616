// The flags and exit codes of a process started with a heap of its own (cli/heap-bound.ts).
import { describe, expect, it } from "vitest";
import { exitCodeOf, HEAP_CHILD_ENV, heapLimitMb, needsOwnHeap, nodeArgsWithHeap, outOfHeap } from "../../src/cli/heap-bound.js";
import { childFailure, reconcileChildArgs } from "../../src/daemon/reconcile-child.js";

describe("nodeArgsWithHeap", () => {
  it("replaces the launch line's memory bounds by the old space asked for, keeping every other flag", () => {
    expect(nodeArgsWithHeap(4096, ["--max-old-space-size=160", "--max-semi-space-size=4"])).toEqual(["--max-old-space-size=4096"]);
    expect(nodeArgsWithHeap(512, ["--enable-source-maps", "--max_old_space_size", "160", "--cpu-prof", "--max-semi-space-size=8"])).toEqual(["--enable-source-maps", "--cpu-prof", "--max-old-space-size=512"]);
    expect(nodeArgsWithHeap(64, [])).toEqual(["--max-old-space-size=64"]);
  });
});

describe("needsOwnHeap", () => {
  it("is asked for more than this process has, never in a process started with its own heap", () => {
    expect(needsOwnHeap(heapLimitMb() + 1, {})).toBe(true);
    expect(needsOwnHeap(heapLimitMb(), {})).toBe(false);
    expect(needsOwnHeap(heapLimitMb() + 1, { [HEAP_CHILD_ENV]: "1" })).toBe(false);
  });
});

describe("exit codes", () => {
  it("reports a signal as a shell does and knows V8's out-of-memory abort", () => {
    expect(exitCodeOf(3, null)).toBe(3);
    expect(exitCodeOf(null, "SIGABRT")).toBe(134);
    expect(exitCodeOf(null, "SIGTERM")).toBe(143);
    expect(outOfHeap(null, "SIGABRT")).toBe(true);
    expect(outOfHeap(134, null)).toBe(true);
    expect(outOfHeap(1, null)).toBe(false);
    expect(outOfHeap(null, "SIGTERM")).toBe(false);
  });
});

describe("reconcileChildArgs", () => {
  it("runs the CLI's report-only reconcile with the daemon's config, run id, instant, entities and a summary file (totals only)", () => {
    const args = reconcileChildArgs(
      { cliPath: "/app/dist/cli.js", heapMb: 2048, configFile: "/etc/ps.yaml", mappingsDir: "/app/mappings", runId: "reconcile-1", now: new Date("2026-11-30T03:17:00Z"), entities: ["Partner", "DealRegistration"] },
      "warn", "/tmp/r/summary.json", ["--max-old-space-size=160", "--max-semi-space-size=4"],
    );
    expect(args).toEqual([
      "--max-old-space-size=2048", "/app/dist/cli.js", "--config", "/etc/ps.yaml", "--log-level", "warn",
      "reconcile", "--run-id", "reconcile-1", "--now", "2026-11-30T03:17:00.000Z", "--mappings", "/app/mappings",
      "--entity", "Partner", "DealRegistration", "--format", "summary", "--out", "/tmp/r/summary.json",
    ]);
    expect(args).not.toContain("--apply");
    const bare = reconcileChildArgs({ cliPath: "c.js", heapMb: 64, configFile: undefined, mappingsDir: "m", runId: "reconcile-2", now: new Date(0) }, "info", "o.json", []);
    expect(bare).not.toContain("--config");
    expect(bare).not.toContain("--entity");
  });
});

describe("childFailure", () => {
  it("names what ended a reconcile child and what to do about it", () => {
    expect(childFailure(null, "SIGABRT", null, 4096)).toMatchObject({ errorCode: "PS_E_HEAP_TOO_SMALL", error: expect.stringMatching(/ran out of its 4096 MB heap.*reconcile\.heapMb/) });
    expect(childFailure(null, "SIGKILL", null, 4096)).toMatchObject({ errorCode: "RUN_FAILED", error: expect.stringMatching(/SIGKILL, exit 137.*out-of-memory killer.*reconcile\.heapMb \(4096 MB\)/) });
    expect(childFailure(2, null, { code: "PS_E_CONFIG_INVALID", lines: ["configuration has 1 problem:", "  - x: y"] }, 4096)).toEqual({ errorCode: "PS_E_CONFIG_INVALID", error: "configuration has 1 problem:\n  - x: y" });
    expect(childFailure(1, null, { code: undefined, lines: ["unexpected error: boom"] }, 4096)).toEqual({ errorCode: "RUN_FAILED", error: "unexpected error: boom" });
    expect(childFailure(1, null, null, 4096)).toEqual({ errorCode: "RUN_FAILED", error: "the reconcile child process exited with 1" });
  });
});
