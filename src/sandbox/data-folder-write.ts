// Writes SandboxData as a data folder (the layout `loadDataFolder` reads), e.g. to freeze a generated
// demo data set into files a person can edit. JSON is pretty-printed so diffs of a data set read well.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PartnerSyncError } from "../errors.js";
import type { SandboxData } from "./contracts.js";

export interface WriteDataFolderOptions {
  /** Replace the system folders of an existing data folder (otherwise that is an error, so nothing is mixed). */
  overwrite?: boolean;
}

const SYSTEM_DIRS = ["salesforce", "portal", "coupa"] as const;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Names become file names: refuse anything that could escape the folder or collide with `_describe`. */
function fileName(name: string, what: string): string {
  if (!SAFE_NAME.test(name) || name.includes("..")) {
    throw new PartnerSyncError("PS_E_CONFIG_FILE", `cannot write ${what} "${name}" to a data folder: the name is not a plain file name`, {
      details: { name },
    });
  }
  return `${name}.json`;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function writeDataFolder(dir: string, data: SandboxData, options: WriteDataFolderOptions = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = new Set(await readdir(dir));
  const clash = SYSTEM_DIRS.filter((d) => existing.has(d));
  if (clash.length > 0 && !options.overwrite) {
    throw new PartnerSyncError("PS_E_CONFIG_FILE", `${dir} already holds a data folder (${clash.join(", ")}): pass overwrite to replace it`, {
      details: { dir },
    });
  }
  for (const d of clash) await rm(join(dir, d), { recursive: true, force: true });

  const sfDir = join(dir, "salesforce");
  await mkdir(join(sfDir, "_describe"), { recursive: true });
  for (const describe of data.salesforce.describes) {
    await writeJson(join(sfDir, "_describe", fileName(describe.name, "sObject")), describe);
  }
  for (const [sobject, records] of Object.entries(data.salesforce.records)) {
    await writeJson(join(sfDir, fileName(sobject, "sObject")), records);
  }

  const portalDir = join(dir, "portal");
  await mkdir(portalDir, { recursive: true });
  await writeJson(join(portalDir, "_objects.json"), data.portal.objects);
  for (const [object, records] of Object.entries(data.portal.records)) {
    await writeJson(join(portalDir, fileName(object, "portal object")), records);
  }

  const coupaDir = join(dir, "coupa");
  await mkdir(coupaDir, { recursive: true });
  for (const [resource, records] of Object.entries(data.coupa.records)) {
    await writeJson(join(coupaDir, fileName(resource, "Coupa resource")), records);
  }
}
