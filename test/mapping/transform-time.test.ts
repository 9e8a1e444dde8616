import { describe, expect, it } from "vitest";
import { build, fwd, isBad, rev } from "./transform-harness.js";

describe("date transform", () => {
  const t = build("date");
  it.each([
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["2000-02-29", "2000-02-29T00:00:00.000Z"],
    ["2026-12-31", "2026-12-31T00:00:00.000Z"],
    ["2026-05-16T00:00:00-06:00", "2026-05-16T00:00:00.000Z"],
  ])("reads %s as 00:00Z of that day", (raw, iso) => {
    expect((fwd(t, raw) as Date).toISOString()).toBe(iso);
  });
  it.each(["2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-5-1", "16/05/2026", 20260516])("rejects %s as a bad value", (raw) => {
    expect(isBad(fwd(t, raw))).toBe(true);
  });
  it("writes the UTC day of the instant", () => {
    expect(rev(t, new Date("2024-02-29T00:00:00Z"))).toBe("2024-02-29");
    expect(rev(t, new Date("2026-05-16T23:59:59Z"))).toBe("2026-05-16");
    expect(isBad(rev(t, new Date("nope")))).toBe(true);
  });
});

describe("datetime transform", () => {
  const sf = build("datetime", { format: "salesforce" });
  const portal = build("datetime", { format: "iso", offset: "-06:00" }, "portal");
  const utc = build("datetime", { format: "iso" }, "coupa");

  it("reads Salesforce, portal and Coupa forms of the same instant equally", () => {
    const a = fwd(sf, "2026-05-07T22:07:19.000+0000") as Date;
    expect(a.toISOString()).toBe("2026-05-07T22:07:19.000Z");
    expect((fwd(portal, "2026-05-07T16:07:19-06:00") as Date).getTime()).toBe(a.getTime());
    expect((fwd(utc, "2026-05-07T15:07:19-07:00") as Date).getTime()).toBe(a.getTime());
    expect((fwd(utc, "2026-05-08T03:37:19+05:30") as Date).getTime()).toBe(a.getTime());
    expect((fwd(utc, "2026-05-07T22:07:19Z") as Date).getTime()).toBe(a.getTime());
  });

  it("keeps milliseconds and ignores digits below them", () => {
    expect((fwd(sf, "2026-05-07T22:07:19.123456+0000") as Date).toISOString()).toBe("2026-05-07T22:07:19.123Z");
    expect((fwd(sf, "2026-05-07T22:07:19.5Z") as Date).toISOString()).toBe("2026-05-07T22:07:19.500Z");
  });

  it("crosses the day (and leap day) through the offset", () => {
    expect((fwd(portal, "2024-02-29T20:00:00-06:00") as Date).toISOString()).toBe("2024-03-01T02:00:00.000Z");
    expect(rev(portal, new Date("2024-03-01T02:00:00Z"))).toBe("2024-02-29T20:00:00-06:00");
  });

  it.each(["2026-05-07T22:07:19", "2026-05-07 22:07:19Z", "2026-02-30T00:00:00Z", "2026-05-07T24:00:00Z", "yesterday", 1715119639000])(
    "rejects %s (no offset, no such instant, not text)",
    (raw) => expect(isBad(fwd(sf, raw))).toBe(true),
  );

  it("writes each system's own format", () => {
    const d = new Date("2026-05-07T22:07:19Z");
    expect(rev(sf, d)).toBe("2026-05-07T22:07:19.000+0000");
    expect(rev(portal, d)).toBe("2026-05-07T16:07:19-06:00");
    expect(rev(utc, d)).toBe("2026-05-07T22:07:19Z");
    expect(rev(build("datetime", { format: "iso", offset: "+05:30" }), d)).toBe("2026-05-08T03:37:19+05:30");
  });

  it("rejects an offset argument that is not one", () => {
    expect(() => build("datetime", { format: "iso", offset: "CET" })).toThrow();
  });
});
