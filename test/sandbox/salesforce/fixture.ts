// A small org for the tests: Account and a custom object with an external id, a picklist, a
// required field and a length limit; credentials with a fresh RSA key pair.
import { generateKeyPairSync } from "node:crypto";
import type { SandboxCredentials, SandboxData, SfFieldDescribe } from "../../../src/sandbox/contracts.js";

const field = (name: string, type: string, extra: Partial<SfFieldDescribe> = {}): SfFieldDescribe => ({
  name, type, nillable: true, createable: true, updateable: true, filterable: true, externalId: false, unique: false, ...extra,
});

export function describes(): SandboxData["salesforce"]["describes"] {
  return [
    {
      name: "Account",
      custom: false,
      fields: [
        field("Name", "string", { length: 80, nillable: false }),
        field("Portal_Id__c", "string", { length: 40, externalId: true, unique: true }),
        field("Industry", "picklist", { length: 40, picklistValues: [{ value: "Tech", active: true }, { value: "Retail", active: true }] }),
        field("AnnualRevenue", "currency"),
        field("Partner__c", "boolean", { nillable: false }),
        field("Signed_On__c", "date"),
        field("Notes__c", "textarea", { length: 255, filterable: false }),
        field("Formula__c", "string", { length: 10, createable: false, updateable: false }),
      ],
    },
  ];
}

let cached: SandboxCredentials["salesforce"] | undefined;

/** One key pair per test file: RSA generation is slow. */
export function credentials(): SandboxCredentials["salesforce"] {
  if (cached) return cached;
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  cached = {
    clientId: "3MVG9sandbox.client",
    clientSecret: "sandbox-secret",
    username: "integration@partner-sync.sandbox",
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    refreshToken: "5Aep8initial-refresh-token",
  };
  return cached;
}

/** `n` Accounts A-000000… all stamped with the same instant (ties on SystemModstamp). */
export function accounts(n: number, stamp = "2026-01-01T00:00:00.000+0000"): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    Name: `Acme ${i}`,
    Portal_Id__c: `A-${String(i).padStart(6, "0")}`,
    Partner__c: i % 2 === 0,
    SystemModstamp: stamp,
  }));
}

export const fixedClock = (iso = "2026-05-07T22:07:19.000Z") => () => new Date(iso);

/** jsforce reads HTTP(S)_PROXY and ignores NO_PROXY: the tests only ever talk to 127.0.0.1. */
export function unsetProxies(): void {
  for (const k of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"]) delete process.env[k];
}
