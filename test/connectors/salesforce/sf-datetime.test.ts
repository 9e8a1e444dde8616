import { describe, expect, it } from "vitest";
import { parseSfDateTime } from "../../../src/connectors/salesforce/sf-datetime.js";

describe("Salesforce datetimes", () => {
  it.each([
    ["2026-05-07T22:07:19.000+0000", "2026-05-07T22:07:19.000Z"],
    ["2026-05-07T22:07:19.000Z", "2026-05-07T22:07:19.000Z"],
    ["2026-05-08T00:07:19+02:00", "2026-05-07T22:07:19.000Z"],
    ["2026-05-07T17:07:19.5-0500", "2026-05-07T22:07:19.500Z"],
  ])("reads %s as the instant %s", (text, iso) => {
    expect(parseSfDateTime(text).toISOString()).toBe(iso);
  });

  it("orders by instant where the strings would order otherwise", () => {
    const a = "2026-05-07T23:00:00.000+0200"; // 21:00Z
    const b = "2026-05-07T22:00:00.000+0000"; // 22:00Z
    expect(a > b).toBe(true);
    expect(parseSfDateTime(a).getTime()).toBeLessThan(parseSfDateTime(b).getTime());
  });

  it.each(["2026-05-07", "yesterday", "2026-05-07T22:07:19", "2026-13-07T22:07:19Z"])("refuses %j", (text) => {
    expect(() => parseSfDateTime(text)).toThrow(TypeError);
  });
});
