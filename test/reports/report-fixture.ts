// A hand-built reconcile report with one of everything the renderers must show: money, dates, an
// email and a phone, a conflict, quarantine, policy findings, and a long drift list.
import type { FieldDifference, ReconcileReport } from "../../src/reports/reconcile-report.js";

export function driftRows(n: number): FieldDifference[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `R-${i + 1}`, field: "customerName", owner: "portal" as const,
    values: { portal: `Customer ${i + 1}`, salesforce: `Old ${i + 1}` }, expected: `Customer ${i + 1}`, byRules: false,
    writeTo: ["salesforce" as const], editedIn: [],
  }));
}

export function sampleReport(driftCount = 3): ReconcileReport {
  return {
    header: {
      runId: "run-42", evaluatedAt: "2026-05-07T12:00:00.000Z", mode: "report", entities: ["DealRegistration", "RebateAccrual"],
      systems: [
        { system: "portal", readAt: "2026-05-07T12:00:01.000Z", records: 5 },
        { system: "salesforce", readAt: "2026-05-07T12:00:02.000Z", records: 4, newestChangeAt: "2026-05-07T11:59:00.000Z" },
        { system: "coupa", readAt: null, records: 0 },
      ],
    },
    totals: { records: 6, matched: 1, missing: 1, drift: driftCount + 2, driftRecords: driftCount + 1, conflicts: 1, quarantined: 1, plannedWrites: driftCount + 3, violations: 1, actions: 1 },
    entities: [
      {
        entity: "DealRegistration",
        counts: { records: 4, matched: 1, missing: 1, drift: driftCount + 1, driftRecords: driftCount + 1, conflicts: 1, quarantined: 1, plannedWrites: driftCount + 2 },
        matched: ["R-100"],
        missing: [{ key: "R-200", presentIn: ["portal"], missingIn: ["salesforce"], createdOnApply: ["salesforce"] }],
        drift: [
          ...driftRows(driftCount),
          { key: "R-300", field: "customerContactEmail", owner: "portal", values: { portal: "jane.doe@example.com", salesforce: "j.doe@old.example.org" }, expected: "jane.doe@example.com", byRules: false, writeTo: ["salesforce"], editedIn: ["salesforce"] },
        ],
        conflicts: [
          { key: "R-400", field: "status", owner: "salesforce", values: { portal: "Rejected", salesforce: "Approved" }, expected: "Approved", byRules: false, writeTo: ["portal"], editedIn: ["portal"], resolution: "owner-wins" },
        ],
        quarantined: [{ key: "R-500", system: "portal", stage: "normalize", errorCode: "PS_E_MAPPING_BAD_VALUE", errorMessage: "Contact_Email__cf: bob@partner.example is | not valid", attempts: 3, firstSeenAt: "2026-05-01T00:00:00.000Z", lastSeenAt: "2026-05-07T00:00:00.000Z" }],
      },
      {
        entity: "RebateAccrual",
        counts: { records: 2, matched: 0, missing: 0, drift: 1, driftRecords: 1, conflicts: 0, quarantined: 0, plannedWrites: 1 },
        matched: [],
        missing: [],
        drift: [
          { key: "A-1", field: "amount", owner: "partner-sync", values: { salesforce: { amountMinor: 100000, currency: "USD" }, "partner-sync": { amountMinor: 125000, currency: "USD" } }, expected: { amountMinor: 125000, currency: "USD" }, byRules: true, writeTo: ["salesforce"], editedIn: [] },
        ],
        conflicts: [],
        quarantined: [],
      },
    ],
    policy: {
      evaluated: true,
      counts: [{ rule: "DR-4", violation: 0, action: 1, "not-checkable": 0, info: 0 }, { rule: "PAY-3", violation: 1, action: 0, "not-checkable": 0, info: 0 }],
      items: [
        { rule: "PAY-3", code: "NO_BANKING", severity: "violation", message: "no banking details; ask finance@acme.example", entity: "Partner", key: "P-1", related: [{ entity: "RebateAccrual", key: "A-1" }] },
        { rule: "DR-4", code: "EXPIRED", severity: "action", message: "approved 2026-01-01, 90 days passed", entity: "DealRegistration", key: "R-400", related: [] },
      ],
    },
  };
}
