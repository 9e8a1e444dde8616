import { describe, expect, it } from "vitest";
import { reason } from "../../../src/rules/decision.js";
import { DecisionSink } from "../../../src/sync/decide/decisions.js";
import { buildWorld } from "../../../src/sync/decide/world.js";
import { emptyWorld, registration } from "./world-builders.js";

const reg = registration({ id: "R1", status: "Approved", nextInLine: false });
const sinkOf = () => new DecisionSink(buildWorld(emptyWorld({ registrations: [reg] })));
const why = (code: string) => [reason("DR-4", code, `registration R1 ${code}`)];

describe("DecisionSink writes", () => {
  it("lays a write's changed fields out in code-unit order with its reason codes, whatever order they were proposed in", () => {
    const sink = sinkOf();
    sink.propose("DealRegistration", "R1", reg, { status: "Expired", rejectedAt: null, nextInLine: true, "derived.expiresAt": null }, why("EXPIRED"), { report: false });
    const [write] = sink.finish().writes;
    expect(Object.entries(write?.fields ?? {})).toEqual([["derived.reasonCodes", ["DR-4:EXPIRED"]], ["nextInLine", true], ["status", "Expired"]]);
  });

  it("sorts the fields of a record written by two proposes, reasons in the order given", () => {
    const sink = sinkOf();
    sink.propose("DealRegistration", "R1", reg, { status: "Expired" }, why("EXPIRED"), { report: false });
    sink.propose("DealRegistration", "R1", reg, { "derived.discountRate": 0.1 }, [reason("DISC-4", "CONFIGURED_RATE", "Select partnerSourced rate 0.1")], { report: false });
    const [write] = sink.finish().writes;
    expect(Object.keys(write?.fields ?? {})).toEqual(["derived.discountRate", "derived.reasonCodes", "status"]);
    expect(write?.fields["derived.reasonCodes"]).toEqual(["DR-4:EXPIRED", "DISC-4:CONFIGURED_RATE"]);
  });

  it("writes nothing when every proposed value is the world's, and builds no reasons", () => {
    const sink = sinkOf();
    let built = 0;
    expect(sink.propose("DealRegistration", "R1", reg, { status: "Approved", nextInLine: false }, () => (built++, why("X")))).toBe(false);
    expect([sink.finish().writes, built]).toEqual([[], 0]);
  });

  it("refuses two deciders that disagree on one field", () => {
    const sink = sinkOf();
    sink.propose("DealRegistration", "R1", reg, { status: "Expired" }, why("EXPIRED"), { report: false });
    expect(() => sink.propose("DealRegistration", "R1", reg, { status: "Rejected" }, why("REFUSED"), { report: false })).toThrow(/disagree/);
  });
});
