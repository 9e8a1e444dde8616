// Secrets come from the environment (NAME), from a file named by the environment (NAME_FILE), or
// from a file named in the config (`…File` keys) — in that order. Never from the config text itself,
// never into logs: callers get the value; reports only ever see where it came from.
import { readFileSync } from "node:fs";
import type { ConfigProblem } from "../errors.js";
import type { Config } from "./config.schema.js";

export interface SecretSpec {
  name: SecretName;
  env: string;
  /** Path of the config key that may name a file holding it. */
  fileKey: string;
  /** Whether the configured systems need it. */
  required(config: Config): boolean;
  /** The configured file path, if any. */
  file(config: Config): string | undefined;
}

export type SecretName = "salesforceClientSecret" | "salesforcePrivateKey" | "salesforceRefreshToken" | "portalApiKey" | "coupaClientSecret";

export const SECRET_SPECS: readonly SecretSpec[] = [
  {
    name: "salesforceClientSecret",
    env: "PARTNER_SYNC_SALESFORCE_CLIENT_SECRET",
    fileKey: "systems.salesforce.auth.clientSecretFile",
    required: (c) => c.systems.salesforce?.auth.flow === "client_credentials",
    file: (c) => c.systems.salesforce?.auth.clientSecretFile,
  },
  {
    name: "salesforcePrivateKey",
    env: "PARTNER_SYNC_SALESFORCE_PRIVATE_KEY",
    fileKey: "systems.salesforce.auth.privateKeyFile",
    required: (c) => c.systems.salesforce?.auth.flow === "jwt",
    file: (c) => c.systems.salesforce?.auth.privateKeyFile,
  },
  {
    name: "salesforceRefreshToken",
    env: "PARTNER_SYNC_SALESFORCE_REFRESH_TOKEN",
    fileKey: "systems.salesforce.auth.refreshTokenFile",
    required: (c) => c.systems.salesforce?.auth.flow === "refresh_token",
    file: (c) => c.systems.salesforce?.auth.refreshTokenFile,
  },
  {
    name: "portalApiKey",
    env: "PARTNER_SYNC_PORTAL_API_KEY",
    fileKey: "systems.portal.apiKeyFile",
    required: (c) => c.systems.portal !== undefined,
    file: (c) => c.systems.portal?.apiKeyFile,
  },
  {
    name: "coupaClientSecret",
    env: "PARTNER_SYNC_COUPA_CLIENT_SECRET",
    fileKey: "systems.coupa.clientSecretFile",
    required: (c) => c.systems.coupa !== undefined,
    file: (c) => c.systems.coupa?.clientSecretFile,
  },
];

export const SECRET_ENV_NAMES: ReadonlySet<string> = new Set(SECRET_SPECS.flatMap((s) => [s.env, `${s.env}_FILE`]));

export type Secrets = Readonly<Partial<Record<SecretName, string>>>;
/** Where each secret came from, e.g. "env PARTNER_SYNC_PORTAL_API_KEY" or "file /run/secrets/x". */
export type SecretSources = Readonly<Partial<Record<SecretName, string>>>;

export function resolveSecrets(
  config: Config,
  env: NodeJS.ProcessEnv,
  configFileLabel: (key: string) => string,
): { secrets: Secrets; sources: SecretSources; problems: ConfigProblem[] } {
  const secrets: Partial<Record<SecretName, string>> = {};
  const sources: Partial<Record<SecretName, string>> = {};
  const problems: ConfigProblem[] = [];
  for (const spec of SECRET_SPECS) {
    const direct = env[spec.env];
    const envFile = env[`${spec.env}_FILE`];
    const cfgFile = spec.file(config);
    if (direct !== undefined && direct !== "") {
      secrets[spec.name] = direct;
      sources[spec.name] = `env ${spec.env}`;
      continue;
    }
    const [file, where] = envFile ? [envFile, "environment"] : cfgFile ? [cfgFile, configFileLabel(spec.fileKey)] : [undefined, ""];
    if (file) {
      try {
        const value = readFileSync(file, "utf8").replace(/\r?\n$/, "");
        if (value === "") problems.push({ file: where, path: envFile ? `${spec.env}_FILE` : spec.fileKey, message: `secret file ${file} is empty` });
        else {
          secrets[spec.name] = value;
          sources[spec.name] = `file ${file}`;
        }
      } catch (e) {
        problems.push({ file: where, path: envFile ? `${spec.env}_FILE` : spec.fileKey, message: `cannot read secret file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      }
      continue;
    }
    if (spec.required(config)) {
      problems.push({ file: "environment", path: spec.env, message: `secret ${spec.name} is required: set ${spec.env}, ${spec.env}_FILE, or ${spec.fileKey}` });
    }
  }
  return { secrets, sources, problems };
}
