// The default org: the schemas of Salesforce and the portal that the sandbox serves when a data
// folder brings none, and that the default mappings are written against.
import type { PortalObjectDef, SfSObjectDescribe } from "../contracts.js";
import { portalAccount, portalDealRegistration, portalNfrRequest, portalProspect, portalServicesPoe, portalUser } from "./portal-objects.js";
import { sfAccount, sfPartnerPerson } from "./sf-partner-objects.js";
import { sfDealRegistration, sfEvaluationLicense, sfNfrLicense, sfPartnerRebate } from "./sf-program-objects.js";
import { sfLead, sfOpportunity } from "./sf-sales-objects.js";

export interface DefaultOrg {
  salesforce: { describes: readonly SfSObjectDescribe[] };
  portal: { objects: readonly PortalObjectDef[] };
}

export const defaultOrg: DefaultOrg = {
  salesforce: {
    describes: [
      sfAccount, sfPartnerPerson, sfOpportunity, sfLead,
      sfDealRegistration, sfEvaluationLicense, sfNfrLicense, sfPartnerRebate,
    ],
  },
  portal: {
    objects: [portalAccount, portalUser, portalDealRegistration, portalProspect, portalNfrRequest, portalServicesPoe],
  },
};

/** Salesforce object names are case-insensitive in the API, so lookups are too. */
export function findSfDescribe(name: string, org: DefaultOrg = defaultOrg): SfSObjectDescribe | undefined {
  const wanted = name.toLowerCase();
  return org.salesforce.describes.find((d) => d.name.toLowerCase() === wanted);
}

export function findPortalObject(name: string, org: DefaultOrg = defaultOrg): PortalObjectDef | undefined {
  const wanted = name.toLowerCase();
  return org.portal.objects.find((o) => o.name.toLowerCase() === wanted);
}
