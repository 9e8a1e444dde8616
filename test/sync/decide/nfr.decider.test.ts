import { describe, expect, it } from "vitest";
import { decide } from "../../../src/sync/decide/decide.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, nfrLicense, partner, person } from "./world-builders.js";

const certified = partner({ people: [person({ certifications: [{ name: "Solution Architect", earnedAt: at("2025-01-01T00:00:00Z"), expiresAt: null }] })] });
const world = (licenses: ReturnType<typeof nfrLicense>[], p = certified) => buildWorld(emptyWorld({ partners: [p], nfrLicenses: licenses }));
const writeOf = (d: ReturnType<typeof decide>, key: string) => d.writes.find((w) => w.entity === "NfrLicense" && w.key === key);

describe("NFR-4 expiry 12 months after the start", () => {
  it("writes the expiry and keeps the license Active at the expiry instant", () => {
    const d = decide(world([nfrLicense()]), context("2026-06-03T00:00:00Z"));
    expect(writeOf(d, "N1")?.fields).toMatchObject({ expiresAt: at("2026-06-03T00:00:00Z") });
    expect(writeOf(d, "N1")?.fields.status).toBeUndefined();
  });

  it("sets status Expired 1 ms later", () => {
    const d = decide(world([nfrLicense()]), context("2026-06-03T00:00:00.001Z"));
    expect(writeOf(d, "N1")?.fields).toMatchObject({ status: "Expired" });
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "NFR-4", code: "NFR_EXPIRED", severity: "action" }));
  });

  it("expires an add-on with the partner's oldest active license", () => {
    const addOn = nfrLicense({ id: "N2", isAddOn: true, startsAt: at("2025-12-01T00:00:00Z") });
    const d = decide(world([nfrLicense(), addOn]), context("2026-06-03T00:00:00.001Z"));
    expect(writeOf(d, "N2")?.fields).toMatchObject({ status: "Expired", expiresAt: at("2026-06-03T00:00:00Z") });
  });
});

describe("NFR-6 processing within two business days", () => {
  // Monday 10:00 → due Wednesday 10:00.
  const request = nfrLicense({ status: "Requested", requestedAt: at("2026-06-01T10:00:00Z"), processedAt: null, startsAt: null });

  it("flags nothing at the deadline instant and flags overdue 1 ms later", () => {
    expect(writeOf(decide(world([request]), context("2026-06-03T10:00:00Z")), "N1")?.fields["derived.processingOverdue"]).toBe(false);
    const d = decide(world([request]), context("2026-06-03T10:00:00.001Z"));
    expect(writeOf(d, "N1")?.fields["derived.processingOverdue"]).toBe(true);
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "NFR-6", code: "NFR_REQUEST_OVERDUE", severity: "violation" }));
  });

  it("takes the flag down once the request is processed", () => {
    const processed = { ...request, status: "Active" as const, processedAt: at("2026-06-04T00:00:00Z"), startsAt: at("2026-06-04T00:00:00Z") };
    const d = buildWorld(emptyWorld({ partners: [certified], nfrLicenses: [processed], derived: [{ entity: "NfrLicense", key: "N1", fields: { "derived.processingOverdue": true } }] }));
    expect(writeOf(decide(d, context("2026-06-05T00:00:00Z")), "N1")?.fields["derived.processingOverdue"]).toBe(false);
  });
});

describe("NFR-1..3, 5 on requests", () => {
  const now = "2026-06-01T12:00:00Z";
  const request = nfrLicense({ id: "N9", status: "Requested", requestedAt: at("2026-06-01T10:00:00Z"), processedAt: null, startsAt: null });

  it("reports a request over the Select seat limit without account-manager approval", () => {
    const d = decide(world([{ ...request, seats: 26 }]), context(now));
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "NFR-3", code: "NEEDS_ACCOUNT_MANAGER", key: "N9" }));
    expect(decide(world([{ ...request, seats: 25 }]), context(now)).findings.filter((f) => f.rule === "NFR-3")).toEqual([]);
  });

  it("reports a second active license of the same type and an ineligible partner", () => {
    const d = decide(world([nfrLicense(), request], partner({ compliant: false })), context(now));
    const codes = d.findings.filter((f) => f.key === "N9").map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["ACTIVE_LICENSE_EXISTS", "NOT_IN_GOOD_STANDING", "NO_CERTIFIED_PERSON"]));
  });

  it("writes the partner's form seat allowance", () => {
    const d = decide(world([nfrLicense()], partner({ track: "Open", people: certified.people })), context(now));
    expect(d.writes.find((w) => w.entity === "Partner")?.fields["derived.nfrSeatLimit"]).toBe(10);
  });
});
