import { describe, expect, it } from "vitest";
import { build, fwd, isBad, rev } from "./transform-harness.js";

describe("text transforms", () => {
  it("text passes text and rejects other types", () => {
    const t = build("text");
    expect(fwd(t, " a ")).toBe(" a ");
    expect(isBad(fwd(t, 5))).toBe(true);
  });
  it("trim trims and turns blank into null", () => {
    const t = build("trim");
    expect(fwd(t, "  Acme GmbH \n")).toBe("Acme GmbH");
    expect(fwd(t, "   ")).toBeNull();
    expect(rev(t, " x ")).toBe("x");
  });
  it("email lower-cases, trims, and rejects what is not an address", () => {
    const t = build("email");
    expect(fwd(t, " Ana.Lopez@Example.COM ")).toBe("ana.lopez@example.com");
    expect(isBad(fwd(t, "ana at example.com"))).toBe(true);
    expect(isBad(fwd(t, "ana@localhost"))).toBe(true);
  });
  it("id reads text or integer ids as text and writes integers when numeric", () => {
    const t = build("id", { numeric: true }, "portal");
    expect(fwd(t, 4711)).toBe("4711");
    expect(fwd(t, "001A")).toBe("001A");
    expect(rev(t, "4711")).toBe(4711);
    expect(isBad(rev(t, "001A"))).toBe(true);
    expect(isBad(fwd(t, 1.5))).toBe(true);
  });
});

describe("split transform", () => {
  const t = build("split", { separator: ";" });
  it("splits, trims and drops empties; null is the empty list", () => {
    expect(fwd(t, "006A; 006B;;")).toEqual(["006A", "006B"]);
    expect(fwd(t, null)).toEqual([]);
    expect(fwd(t, "")).toEqual([]);
  });
  it("joins on write; the empty list is null", () => {
    expect(rev(t, ["006A", "006B"])).toBe("006A;006B");
    expect(rev(t, [])).toBeNull();
    expect(isBad(rev(t, "006A"))).toBe(true);
  });
});

describe("join transform", () => {
  const t = build("join", { with: ["Last_Name"], copyTo: ["Full_Name"] }, "portal", "First_Name");
  it("joins the fields, skipping empty ones", () => {
    expect(fwd(t, "Ana María", { Last_Name: "López" })).toBe("Ana María López");
    expect(fwd(t, null, { last_Name: "Madonna" })).toBe("Madonna");
    expect(fwd(t, null, {})).toBeNull();
  });
  it("splits on write with the last word last, and copies the whole value", () => {
    const out: Record<string, unknown> = {};
    expect(rev(t, "Ana María López", out)).toBe("Ana María");
    expect(out).toEqual({ Last_Name: "López", Full_Name: "Ana María López" });
    const one: Record<string, unknown> = {};
    expect(rev(t, "Madonna", one)).toBeNull();
    expect(one).toMatchObject({ Last_Name: "Madonna" });
  });
});

describe("picklist transform", () => {
  const tier = build("picklist", { values: ["Starter", "Premium", "Ultimate"], map: { Silver: "Premium", Gold: "Ultimate" } });
  it("maps legacy values onto the canonical vocabulary", () => {
    expect(fwd(tier, "Silver")).toBe("Premium");
    expect(fwd(tier, "Ultimate")).toBe("Ultimate");
  });
  it("an unknown value is a bad value naming the known ones", () => {
    const v = fwd(tier, "Platinum");
    expect(isBad(v) && v.message).toContain('"Platinum" is not one of');
  });
  it("writes the canonical spelling where it exists, else the first mapped value, else `reverse`", () => {
    expect(rev(tier, "Premium")).toBe("Premium");
    expect(isBad(rev(tier, "Free"))).toBe(true);
    const compliant = build("picklist", { map: { "Good Standing": true, "Under Review": false, "Non-Compliant": false }, reverse: { false: "Non-Compliant" } });
    expect(fwd(compliant, "Under Review")).toBe(false);
    expect(rev(compliant, true)).toBe("Good Standing");
    expect(rev(compliant, false)).toBe("Non-Compliant");
  });
  it("needs values or map", () => {
    expect(() => build("picklist", {})).toThrow();
  });
});

describe("constant transform", () => {
  it("is the value both ways, whatever was there", () => {
    const t = build("constant", { value: "Ultimate" });
    expect(fwd(t, "Premium")).toBe("Ultimate");
    expect(rev(t, null)).toBe("Ultimate");
    expect(t.outputs).toEqual(["Ultimate"]);
  });
});
