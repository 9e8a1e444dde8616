// The credentials the sandbox's emulators accept, and the state dir that holds their secret parts as
// files (mode 0600): the printed config names those files, never a secret value, exactly as the
// product's config does for real systems.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxCredentials } from "./contracts.js";

export const SANDBOX_USERNAME = "integration@sandbox.partner-sync.test";
export const SANDBOX_TENANT_ID = 4242;
export const COUPA_SCOPES = ["core.supplier.read", "core.invoice.read", "core.pay.payments.read"];

/** Ids are fixed (it is a sandbox, and stable ids make logs comparable); secrets are fresh per start. */
export function createSandboxCredentials(): SandboxCredentials {
  const secret = () => randomBytes(24).toString("base64url");
  // Generated at start rather than shipped: a private key in the repository would be copied into real configs.
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return {
    salesforce: {
      clientId: "3MVG9partnerSyncSandboxConnectedApp",
      clientSecret: secret(),
      username: SANDBOX_USERNAME,
      publicKeyPem: publicKey,
      privateKeyPem: privateKey,
      refreshToken: `5Aep861sandbox.${secret()}`,
    },
    portal: { tenantId: SANDBOX_TENANT_ID, apiKey: secret() },
    coupa: { clientId: "partner-sync-sandbox", clientSecret: secret(), scopes: [...COUPA_SCOPES] },
  };
}

export interface SecretFiles {
  salesforceClientSecret: string;
  salesforcePrivateKey: string;
  salesforceRefreshToken: string;
  portalApiKey: string;
  coupaClientSecret: string;
}

export interface StateDir {
  path: string;
  /** Removes the directory if the sandbox created it; a directory the user named is left in place. */
  dispose(): Promise<void>;
}

export async function openStateDir(path?: string): Promise<StateDir> {
  if (path) {
    await mkdir(path, { recursive: true, mode: 0o700 });
    return { path, dispose: async () => {} };
  }
  const created = await mkdtemp(join(tmpdir(), "partner-sync-sandbox-"));
  return { path: created, dispose: () => rm(created, { recursive: true, force: true }) };
}

async function writeSecret(file: string, value: string): Promise<string> {
  await writeFile(file, value, { mode: 0o600 });
  // `mode` applies only when the file is created; an earlier run's file keeps its own mode otherwise.
  await chmod(file, 0o600);
  return file;
}

export async function writeSecretFiles(dir: string, credentials: SandboxCredentials): Promise<SecretFiles> {
  return {
    salesforceClientSecret: await writeSecret(join(dir, "salesforce-client-secret"), credentials.salesforce.clientSecret),
    salesforcePrivateKey: await writeSecret(join(dir, "salesforce-jwt-private-key.pem"), credentials.salesforce.privateKeyPem),
    salesforceRefreshToken: await writeSecret(join(dir, "salesforce-refresh-token"), credentials.salesforce.refreshToken),
    portalApiKey: await writeSecret(join(dir, "portal-api-key"), credentials.portal.apiKey),
    coupaClientSecret: await writeSecret(join(dir, "coupa-client-secret"), credentials.coupa.clientSecret),
  };
}
