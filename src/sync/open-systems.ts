// The connectors of a run, built from the loaded configuration: Salesforce with the run's API budget
// caps and Bulk API jobs persisted in the store before upload, the portal, and Coupa (read only).
import type { LoadedConfig } from "../config/load-config.js";
import { createCoupaConnector } from "../connectors/coupa/coupa-connector.js";
import { createPortalConnector } from "../connectors/portal/portal-connector.js";
import { createSalesforceConnector } from "../connectors/salesforce/salesforce-connector.js";
import type { Logger } from "../log/logger.js";
import type { Store } from "../store/store.js";
import type { SystemAccess } from "./system-access.js";

const FINAL_JOB_STATES: ReadonlySet<string> = new Set(["JobComplete", "Failed", "Aborted"]);

export interface OpenedSystems {
  access: SystemAccess;
  close(): void;
}

export function openSystems(loaded: LoadedConfig, store: Store | undefined, log: Logger, runId?: () => string | null): OpenedSystems {
  const { config, secrets } = loaded;
  const access: SystemAccess = {};
  if (config.systems.salesforce) {
    const caps = config.sync.salesforce;
    access.salesforce = createSalesforceConnector({
      config: config.systems.salesforce,
      secrets,
      logger: log,
      budget: {
        ...(caps.maxCallsPerRun !== undefined ? { maxCallsPerRun: caps.maxCallsPerRun } : {}),
        ...(caps.maxPercentOfDailyLimit !== undefined ? { maxPercentOfDailyLimit: caps.maxPercentOfDailyLimit } : {}),
      },
      ...(store ? {
        persistJob: (job) => {
          store.bulkJobs.put(job, runId?.() ?? null);
          if (FINAL_JOB_STATES.has(job.state)) store.bulkJobs.finish(job.id, job.state);
        },
      } : {}),
    });
  }
  if (config.systems.portal && secrets.portalApiKey) {
    access.portal = createPortalConnector({ config: config.systems.portal, apiKey: secrets.portalApiKey, logger: log, writeBatchSize: config.sync.batchSize });
  }
  if (config.systems.coupa && secrets.coupaClientSecret) {
    access.coupa = createCoupaConnector({ config: config.systems.coupa, clientSecret: secrets.coupaClientSecret, logger: log });
  }
  return {
    access,
    close: () => {
      access.portal?.close();
      access.coupa?.close();
    },
  };
}
