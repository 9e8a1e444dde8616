// Checks loaded mappings against what the systems say about themselves — Salesforce `describe`, the
// portal's `_describe`, Coupa's documented resources — before a run writes anything. Every problem
// names the mapping file, entity and field, and the describe fact it contradicts; a run with any
// problem refuses to start.
import type { PortalObjectDef, SfSObjectDescribe } from "../sandbox/contracts.js";
import { compileField, type CompiledField } from "./compile-field.js";
import { didYouMean } from "./did-you-mean.js";
import type { LoadedMappings, ResolvedEntity } from "./load-mappings.js";
import type { MappingProblem } from "./mapping-problem.js";
import { OWNERS } from "./mapping.schema.js";
import { TRANSFORMS } from "./transforms.js";

/** A Coupa resource as documented (Coupa has no describe endpoint). */
export interface CoupaResourceSchema {
  name: string;
  fields: readonly { path: string; type: string; values?: readonly string[] }[];
}

export interface SystemSchemas {
  salesforce: readonly SfSObjectDescribe[];
  portal: readonly PortalObjectDef[];
  coupa?: readonly CoupaResourceSchema[];
}

/** One system field as every describe can say it. */
interface FieldFacts {
  name: string;
  type: string;
  createable: boolean;
  updateable: boolean;
  length?: number;
  picklist?: readonly string[];
  externalKey: boolean;
}

interface ObjectFacts {
  name: string;
  fields: Map<string, FieldFacts>;
}

const lower = (s: string) => s.toLowerCase();

function sfObject(d: SfSObjectDescribe): ObjectFacts {
  return {
    name: d.name,
    fields: new Map(d.fields.map((f) => [lower(f.name), {
      name: f.name, type: f.type, createable: f.createable, updateable: f.updateable,
      ...(f.length === undefined ? {} : { length: f.length }),
      ...(f.picklistValues === undefined ? {} : { picklist: f.picklistValues.filter((p) => p.active).map((p) => p.value) }),
      externalKey: f.externalId || f.unique,
    }])),
  };
}

function portalObject(o: PortalObjectDef): ObjectFacts {
  return {
    name: o.name,
    fields: new Map(o.fields.map((f) => [lower(f.name), {
      name: f.name, type: f.dataType, createable: !f.isReadOnly, updateable: !f.isReadOnly,
      ...(f.maxLength === undefined ? {} : { length: f.maxLength }),
      ...(f.picklistValues === undefined ? {} : { picklist: f.picklistValues }),
      externalKey: f.name === "Id",
    }])),
  };
}

function coupaObject(r: CoupaResourceSchema): ObjectFacts {
  return {
    name: r.name,
    fields: new Map(r.fields.map((f) => [lower(f.path), {
      name: f.path, type: f.type, createable: false, updateable: false,
      ...(f.values === undefined ? {} : { picklist: f.values }), externalKey: f.path === "id",
    }])),
  };
}

const SYSTEM_LABEL = { salesforce: "Salesforce describe", portal: "portal _describe", coupa: "documented Coupa resource" } as const;

function checkEntity(e: ResolvedEntity, objects: Map<string, ObjectFacts>, m: LoadedMappings, problems: MappingProblem[]): void {
  const at = (field: string | undefined, message: string) =>
    problems.push({ file: e.file, entity: e.entity, ...(field === undefined ? {} : { field }), message });
  const obj = objects.get(lower(e.mapping.object));
  if (obj === undefined) {
    at(undefined, `object ${e.mapping.object} is not in the ${SYSTEM_LABEL[e.system]}${didYouMean(e.mapping.object, [...objects.values()].map((o) => o.name))}`);
    return;
  }
  const facts = (canonical: string | undefined, name: string): FieldFacts | undefined => {
    const f = obj.fields.get(lower(name));
    if (f === undefined) at(canonical, `${obj.name}.${name} is not in the ${SYSTEM_LABEL[e.system]}${didYouMean(name, [...obj.fields.values()].map((x) => x.name))}`);
    return f;
  };
  const writable = (canonical: string | undefined, f: FieldFacts, why: string) => {
    if (!f.createable) at(canonical, `${obj.name}.${f.name} is written (${why}) but is not createable`);
    if (!f.updateable) at(canonical, `${obj.name}.${f.name} is written (${why}) but is not updateable`);
  };

  for (const s of OWNERS) {
    const name = e.mapping.key.ids[s];
    if (name === undefined) continue;
    const f = facts(`key.ids.${s}`, name);
    if (f !== undefined && s !== e.system && e.system !== "coupa") writable(`key.ids.${s}`, f, `the ${s} id is sent with every write`);
  }
  if (e.mapping.key.upsertBy !== undefined) {
    const f = facts("key.upsertBy", e.mapping.key.upsertBy);
    if (f !== undefined && !f.externalKey) at("key.upsertBy", `${obj.name}.${f.name} is the upsert key but is neither externalId nor unique in the ${SYSTEM_LABEL[e.system]}`);
  }
  for (const flt of e.mapping.filter ?? []) facts(`filter ${flt.field}`, flt.field);

  for (const rf of e.fields) {
    const cf: CompiledField = compileField(e.system, rf, m.canonicalSystem);
    const def = TRANSFORMS.get(rf.transform);
    const primary = facts(rf.path, rf.mapping.field);
    const extras = (cf.transform.extraFields ?? []).map((x) => facts(rf.path, x));
    if (primary === undefined) continue;
    const accepted = def?.accepts[e.system] ?? [];
    if (!accepted.includes(primary.type)) {
      at(rf.path, `${obj.name}.${primary.name} is ${primary.type} in the ${SYSTEM_LABEL[e.system]}; transform ${rf.transform} works on ${accepted.join(", ")}`);
    }
    if (!cf.writable) continue;
    const why = `owner ${cf.owner}, direction ${rf.direction}`;
    writable(rf.path, primary, why);
    for (const x of extras) if (x !== undefined) writable(rf.path, x, why);
    for (const out of cf.transform.outputs ?? []) {
      if (typeof out !== "string") continue;
      if (primary.picklist !== undefined && !primary.picklist.includes(out)) {
        at(rf.path, `writes "${out}", which is not among the picklist values of ${obj.name}.${primary.name} (${primary.picklist.join(", ")})`);
      }
      if (primary.length !== undefined && out.length > primary.length) {
        at(rf.path, `writes "${out}" (${out.length} characters), longer than ${obj.name}.${primary.name}'s length ${primary.length}`);
      }
    }
  }
}

/** Every problem of the mappings against the systems' schemas; empty when a run may start. */
export function checkAgainstDescribe(m: LoadedMappings, schemas: SystemSchemas): MappingProblem[] {
  const bySystem = {
    salesforce: new Map(schemas.salesforce.map((d) => [lower(d.name), sfObject(d)])),
    portal: new Map(schemas.portal.map((o) => [lower(o.name), portalObject(o)])),
    coupa: schemas.coupa === undefined ? undefined : new Map(schemas.coupa.map((r) => [lower(r.name), coupaObject(r)])),
  };
  const problems: MappingProblem[] = [];
  for (const e of m.entities) {
    const objects = bySystem[e.system];
    if (objects !== undefined) checkEntity(e, objects, m, problems);
  }
  return problems;
}
