// Where the sandbox's seed comes from: a data folder, or a generated demo data set.
import type { SandboxData } from "./contracts.js";
import { loadDataFolder } from "./data-folder.js";
import { defaultOrg } from "./default-org/default-org.js";
import { generateDemoData } from "./demo/generate-demo-data.js";

export const DEFAULT_DEMO_SIZE = 25;
export const DEFAULT_DEMO_SEED = 1;

export type SandboxDataSource = { kind: "folder"; dir: string } | { kind: "demo"; size: number; seed: number };

/** The default org's schemas with no records: `--demo-size 0`. */
export function emptySandboxData(): SandboxData {
  return {
    salesforce: { describes: [...defaultOrg.salesforce.describes], records: {} },
    portal: { objects: [...defaultOrg.portal.objects], records: {} },
    coupa: { records: {} },
  };
}

export async function loadSandboxData(source: SandboxDataSource): Promise<SandboxData> {
  if (source.kind === "folder") return loadDataFolder(source.dir);
  if (source.size === 0) return emptySandboxData();
  return generateDemoData({ size: source.size, seed: source.seed });
}

export function describeSource(source: SandboxDataSource): string {
  if (source.kind === "folder") return `data folder ${source.dir}`;
  return source.size === 0 ? "default org with no records (--demo-size 0)" : `demo data set (size ${source.size}, seed ${source.seed})`;
}
