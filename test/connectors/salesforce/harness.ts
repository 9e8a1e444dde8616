// The real connector (real jsforce) against the Salesforce emulator served on a loopback port by the
// sandbox core, with its request recorder (to count API calls) and generic fault injector.
import "./no-proxy.js";
import type { SalesforceConfig } from "../../../src/config/config.schema.js";
import { createSalesforceConnector, type SalesforceConnector, type SalesforceConnectorOptions } from "../../../src/connectors/salesforce/index.js";
import type { JsonRecord } from "../../../src/sandbox/contracts.js";
import { FaultInjector } from "../../../src/sandbox/fault-injector.js";
import { serveEmulator, type ServedEmulator } from "../../../src/sandbox/http-adapter.js";
import { RequestRecorder } from "../../../src/sandbox/request-recorder.js";
import { createSalesforceEmulator, type SalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { credentials, describes, fixedClock } from "../../sandbox/salesforce/fixture.js";

export { accounts, credentials, fixedClock } from "../../sandbox/salesforce/fixture.js";

export interface Org {
  emu: SalesforceEmulator;
  served: ServedEmulator;
  recorder: RequestRecorder;
  faults: FaultInjector;
  url: string;
  /** API calls the emulator answered on one route (`count("GET", "/query")`), version prefix implied. */
  count(method?: string, route?: string): number;
}

export interface OrgOptions {
  records?: Record<string, JsonRecord[]>;
  pageSize?: number;
  dailyApiLimit?: number;
  refreshTokenRotation?: boolean;
  faults?: unknown;
}

const open: ServedEmulator[] = [];

export async function startOrg(opts: OrgOptions = {}): Promise<Org> {
  const emu = createSalesforceEmulator({
    seed: { describes: describes(), records: opts.records ?? {} },
    credentials: credentials(),
    clock: fixedClock(),
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.dailyApiLimit ? { dailyApiLimit: opts.dailyApiLimit } : {}),
    ...(opts.refreshTokenRotation ? { refreshTokenRotation: true } : {}),
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  const recorder = new RequestRecorder();
  const faults = new FaultInjector();
  const served = await serveEmulator({ emulator: emu, recorder, faults, clock: fixedClock() });
  open.push(served);
  const count = (method?: string, route?: string) =>
    route === undefined ? recorder.count("salesforce", method) : recorder.count("salesforce", method, route.startsWith("/services/") ? route : `/services/data/:version${route}`);
  return { emu, served, recorder, faults, url: served.url, count };
}

export async function stopOrgs(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

export const FAST_RETRY = { retries: 5, minDelayMs: 1, maxDelayMs: 5 };

export type Flow = SalesforceConfig["auth"]["flow"];

export function sfConfig(org: Org, flow: Flow = "client_credentials"): SalesforceConfig {
  const c = credentials();
  return { loginUrl: org.url, apiVersion: "62.0", auth: { flow, clientId: c.clientId, ...(flow === "jwt" ? { username: c.username } : {}) } };
}

export function secretsFor(flow: Flow): SalesforceConnectorOptions["secrets"] {
  const c = credentials();
  if (flow === "jwt") return { salesforcePrivateKey: c.privateKeyPem };
  if (flow === "refresh_token") return { salesforceRefreshToken: c.refreshToken, salesforceClientSecret: c.clientSecret };
  return { salesforceClientSecret: c.clientSecret };
}

export function connect(org: Org, overrides: Partial<SalesforceConnectorOptions> & { flow?: Flow } = {}): SalesforceConnector {
  const { flow = "client_credentials", ...rest } = overrides;
  return createSalesforceConnector({
    config: sfConfig(org, flow),
    secrets: secretsFor(flow),
    clock: fixedClock(),
    retryPolicy: FAST_RETRY,
    lockRetry: { retries: 3, minDelayMs: 1 },
    bulkPoll: { minDelayMs: 1, maxDelayMs: 5, timeoutMs: 10_000 },
    ...rest,
  });
}

/** Every record of a read, and the pages' coveredUntil in order. */
export async function drain(pages: AsyncIterable<{ records: JsonRecord[]; coveredUntil?: Date }>): Promise<{ records: JsonRecord[]; pages: number; covered: (Date | undefined)[] }> {
  const records: JsonRecord[] = [];
  const covered: (Date | undefined)[] = [];
  let n = 0;
  for await (const p of pages) {
    n++;
    records.push(...p.records);
    covered.push(p.coveredUntil);
  }
  return { records, pages: n, covered };
}
