import { describe, expect, it } from "vitest";
import type { QuarantineEntry } from "../../src/store/quarantine.repo.js";
import type { PolicyFinding } from "../../src/sync/decide/decisions.js";
import type { EntityPlanSpec, JoinedEntity, SystemView } from "../../src/sync/plan.js";
import { compareSystems, type CompareInput } from "../../src/sync/reconcile-compare.js";

const partnerSpec: EntityPlanSpec = {
  entity: "Partner",
  createIn: ["salesforce"],
  fields: [
    { field: "name", owner: "portal", targets: ["salesforce"] },
    { field: "track", owner: "salesforce", targets: ["portal"] },
    { field: "derived.nfrSeatLimit", owner: "partner-sync", targets: ["salesforce", "portal"] },
  ],
};
const bankingSpec: EntityPlanSpec = {
  entity: "SupplierBanking",
  createIn: [],
  fields: [{ field: "status", owner: "coupa", targets: ["salesforce"] }],
};

const view = (values: Record<string, unknown>, changedSinceSync = false, id?: string): SystemView => ({ ...(id === undefined ? {} : { id }), values, changedSinceSync });
const partner = (key: string, views: JoinedEntity["views"]): JoinedEntity => ({ entity: "Partner", key, views });
const same = { name: "Acme", track: "Select" };

function input(joined: JoinedEntity[], extra: Partial<CompareInput> = {}): CompareInput {
  return { runId: "run-1", evaluatedAt: new Date("2026-05-07T12:00:00Z"), mode: "report", specs: [partnerSpec, bankingSpec], joined, ...extra };
}

const quarantined = (key: string): QuarantineEntry => ({
  id: 1, entity: "Partner", key, system: "portal", stage: "normalize", errorCode: "PS_E_MAPPING_BAD_VALUE", errorMessage: "Track__cf: 'Gold' is not a value",
  payload: {}, status: "open", attempts: 2, firstRunId: "r0", lastRunId: "r1", firstSeenAt: "2026-05-01T00:00:00.000Z", lastSeenAt: "2026-05-06T00:00:00.000Z", resolvedAt: null,
});

describe("compareSystems", () => {
  it("counts a record identical in every system that receives it as matched", () => {
    const r = compareSystems(input([partner("P-1", { portal: view(same), salesforce: view(same) })]));
    const p = r.entities.find((e) => e.entity === "Partner")!;
    expect(p.matched).toEqual(["P-1"]);
    expect(p.counts).toMatchObject({ records: 1, matched: 1, missing: 0, drift: 0, conflicts: 0, plannedWrites: 0 });
    expect(r.header.systems).toEqual([
      { system: "portal", readAt: null, records: 1 },
      { system: "salesforce", readAt: null, records: 1 },
      { system: "coupa", readAt: null, records: 0 },
    ]);
  });

  it("reports a record missing in a system, and where --apply creates it", () => {
    const r = compareSystems(input([
      partner("P-2", { portal: view(same) }),
      partner("P-3", { salesforce: view(same) }),
    ]));
    const p = r.entities.find((e) => e.entity === "Partner")!;
    expect(p.missing).toEqual([
      { key: "P-2", presentIn: ["portal"], missingIn: ["salesforce"], createdOnApply: ["salesforce"] },
      // The portal creates partners itself: partner-sync does not, so ops must act.
      { key: "P-3", presentIn: ["salesforce"], missingIn: ["portal"], createdOnApply: [] },
    ]);
    expect(p.matched).toEqual([]);
    expect(p.drift).toEqual([]);
  });

  it("reports drift field by field with every system's value, the owner and who gets written", () => {
    const r = compareSystems(input([partner("P-4", { portal: view({ name: "Acme Corp", track: "Open" }, true, "7"), salesforce: view({ name: "Acme", track: "Select" }, false, "001") })]));
    const p = r.entities.find((e) => e.entity === "Partner")!;
    expect(p.drift).toEqual([
      { key: "P-4", field: "name", owner: "portal", values: { portal: "Acme Corp", salesforce: "Acme" }, expected: "Acme Corp", byRules: false, writeTo: ["salesforce"], editedIn: [] },
      { key: "P-4", field: "track", owner: "salesforce", values: { portal: "Open", salesforce: "Select" }, expected: "Select", byRules: false, writeTo: ["portal"], editedIn: ["portal"] },
    ]);
    expect(p.counts).toMatchObject({ drift: 2, driftRecords: 1, plannedWrites: 2, matched: 0 });
  });

  it("reports a difference where owner and receiver both changed since the last sync as a conflict, not as drift", () => {
    const r = compareSystems(input([partner("P-5", { portal: view({ name: "Acme", track: "Open" }, true), salesforce: view({ name: "Acme", track: "Select" }, true) })]));
    const p = r.entities.find((e) => e.entity === "Partner")!;
    // name: both equal → nothing; track: owner salesforce changed, receiver portal changed → conflict.
    expect(p.conflicts).toEqual([
      { key: "P-5", field: "track", owner: "salesforce", values: { portal: "Open", salesforce: "Select" }, expected: "Select", byRules: false, writeTo: ["portal"], editedIn: ["portal"], resolution: "owner-wins" },
    ]);
    expect(p.drift).toEqual([]);
    expect(p.counts.conflicts).toBe(1);
  });

  it("reports values the rules derived that the systems do not hold yet, with partner-sync as owner", () => {
    const r = compareSystems(input([partner("P-6", { portal: view(same), salesforce: view({ ...same, "derived.nfrSeatLimit": 5 }) })], {
      derived: [{ entity: "Partner", key: "P-6", fields: { "derived.nfrSeatLimit": 10 }, reasons: [{ rule: "NFR-2", code: "SEATS", message: "Select partners get 10 seats" }] }],
    }));
    const p = r.entities.find((e) => e.entity === "Partner")!;
    expect(p.drift).toEqual([
      { key: "P-6", field: "derived.nfrSeatLimit", owner: "partner-sync", values: { portal: null, salesforce: 5, "partner-sync": 10 }, expected: 10, byRules: true, writeTo: ["portal", "salesforce"], editedIn: [] },
    ]);
  });

  it("shows a rule's decision on a field another system owns as the rules' value, written to the owner too, never as a conflict", () => {
    const regSpec: EntityPlanSpec = { entity: "DealRegistration", createIn: [], fields: [{ field: "status", owner: "salesforce", targets: ["portal"], derivedTargets: ["portal", "salesforce"] }] };
    const r = compareSystems(input([{ entity: "DealRegistration", key: "R-1", views: { portal: view({ status: "Approved" }, true), salesforce: view({ status: "Approved" }, true) } }], {
      specs: [regSpec],
      derived: [{ entity: "DealRegistration", key: "R-1", fields: { status: "Expired" }, reasons: [{ rule: "DR-4", code: "EXPIRED", message: "approved 2026-01-01, 90 days passed" }] }],
    }));
    const e = r.entities[0]!;
    expect(e.conflicts).toEqual([]);
    expect(e.drift).toEqual([
      { key: "R-1", field: "status", owner: "salesforce", values: { portal: "Approved", salesforce: "Approved", "partner-sync": "Expired" }, expected: "Expired", byRules: true, writeTo: ["portal", "salesforce"], editedIn: ["portal", "salesforce"] },
    ]);
  });

  it("lists open quarantine entries of the entity and does not call their records matched", () => {
    const r = compareSystems(input([partner("P-7", { portal: view(same), salesforce: view(same) })], {
      quarantine: [quarantined("P-7"), { ...quarantined("P-8"), id: 2 }, { ...quarantined("P-9"), id: 3, status: "replayed" }, { ...quarantined("S-1"), id: 4, entity: "SupplierBanking" }],
    }));
    const p = r.entities.find((e) => e.entity === "Partner")!;
    expect(p.quarantined.map((q) => q.key)).toEqual(["P-7", "P-8"]);
    expect(p.matched).toEqual([]);
    expect(p.counts).toMatchObject({ records: 2, quarantined: 2 });
    expect(r.entities.find((e) => e.entity === "SupplierBanking")!.counts.quarantined).toBe(1);
  });

  it("gives open entries under a name no mapping compares (Coupa invoices) a section of their own, in order, counted in the totals", () => {
    const invoice = (key: string, id: number, status: QuarantineEntry["status"] = "open"): QuarantineEntry => ({
      ...quarantined(key), id, entity: "CoupaInvoice", system: "coupa", stage: "join", errorCode: "PS_E_INVOICE_NO_ACCRUAL", errorMessage: `Coupa invoice ${key} matches no rebate accrual`, status,
    });
    const all = input([], { quarantine: [invoice("REB-2", 5), invoice("REB-1", 6), invoice("REB-0", 7, "discarded"), quarantined("P-7")] });
    const r = compareSystems(all);
    expect(r.entities.map((e) => e.entity)).toEqual(["CoupaInvoice", "Partner", "SupplierBanking"]);
    expect(r.header.entities).toEqual(["CoupaInvoice", "Partner", "SupplierBanking"]);
    const held = r.entities[0]!;
    expect(held.quarantined.map((q) => [q.key, q.errorCode])).toEqual([["REB-1", "PS_E_INVOICE_NO_ACCRUAL"], ["REB-2", "PS_E_INVOICE_NO_ACCRUAL"]]);
    expect(held.counts).toMatchObject({ records: 2, matched: 0, missing: 0, drift: 0, quarantined: 2, plannedWrites: 0 });
    expect(r.totals.quarantined).toBe(3);
    // A report of other entities leaves them out.
    expect(compareSystems({ ...all, entities: ["Partner"] }).entities.map((e) => e.entity)).toEqual(["Partner"]);
  });

  it("describes the runner's own planned writes when they are given instead of planning again", () => {
    const r = compareSystems(input([partner("P-10", { portal: view({ name: "Acme Corp", track: "Select" }), salesforce: view(same, false, "001") })], {
      writes: [],
    }));
    // No planned write (e.g. the runner withheld it): the report must not promise one.
    expect(r.entities.find((e) => e.entity === "Partner")!.drift).toEqual([]);
  });

  it("keeps only the entities asked for, and their policy findings plus the world-wide ones", () => {
    const findings: PolicyFinding[] = [
      { rule: "PAY-3", code: "NO_BANKING", message: "no banking", severity: "violation", entity: "SupplierBanking", key: "S-1" },
      { rule: "NFR-2", code: "SEATS", message: "limit", severity: "action", entity: "Partner", key: "P-1" },
      { rule: "FY-1", code: "NO_CALENDAR", message: "no calendar", severity: "not-checkable", entity: "World", key: "*" },
    ];
    const r = compareSystems(input([], { entities: ["Partner"], findings }));
    expect(r.header.entities).toEqual(["Partner"]);
    expect(r.policy.items.map((i) => i.rule)).toEqual(["NFR-2", "FY-1"]);
  });

  it("orders the policy section violations first, rules in natural order, with per-rule counts", () => {
    const f = (rule: string, severity: PolicyFinding["severity"], key: string): PolicyFinding => ({ rule, code: "C", message: "m", severity, entity: "DealRegistration", key });
    const r = compareSystems(input([], { findings: [f("DR-10", "action", "R-1"), f("DR-4", "action", "R-2"), f("DR-4", "action", "R-1"), f("DR-9", "violation", "R-3")] }));
    expect(r.policy.items.map((i) => `${i.severity} ${i.rule} ${i.key}`)).toEqual(["violation DR-9 R-3", "action DR-4 R-1", "action DR-4 R-2", "action DR-10 R-1"]);
    expect(r.policy.counts).toEqual([
      { rule: "DR-4", violation: 0, action: 2, "not-checkable": 0, info: 0 },
      { rule: "DR-9", violation: 1, action: 0, "not-checkable": 0, info: 0 },
      { rule: "DR-10", violation: 0, action: 1, "not-checkable": 0, info: 0 },
    ]);
    expect(r.totals).toMatchObject({ violations: 1, actions: 3 });
  });

  it("says the rules were not evaluated when no findings are given", () => {
    expect(compareSystems(input([])).policy).toEqual({ evaluated: false, counts: [], items: [] });
  });

  it("gives the same report for shuffled input", () => {
    const records = [
      partner("P-10", { portal: view({ name: "B", track: "Open" }), salesforce: view({ name: "A", track: "Select" }) }),
      partner("P-9", { portal: view(same) }),
      partner("P-1", { portal: view(same), salesforce: view(same) }),
      partner("P-2", { portal: view({ name: "X", track: "Select" }, true), salesforce: view(same, true) }),
      { entity: "SupplierBanking", key: "S-1", views: { coupa: view({ status: "connected" }), salesforce: view({ status: "none" }) } },
    ];
    const findings: PolicyFinding[] = [
      { rule: "NFR-2", code: "SEATS", message: "limit", severity: "action", entity: "Partner", key: "P-9" },
      { rule: "NFR-2", code: "SEATS", message: "limit", severity: "action", entity: "Partner", key: "P-10" },
    ];
    const a = compareSystems(input(records, { findings, specs: [partnerSpec, bankingSpec] }));
    const b = compareSystems(input([...records].reverse(), { findings: [...findings].reverse(), specs: [bankingSpec, partnerSpec] }));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.entities.map((e) => e.entity)).toEqual(["Partner", "SupplierBanking"]);
    expect(a.entities[0]!.missing.map((m) => m.key)).toEqual(["P-9"]);
    expect(a.entities[0]!.drift.map((d) => `${d.key}.${d.field}`)).toEqual(["P-10.name", "P-10.track"]);
    expect(a.entities[0]!.conflicts.map((d) => `${d.key}.${d.field}`)).toEqual(["P-2.name"]);
    // P-10 ×2, P-2 to salesforce, P-9 created in salesforce, S-1 to salesforce.
    expect(a.totals).toMatchObject({ records: 5, matched: 1, missing: 1, drift: 3, conflicts: 1, plannedWrites: 5 });
  });
});
