// The ONE place that turns mappings/*.yaml into validated mappings. It takes the files' contents as
// arguments (the CLI and the sync pass what they read), so loading is pure and every problem of
// every file is reported at once: file, entity, field, YAML line, and a "did you mean" where a
// name is close to a known one.
import { LineCounter, parseDocument, type Document } from "yaml";
import type { EntityName } from "./canonical-fields.js";
import type { MappingProblem } from "./mapping-problem.js";
import { mappingFileSchema, SYSTEMS, type EntityMapping, type Owner, type SystemId } from "./mapping.schema.js";
import { isEntityName, resolveField, unknownEntityMessage, type ResolvedField } from "./resolve-field.js";

export interface MappingSource {
  /** Shown in problems: a path relative to the working directory. */
  path: string;
  text: string;
}

export interface ResolvedEntity {
  file: string;
  system: SystemId;
  entity: EntityName;
  mapping: EntityMapping;
  fields: ResolvedField[];
}

export interface LoadedMappings {
  entities: ResolvedEntity[];
  /** Per entity: the system whose id is its canonical id (all files agree). */
  canonicalSystem: Partial<Record<EntityName, Owner>>;
}

export type LoadResult = { ok: true; mappings: LoadedMappings } | { ok: false; problems: MappingProblem[] };

function lineOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // The deepest node that exists along the path: a missing key is reported where its parent is.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

function where(path: readonly PropertyKey[]): { entity?: string; field?: string } {
  const entity = path[0] === "entities" && path[1] !== undefined ? String(path[1]) : undefined;
  const field = path[2] === "fields" && path[3] !== undefined ? String(path[3]) : path[2] !== undefined ? String(path[2]) : undefined;
  return { ...(entity === undefined ? {} : { entity }), ...(field === undefined ? {} : { field }) };
}

function loadOne(src: MappingSource, problems: MappingProblem[], out: ResolvedEntity[]): SystemId | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(src.text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file: src.path, line: lc.linePos(e.pos[0]).line, message: `YAML: ${e.message.split("\n")[0] ?? e.code}` });
    return undefined;
  }
  const parsed = mappingFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = "keys" in issue && Array.isArray(issue.keys) ? ` ${issue.keys.join(", ")}` : "";
      const path = issue.path.map(String);
      problems.push({ file: src.path, ...where(path), line: lineOf(doc, lc, path), message: `${path.slice(path[2] === "fields" ? 4 : 2).join(".") || "(root)"}: ${issue.message}${keys}` });
    }
    return undefined;
  }
  const { system, entities } = parsed.data;
  for (const [entity, mapping] of Object.entries(entities)) {
    const at = (...rest: string[]) => lineOf(doc, lc, ["entities", entity, ...rest]);
    if (!isEntityName(entity)) {
      problems.push({ file: src.path, entity, line: at(), message: unknownEntityMessage(entity) });
      continue;
    }
    const ids = mapping.key.ids;
    if (ids[system] === undefined) problems.push({ file: src.path, entity, line: at("key"), message: `key.ids.${system}: the record's own id field is required` });
    const fields: ResolvedField[] = [];
    for (const [path, fm] of Object.entries(mapping.fields)) {
      const r = resolveField(system, entity, path, fm);
      if (Array.isArray(r)) for (const message of r) problems.push({ file: src.path, entity, field: path, line: at("fields", path), message });
      else fields.push(r);
    }
    out.push({ file: src.path, system, entity, mapping, fields });
  }
  return system;
}

export function loadMappings(sources: readonly MappingSource[]): LoadResult {
  const problems: MappingProblem[] = [];
  const entities: ResolvedEntity[] = [];
  const seen = new Map<SystemId, string>();
  for (const src of sources) {
    const system = loadOne(src, problems, entities);
    if (system === undefined) continue;
    const other = seen.get(system);
    if (other !== undefined) problems.push({ file: src.path, message: `system ${system} is already mapped by ${other}: one file per system` });
    seen.set(system, src.path);
  }
  const canonicalSystem: Partial<Record<EntityName, Owner>> = {};
  const decidedBy: Partial<Record<EntityName, string>> = {};
  for (const e of entities) {
    const c = e.mapping.key.canonical;
    const prior = canonicalSystem[e.entity];
    if (prior !== undefined && prior !== c) {
      problems.push({ file: e.file, entity: e.entity, message: `key.canonical is ${c} here but ${prior} in ${decidedBy[e.entity]}: an entity has one canonical id` });
    } else {
      canonicalSystem[e.entity] = c;
      decidedBy[e.entity] = e.file;
    }
  }
  if (sources.length > 0 && seen.size === 0 && problems.length === 0) problems.push({ file: sources[0]?.path ?? "", message: `no mapping for any of ${SYSTEMS.join(", ")}` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mappings: { entities, canonicalSystem } };
}
