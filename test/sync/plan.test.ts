import { describe, expect, it } from "vitest";
import { planEntity, type EntityPlanSpec, type JoinedEntity } from "../../src/sync/plan.js";

const spec: EntityPlanSpec = {
  entity: "Partner",
  createIn: ["salesforce"],
  fields: [
    { field: "name", owner: "portal", targets: ["salesforce"] },
    { field: "track", owner: "salesforce", targets: ["portal"] },
    { field: "agreementSignedAt", owner: "salesforce", targets: ["portal"] },
    { field: "bankingStatus", owner: "coupa", targets: ["portal", "salesforce"] },
    { field: "derived.reasonCodes", owner: "partner-sync", targets: ["salesforce"] },
  ],
};

const joined = (views: JoinedEntity["views"]): JoinedEntity => ({ entity: "Partner", key: "P-1", views });

describe("planEntity", () => {
  it("writes nothing when every receiver already holds the owner's value, whatever the format", () => {
    const at = "2026-05-07T22:07:19.000Z";
    const writes = planEntity(
      joined({
        portal: { id: "1", values: { name: "Acme", track: "Select", agreementSignedAt: new Date(at), bankingStatus: "connected" }, changedSinceSync: false },
        salesforce: { id: "001", values: { name: "Acme", track: "Select", agreementSignedAt: new Date(at), bankingStatus: "connected" }, changedSinceSync: false },
        coupa: { values: { bankingStatus: "connected" }, changedSinceSync: false },
      }),
      spec,
    );
    expect(writes).toEqual([]);
  });

  it("sends each field from its owner to its receivers only", () => {
    const writes = planEntity(
      joined({
        portal: { id: "1", values: { name: "Acme Corp", track: "Open", bankingStatus: "none" }, changedSinceSync: false },
        salesforce: { id: "001", values: { name: "Acme", track: "Select", bankingStatus: "none" }, changedSinceSync: false },
        coupa: { values: { bankingStatus: "connected" }, changedSinceSync: false },
      }),
      spec,
    );
    expect(writes).toEqual([
      { entity: "Partner", key: "P-1", system: "salesforce", systemId: "001", create: false, reasons: [], changes: [
        { field: "name", from: "Acme", to: "Acme Corp", owner: "portal", drift: false },
        { field: "bankingStatus", from: "none", to: "connected", owner: "coupa", drift: false },
      ] },
      { entity: "Partner", key: "P-1", system: "portal", systemId: "1", create: false, reasons: [], changes: [
        { field: "track", from: "Open", to: "Select", owner: "salesforce", drift: false },
        { field: "bankingStatus", from: "none", to: "connected", owner: "coupa", drift: false },
      ] },
    ]);
  });

  it("flags drift when a receiver changed a field it does not own since the last sync", () => {
    const writes = planEntity(
      joined({
        portal: { id: "1", values: { name: "Acme", track: "Open" }, changedSinceSync: true },
        salesforce: { id: "001", values: { name: "Acme", track: "Select" }, changedSinceSync: false },
      }),
      spec,
    );
    expect(writes[0]!.changes).toEqual([{ field: "track", from: "Open", to: "Select", owner: "salesforce", drift: true }]);
  });

  it("creates a missing record only where the spec allows, and never from an absent owner", () => {
    const onlyPortal = planEntity(joined({ portal: { id: "1", values: { name: "Acme", track: "Open" }, changedSinceSync: true } }), spec);
    expect(onlyPortal).toEqual([
      { entity: "Partner", key: "P-1", system: "salesforce", create: true, reasons: [], changes: [{ field: "name", from: null, to: "Acme", owner: "portal", drift: false }] },
    ]);
    const onlySalesforce = planEntity(joined({ salesforce: { id: "001", values: { name: "Acme", track: "Select" }, changedSinceSync: true } }), spec);
    expect(onlySalesforce).toEqual([]); // the portal is not created into, and name's owner is absent
  });

  it("writes what the rules derived, with their reasons", () => {
    const reason = { rule: "ELIG-4", code: "NOT_COMPLIANT", message: "m" };
    const writes = planEntity(
      joined({ portal: { id: "1", values: { name: "Acme" }, changedSinceSync: false }, salesforce: { id: "001", values: { name: "Acme", "derived.reasonCodes": [] }, changedSinceSync: false } }),
      spec,
      { fields: { "derived.reasonCodes": ["NOT_COMPLIANT"] }, reasons: [reason] },
    );
    expect(writes).toEqual([
      { entity: "Partner", key: "P-1", system: "salesforce", systemId: "001", create: false, reasons: [reason], changes: [{ field: "derived.reasonCodes", from: [], to: ["NOT_COMPLIANT"], owner: "partner-sync", drift: false }] },
    ]);
  });
});
