import { describe, expect, it } from "vitest";
import { decide } from "../../../src/sync/decide/decide.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { at, context, emptyWorld, evaluationLicense, opportunity, partner, registration } from "./world-builders.js";

const world = (licenses: ReturnType<typeof evaluationLicense>[], reg = registration()) =>
  buildWorld(emptyWorld({ partners: [partner()], opportunities: [opportunity()], registrations: [reg], evaluationLicenses: licenses }));
const writeOf = (d: ReturnType<typeof decide>) => d.writes.find((w) => w.entity === "EvaluationLicense");

describe("EVAL-1 30-day term and registered deal; EVAL-2 managed third license", () => {
  it("keeps an issued license at its 30-day instant and expires it 1 ms later", () => {
    expect(writeOf(decide(world([evaluationLicense()]), context("2026-04-01T00:00:00Z")))?.fields.status).toBeUndefined();
    expect(writeOf(decide(world([evaluationLicense()]), context("2026-04-01T00:00:00.001Z")))?.fields).toMatchObject({ status: "Expired", expiresAt: at("2026-04-01T00:00:00Z") });
  });

  it("reports a request for a registration that expires in this very pass", () => {
    const expiring = registration({ status: "Approved", originalApprovedAt: at("2026-01-01T00:00:00Z") });
    const d = decide(world([evaluationLicense({ status: "Requested", issuedAt: null })], expiring), context("2026-04-02T00:00:00Z"));
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "EVAL-1", code: "REGISTRATION_NOT_ACTIVE", key: "E1" }));
  });

  it("reports a third license that is not a managed evaluation", () => {
    const d = decide(world([evaluationLicense({ sequence: 3 })]), context("2026-03-10T00:00:00Z"));
    expect(d.findings).toContainEqual(expect.objectContaining({ rule: "EVAL-2", code: "MANAGED_EVAL_REQUIRED", severity: "violation" }));
  });
});
