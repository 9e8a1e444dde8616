// The `systems` section of the product's config that connects the worker to a running sandbox.
// Printed by `partner-sync sandbox --json` and accepted as a config file as is.
import type { SandboxCredentials, SystemName } from "./contracts.js";
import type { SecretFiles } from "./sandbox-credentials.js";

export const SANDBOX_API_VERSION = "62.0";

export interface SandboxConfig {
  systems: {
    salesforce: {
      loginUrl: string;
      apiVersion: string;
      auth: {
        flow: "client_credentials";
        clientId: string;
        clientSecretFile: string;
        username: string;
        privateKeyFile: string;
        refreshTokenFile: string;
      };
    };
    portal: { baseUrl: string; tenantId: number; apiKeyFile: string };
    coupa: { baseUrl: string; clientId: string; clientSecretFile: string; scopes: string[] };
  };
}

export function buildSandboxConfig(urls: Record<SystemName, string>, credentials: SandboxCredentials, files: SecretFiles): SandboxConfig {
  return {
    systems: {
      salesforce: {
        loginUrl: urls.salesforce,
        apiVersion: SANDBOX_API_VERSION,
        auth: {
          flow: "client_credentials",
          clientId: credentials.salesforce.clientId,
          clientSecretFile: files.salesforceClientSecret,
          username: credentials.salesforce.username,
          privateKeyFile: files.salesforcePrivateKey,
          refreshTokenFile: files.salesforceRefreshToken,
        },
      },
      portal: { baseUrl: urls.portal, tenantId: credentials.portal.tenantId, apiKeyFile: files.portalApiKey },
      coupa: {
        baseUrl: urls.coupa,
        clientId: credentials.coupa.clientId,
        clientSecretFile: files.coupaClientSecret,
        scopes: [...credentials.coupa.scopes],
      },
    },
  };
}

/** The human-readable form the `sandbox` command prints when ready. */
export function describeSandboxConfig(config: SandboxConfig, stateDir: string): string[] {
  const { salesforce, portal, coupa } = config.systems;
  return [
    `Salesforce  ${salesforce.loginUrl}  (API v${salesforce.apiVersion}; client ${salesforce.auth.clientId}, secret in ${salesforce.auth.clientSecretFile};`,
    `            JWT user ${salesforce.auth.username}, key ${salesforce.auth.privateKeyFile}; refresh token in ${salesforce.auth.refreshTokenFile})`,
    `Portal      ${portal.baseUrl}  (tenant ${portal.tenantId}; API key in ${portal.apiKeyFile})`,
    `Coupa       ${coupa.baseUrl}  (client ${coupa.clientId}, secret in ${coupa.clientSecretFile}; scopes ${coupa.scopes.join(" ")})`,
    `Config      ${stateDir}/sandbox-config.json  (the systems section above; use it as a config file)`,
    `Inspect     GET /__sandbox/requests, POST /__sandbox/reset on any of the three ports`,
  ];
}
