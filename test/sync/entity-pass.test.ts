import { describe, expect, it } from "vitest";
import { readWindow } from "../../src/sync/entity-pass.js";

const runStart = new Date("2026-11-15T12:00:00Z");
const settings = { runStart, lookbackSeconds: 600, safetyLagSeconds: 5, full: false };

describe("read windows", () => {
  it("read everything on a first run (no watermark) and with --full", () => {
    expect(readWindow(undefined, settings)).toBeNull();
    expect(readWindow("2026-11-15T11:00:00.000Z", { ...settings, full: true })).toBeNull();
  });

  it("are [watermark − lookback, run start − safety lag)", () => {
    expect(readWindow("2026-11-15T11:00:00.000Z", settings)).toEqual({ start: new Date("2026-11-15T10:50:00Z"), end: new Date("2026-11-15T11:59:55Z") });
  });
});
