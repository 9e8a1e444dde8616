import { describe, expect, it } from "vitest";
import { RunFindings } from "../../src/store/run-findings.js";

const f = (key: string, message: string, extra: Record<string, unknown> = {}) => ({ entity: "DealRegistration", key, rule: "DR-4", code: "EXPIRED", message, ...extra });

describe("a run's findings", () => {
  it("keep one finding per entity, key, rule, code and message: the latest report, at the first one's place", () => {
    const kept = new RunFindings<ReturnType<typeof f>>();
    kept.add([f("r2", "expired", { severity: "info" }), f("r1", "expired")]);
    kept.add([f("r2", "expired", { severity: "warning" }), f("r2", "expired again"), f("r3", "expired")]);
    expect(kept.size).toBe(4);
    expect(kept.all()).toEqual([f("r2", "expired", { severity: "warning" }), f("r1", "expired"), f("r2", "expired again"), f("r3", "expired")]);
    kept.close();
  });

  it("hold nothing when nothing was reported, and give back what JSON holds", () => {
    const kept = new RunFindings();
    kept.add([]);
    expect(kept.all()).toEqual([]);
    const related = [{ entity: "Opportunity", key: "o1" }];
    kept.add([{ ...f("r1", "ünïcode ✓"), related } as never]);
    expect(kept.all()).toEqual([{ ...f("r1", "ünïcode ✓"), related }]);
    kept.close();
  });
});
