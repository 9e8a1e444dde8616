// A small tenant for the portal emulator tests: an Account object exercising every data type and
// the awkward key shapes (CrmId, Partner_Track__cf, NFR_Seats__cf, URLValue__cf).
import type { SandboxCredentials, SandboxData } from "../../../src/sandbox/contracts.js";

export const credentials: SandboxCredentials["portal"] = { tenantId: 4711, apiKey: "key-4711" };
export const otherTenant: SandboxCredentials["portal"] = { tenantId: 4712, apiKey: "key-4712" };

export const T0 = new Date("2026-05-01T12:00:00Z");

export function portalSeed(): SandboxData["portal"] {
  return {
    objects: [
      {
        name: "Account",
        label: "Partner Account",
        fields: [
          { name: "Name", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: true, maxLength: 40 },
          { name: "CrmId", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: false, maxLength: 18 },
          {
            name: "Partner_Track__cf",
            dataType: "Picklist",
            isReadOnly: false,
            isFilterable: true,
            isRequired: false,
            picklistValues: ["Select", "Open", "Professional Services"],
          },
          { name: "NFR_Seats__cf", dataType: "Integer", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "Is_Active__cf", dataType: "Boolean", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "Revenue__cf", dataType: "Decimal", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "Renewal_Date__cf", dataType: "Date", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "Last_Audit__cf", dataType: "DateTime", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "URLValue__cf", dataType: "Url", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "Tier_Code__cf", dataType: "Text", isReadOnly: true, isFilterable: true, isRequired: false },
          { name: "Notes__cf", dataType: "Text", isReadOnly: false, isFilterable: false, isRequired: false },
        ],
      },
      {
        name: "Deal_Registration__c",
        fields: [{ name: "Deal_Name__cf", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: true }],
      },
    ],
    records: {
      Account: [
        { Id: 1, Name: "Acme", CrmId: "001A", Partner_Track__cf: "Select", NFR_Seats__cf: 5, Is_Active__cf: true, Revenue__cf: 1250.5, Renewal_Date__cf: "2026-07-01", Last_Audit__cf: "2026-03-01T10:00:00Z", Updated: "2026-04-01T00:00:00Z" },
        { Id: 2, Name: "Beta O'Brien", CrmId: null, Partner_Track__cf: "Open", NFR_Seats__cf: 0, Is_Active__cf: false, Revenue__cf: 99.99, Renewal_Date__cf: "2026-01-15", Last_Audit__cf: "2026-03-01T04:00:00-06:00", Updated: "2026-04-02T00:00:00Z" },
        { Id: 3, Name: "gamma", CrmId: "001C", Partner_Track__cf: "Professional Services", NFR_Seats__cf: 12, Is_Active__cf: true, Revenue__cf: null, Renewal_Date__cf: null, Last_Audit__cf: null, Updated: "2026-04-02T00:00:00Z" },
        { Id: 4, Name: "Delta 100%", CrmId: "001D", Partner_Track__cf: null, NFR_Seats__cf: null, Is_Active__cf: null, Revenue__cf: 0, Renewal_Date__cf: "2027-01-01", Last_Audit__cf: "2026-03-01T09:59:59Z", Updated: "2026-04-03T00:00:00Z" },
        { Id: 5, Name: "Epsilon", CrmId: "001E", Partner_Track__cf: "Select", NFR_Seats__cf: 3, Is_Active__cf: true, Revenue__cf: 5000, Renewal_Date__cf: "2026-07-01", Last_Audit__cf: "2026-03-01T10:00:01Z", Updated: "2026-04-01T00:00:00Z" },
      ],
    },
  };
}

/** `n` plain accounts, for paging and throughput. */
export function bigSeed(n: number): SandboxData["portal"] {
  const seed = portalSeed();
  seed.records.Account = Array.from({ length: n }, (_, i) => ({
    Name: `Partner ${String(i + 1).padStart(6, "0")}`,
    NFR_Seats__cf: i % 7,
    Is_Active__cf: i % 2 === 0,
    Updated: new Date(Date.UTC(2026, 0, 1) + (i % 1000) * 60_000).toISOString(),
  }));
  return seed;
}
