// The mappings checked against what the live systems say about themselves (Salesforce describe of every
// mapped object, the portal's _describe, Coupa's documented resources) before a run writes anything.
import { checkAgainstDescribe } from "../mapping/check-against-describe.js";
import type { LoadedMappings } from "../mapping/load-mappings.js";
import type { MappingProblem } from "../mapping/mapping-problem.js";
import type { PortalObjectDef, SfSObjectDescribe } from "../sandbox/contracts.js";
import { coupaResources } from "../sandbox/default-org/coupa-resources.js";
import type { SystemAccess } from "./system-access.js";

export async function checkMappingsLive(mappings: LoadedMappings, access: SystemAccess): Promise<MappingProblem[]> {
  const sfObjects = [...new Set(mappings.entities.filter((e) => e.system === "salesforce").map((e) => e.mapping.object))].sort();
  const portalObjects = [...new Set(mappings.entities.filter((e) => e.system === "portal").map((e) => e.mapping.object))].sort();
  const salesforce: SfSObjectDescribe[] = [];
  if (access.salesforce) for (const o of sfObjects) salesforce.push(await access.salesforce.describe(o));
  const portal: PortalObjectDef[] = access.portal ? await access.portal.describe() : [];
  const problems = checkAgainstDescribe(mappings, { salesforce, portal, coupa: coupaResources });
  // A system that is not configured is not checked (and not synced): only its own problems are dropped.
  return problems.filter((p) => (access.salesforce || !p.file.includes("salesforce")) && (access.portal || !p.file.includes("portal")));
}
