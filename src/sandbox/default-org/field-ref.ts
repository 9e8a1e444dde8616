// Resolves a rule-fields.ts reference (`sf:Object.Field`, `portal:Object.Field`,
// `coupa:resource.path`) against the default org, so a renamed field cannot orphan a rule input.
import { coupaResources } from "./coupa-resources.js";
import { defaultOrg, findPortalObject, findSfDescribe, type DefaultOrg } from "./default-org.js";
import type { FieldRef } from "./rule-fields.js";

export function fieldRefExists(ref: FieldRef, org: DefaultOrg = defaultOrg): boolean {
  const [system, rest = ""] = ref.split(/:(.*)/s) as [string, string?];
  const dot = rest.indexOf(".");
  if (dot < 0) return false;
  const object = rest.slice(0, dot);
  const field = rest.slice(dot + 1);
  if (system === "sf") return findSfDescribe(object, org)?.fields.some((f) => f.name === field) ?? false;
  if (system === "portal") return findPortalObject(object, org)?.fields.some((f) => f.name === field) ?? false;
  if (system === "coupa") return coupaResources.find((r) => r.name === object)?.fields.some((f) => f.path === field) ?? false;
  return false;
}
