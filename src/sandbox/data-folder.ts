// Loads a data folder into the seed of the three emulators:
//   salesforce/_describe/<SObject>.json  an SfSObjectDescribe       salesforce/<SObject>.json  records
//   portal/_objects.json                 PortalObjectDef[]           portal/<Object>.json       records
//   coupa/<resource>.json                records
// Schemas the folder does not bring come from the default org, so a hand-written data set can be
// just records. Every error names the file (and the line/column, the record index or the key).
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { z } from "zod";
import type { JsonRecord, PortalObjectDef, SandboxData, SfSObjectDescribe } from "./contracts.js";
import { portalObjectsSchema, sfDescribeSchema } from "./data-folder.schema.js";
import { defaultOrg, type DefaultOrg } from "./default-org/default-org.js";
import { describeIssues } from "./zod-issues.js";
import { dataFileError, readJsonFile } from "./json-file.js";

export interface LoadDataFolderOptions {
  /** Where missing schemas come from (the default org unless a test says otherwise). */
  defaults?: DefaultOrg;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The `.json` files of a folder, sorted, as [name without extension, path]; none if it is absent. */
async function jsonFiles(dir: string): Promise<[string, string][]> {
  if (!(await isDirectory(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".json") && !e.name.startsWith("_"))
    .map((e) => [basename(e.name, ".json"), join(dir, e.name)] as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function validate<T>(file: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw dataFileError(file, `invalid content:\n${describeIssues(result.error.issues).map((p) => `  - ${p}`).join("\n")}`);
  return result.data;
}

async function readRecords(file: string): Promise<JsonRecord[]> {
  const value = await readJsonFile(file);
  if (!Array.isArray(value)) throw dataFileError(file, `expected a JSON array of records, found ${kindOf(value)}`);
  value.forEach((record, index) => {
    if (kindOf(record) !== "an object") throw dataFileError(file, `record [${index}] is not an object (found ${kindOf(record)})`, { index });
  });
  return value as JsonRecord[];
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The defaults in their own order, each replaced by the folder's entry of the same name (names compare
 * case-insensitively, as the APIs do), then the folder's other entries in file order. Keeping the
 * defaults' order makes write → load of a generated data set return it unchanged.
 */
function withDefaults<T extends { name: string }>(own: T[], defaults: readonly T[]): T[] {
  const mine = new Map(own.map((d) => [d.name.toLowerCase(), d]));
  const merged = defaults.map((d) => mine.get(d.name.toLowerCase()) ?? d);
  const inDefaults = new Set(defaults.map((d) => d.name.toLowerCase()));
  return [...merged, ...own.filter((d) => !inDefaults.has(d.name.toLowerCase()))];
}

async function loadSalesforce(dir: string, defaults: DefaultOrg): Promise<SandboxData["salesforce"]> {
  const own: SfSObjectDescribe[] = [];
  for (const [name, file] of await jsonFiles(join(dir, "_describe"))) {
    const describe = validate(file, sfDescribeSchema, await readJsonFile(file));
    if (describe.name.toLowerCase() !== name.toLowerCase()) {
      throw dataFileError(file, `describes "${describe.name}" but the file name says ${name}`);
    }
    own.push(describe);
  }
  const describes = withDefaults(own, defaults.salesforce.describes);
  const known = new Map(describes.map((d) => [d.name.toLowerCase(), d.name]));
  const records: Record<string, JsonRecord[]> = {};
  for (const [name, file] of await jsonFiles(dir)) {
    const sobject = known.get(name.toLowerCase());
    if (!sobject) {
      throw dataFileError(file, `no describe for sObject ${name}: add salesforce/_describe/${name}.json (the default org has ${[...known.values()].join(", ")})`);
    }
    records[sobject] = await readRecords(file);
  }
  return { describes, records };
}

async function loadPortal(dir: string, defaults: DefaultOrg): Promise<SandboxData["portal"]> {
  const objectsFile = join(dir, "_objects.json");
  const own: PortalObjectDef[] = (await stat(objectsFile).then(() => true, () => false))
    ? validate(objectsFile, portalObjectsSchema, await readJsonFile(objectsFile))
    : [];
  const objects = withDefaults(own, defaults.portal.objects);
  const known = new Map(objects.map((o) => [o.name.toLowerCase(), o.name]));
  const records: Record<string, JsonRecord[]> = {};
  for (const [name, file] of await jsonFiles(dir)) {
    const object = known.get(name.toLowerCase());
    if (!object) throw dataFileError(file, `no object definition for ${name}: add it to portal/_objects.json`);
    records[object] = await readRecords(file);
  }
  return { objects, records };
}

async function loadCoupa(dir: string): Promise<SandboxData["coupa"]> {
  const records: Record<string, JsonRecord[]> = {};
  for (const [name, file] of await jsonFiles(dir)) records[name] = await readRecords(file);
  return { records };
}

export async function loadDataFolder(dir: string, options: LoadDataFolderOptions = {}): Promise<SandboxData> {
  if (!(await isDirectory(dir))) throw dataFileError(dir, "data folder not found (or not a directory)");
  const defaults = options.defaults ?? defaultOrg;
  return {
    salesforce: await loadSalesforce(join(dir, "salesforce"), defaults),
    portal: await loadPortal(join(dir, "portal"), defaults),
    coupa: await loadCoupa(join(dir, "coupa")),
  };
}
