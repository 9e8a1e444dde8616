import { describe, expect, it } from "vitest";
import { loadMappings } from "../../src/mapping/load-mappings.js";
import { formatMappingProblem } from "../../src/mapping/mapping-problem.js";
import { shippedSources } from "./shipped-mappings.js";

const file = (text: string, path = "mappings/salesforce.yaml") => [{ path, text }];
const problems = (text: string) => {
  const r = loadMappings(file(text));
  if (r.ok) throw new Error("expected problems");
  return r.problems;
};

const HEAD = `system: salesforce
entities:
  Partner:
    object: Account
    key: { canonical: portal, ids: { salesforce: Id, portal: Portal_Id__c } }
    fields:
`;

describe("loadMappings", () => {
  it("loads the shipped mappings", () => {
    const r = loadMappings(shippedSources());
    expect(r.ok && r.mappings.entities.length).toBe(16);
  });

  it("names file, entity, field and line of a schema error, and the unknown key", () => {
    const ps = problems(`${HEAD}      name: { field: Name, type: string, owner: portal, colour: red }\n`);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ file: "mappings/salesforce.yaml", entity: "Partner", field: "name", line: 7 });
    expect(ps[0]?.message).toContain("colour");
    expect(formatMappingProblem(ps[0] ?? { file: "", message: "" })).toMatch(/^mappings\/salesforce\.yaml:7 › Partner › name: /);
  });

  it("reports every problem at once, with did-you-mean for transforms, fields and entities", () => {
    const ps = problems(`system: salesforce
entities:
  Partner:
    object: Account
    key: { canonical: portal, ids: { salesforce: Id, portal: Portal_Id__c } }
    fields:
      name: { field: Name, type: string, owner: portal, transform: trimm }
      trak: { field: Partner_Track__c, type: string, owner: salesforce }
      agreementSigned: { field: X__c, type: string, owner: salesforce }
  DealRegistraton:
    object: Deal_Registration__c
    key: { canonical: portal, ids: { salesforce: Id } }
    fields: {}
`);
    const msgs = ps.map((p) => `${p.entity}.${p.field ?? ""} @${p.line}: ${p.message}`);
    expect(msgs).toEqual([
      'Partner.name @7: unknown transform "trimm" (did you mean "trim"?)',
      'Partner.trak @8: "trak" is not a canonical field of Partner (did you mean "track"?)',
      "Partner.agreementSigned @9: type string does not fit Partner.agreementSigned, which is boolean",
      expect.stringMatching(/^DealRegistraton\. @11: unknown canonical entity "DealRegistraton" \(did you mean "DealRegistration"\?\)/),
    ]);
  });

  it("checks a transform's arguments and its output type", () => {
    const ps = problems(`${HEAD}      track: { field: T, type: string, owner: salesforce, transform: { name: picklist, args: { valuez: [A] } } }
      agreementSignedAt: { field: D, type: datetime, owner: salesforce, transform: date }
`);
    expect(ps.map((p) => `${p.field}: ${p.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^track: transform picklist args: Unrecognized key.*valuez/),
      "agreementSignedAt: transform date produces date, not datetime",
    ]));
    expect(ps.every((p) => p.entity === "Partner")).toBe(true);
  });

  it("money needs its transform; id is not a field", () => {
    const ps = problems(`system: salesforce
entities:
  Opportunity:
    object: Opportunity
    key: { canonical: salesforce, ids: { salesforce: Id } }
    fields:
      netArr: { field: Net_ARR__c, type: money, owner: salesforce }
      id: { field: Id, type: string, owner: salesforce }
`);
    expect(ps.map((p) => `${p.field}: ${p.message}`)).toEqual([
      "netArr: type money needs a transform (e.g. money with currencyField)",
      "id: `id` is not a field: it comes from the entity's `key`",
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const ps = problems("system: salesforce\nentities:\n  Partner: [\n");
    expect(ps[0]).toMatchObject({ file: "mappings/salesforce.yaml", line: expect.any(Number) });
    expect(ps[0]?.message).toMatch(/^YAML: /);
  });

  it("refuses two files for one system and disagreeing canonical keys", () => {
    const a = `${HEAD}      name: { field: Name, type: string, owner: portal }\n`;
    const b = a.replace("canonical: portal", "canonical: salesforce");
    const r = loadMappings([{ path: "a.yaml", text: a }, { path: "b.yaml", text: b }]);
    expect(r.ok === false && r.problems.map((p) => p.message)).toEqual([
      "system salesforce is already mapped by a.yaml: one file per system",
      "key.canonical is salesforce here but portal in a.yaml: an entity has one canonical id",
    ]);
  });
});
