// A dry run's plan: kept for the summary, or handed on line by line and not kept (the CLI prints
// each as planned, so a first dry run of a large org does not hold 100k+ lines to the end).
import { describe, expect, it } from "vitest";
import { PlanLines } from "../../src/sync/pass-context.js";

describe("PlanLines", () => {
  it("keeps the lines when nobody takes them, in order, and counts them", () => {
    const plan = new PlanLines();
    plan.push("a");
    plan.push("b");
    expect(plan.lines()).toEqual(["a", "b"]);
    expect(plan.count).toBe(2);
  });

  it("hands each line on as it comes and keeps none", () => {
    const seen: string[] = [];
    const plan = new PlanLines((line) => seen.push(line));
    for (let i = 0; i < 1_000; i++) plan.push(`line ${i}`);
    expect(seen).toHaveLength(1_000);
    expect(seen[999]).toBe("line 999");
    expect(plan.lines()).toEqual([]);
    expect(plan.count).toBe(1_000);
  });
});
