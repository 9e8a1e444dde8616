import { describe, expect, it } from "vitest";
import type { DealRegistration } from "../../src/domain/deal-registration.js";
import type { EvaluationLicense } from "../../src/domain/evaluation-license.js";
import {
  evaluationIssuable,
  evaluationRequestKind,
  evaluationTerm,
  managedEvaluationCheck,
} from "../../src/rules/evaluation-licenses.js";

const DAY = 86_400_000;
const T0 = new Date("2026-04-10T14:00:00.000Z");
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

type Reg = Pick<DealRegistration, "id" | "partnerId" | "program" | "status">;
const reg = (o: Partial<Reg> = {}): Reg => ({ id: "DR-1", partnerId: "PA-1", program: "Deal Registration", status: "Submitted", ...o });
const request = { id: "EV-1", partnerId: "PA-1" };

describe("EVAL-1 evaluation license only for a properly registered deal", () => {
  it.each([
    ["Submitted", "issue", "REGISTERED_DEAL"],
    ["Approved", "issue", "REGISTERED_DEAL"],
    ["Rejected", "refuse", "REGISTRATION_NOT_ACTIVE"],
    ["Expired", "refuse", "REGISTRATION_NOT_ACTIVE"],
    ["Dissolved", "refuse", "REGISTRATION_NOT_ACTIVE"],
  ] as const)("registration %s → %s", (status, outcome, code) => {
    const d = evaluationIssuable(request, reg({ status }));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.reasons[0]?.rule).toBe("EVAL-1");
  });

  it.each([
    ["no registration", null, "NO_REGISTRATION"],
    ["another partner's registration", reg({ partnerId: "PA-2" }), "REGISTRATION_OF_ANOTHER_PARTNER"],
    ["a services-attach registration", reg({ program: "Service Attached Registration" }), "NOT_A_LICENSING_REGISTRATION"],
  ])("refuses %s", (_name, r, code) => {
    const d = evaluationIssuable(request, r);
    expect([d.outcome, ...codes(d)]).toEqual(["refuse", code]);
  });

  it("names the registration status in the refusal", () => {
    expect(evaluationIssuable(request, reg({ status: "Expired" })).reasons[0]?.message).toContain("DR-1 is Expired");
  });
});

describe("EVAL-1 30-day term", () => {
  it.each([
    ["exactly 30 days after issue", 30 * DAY, "active", "EVALUATION_ACTIVE"],
    ["30 days + 1 ms after issue", 30 * DAY + 1, "expired", "EVALUATION_EXPIRED"],
  ] as const)("%s → %s", (_name, ms, outcome, code) => {
    const d = evaluationTerm({ id: "EV-1", issuedAt: T0 }, at(ms));
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.expiresAt).toEqual(at(30 * DAY));
  });

  it("is not checkable without an issue instant", () => {
    const d = evaluationTerm({ id: "EV-1", issuedAt: null }, T0);
    expect([d.outcome, d.expiresAt, ...codes(d)]).toEqual(["not-checkable", null, "NOT_ISSUED"]);
  });
});

describe("EVAL-2 managed evaluation at the second renewal request (third license)", () => {
  const lic = (status: EvaluationLicense["status"], id = "x") => ({ id, status });
  it.each([
    ["no license before", [], "first", 1, "FIRST_EVALUATION"],
    ["one issued before", [lic("Expired")], "renewal", 2, "PLAIN_RENEWAL"],
    ["two issued before", [lic("Expired"), lic("Issued")], "managed", 3, "MANAGED_EVAL_REQUIRED"],
    ["three issued before", [lic("Expired"), lic("Expired"), lic("Expired")], "refuse", 4, "EVALUATION_LIMIT_REACHED"],
    ["one issued, one refused, one requested", [lic("Expired"), lic("Refused"), lic("Requested")], "renewal", 2, "PLAIN_RENEWAL"],
  ] as const)("%s → %s (license %i)", (_name, prior, outcome, sequence, code) => {
    const d = evaluationRequestKind("EV-9", prior);
    expect([d.outcome, d.sequence, ...codes(d)]).toEqual([outcome, sequence, code]);
  });

  type Check = Pick<EvaluationLicense, "id" | "sequence" | "managed" | "solutionsArchitectId">;
  const check = (o: Partial<Check>): Check => ({ id: "EV-3", sequence: 3, managed: true, solutionsArchitectId: "SA-1", ...o });
  it.each([
    ["license 2, unmanaged", check({ sequence: 2, managed: false, solutionsArchitectId: null }), "ok", "MANAGED_NOT_REQUIRED"],
    ["license 3, managed with an SA", check({}), "ok", "MANAGED_EVALUATION"],
    ["license 3, not managed", check({ managed: false }), "violation", "MANAGED_EVAL_REQUIRED"],
    ["license 3, managed without an SA", check({ solutionsArchitectId: null }), "violation", "MANAGED_EVAL_REQUIRED"],
  ] as const)("%s → %s", (_name, l, outcome, code) => {
    const d = managedEvaluationCheck(l);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });
});
