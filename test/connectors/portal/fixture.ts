// A portal tenant for the connector tests, served by the real sandbox core (node:http on loopback,
// generic faults, request counts) so axios goes over the wire exactly as in production.
import type { PortalConfig } from "../../../src/config/config.schema.js";
import { createPortalConnector, type PortalConnector, type PortalConnectorOptions } from "../../../src/connectors/portal/portal-connector.js";
import type { SandboxCredentials, SandboxData } from "../../../src/sandbox/contracts.js";
import { FaultInjector } from "../../../src/sandbox/fault-injector.js";
import { serveEmulator, type ServedEmulator } from "../../../src/sandbox/http-adapter.js";
import { createPortalEmulator, type PortalEmulatorOptions } from "../../../src/sandbox/portal/portal-emulator.js";
import { RequestRecorder } from "../../../src/sandbox/request-recorder.js";

export const credentials: SandboxCredentials["portal"] = { tenantId: 4711, apiKey: "key-4711" };

export function seed(accounts = 0): SandboxData["portal"] {
  return {
    objects: [
      {
        name: "Account",
        fields: [
          { name: "Name", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: true, maxLength: 40 },
          { name: "CrmId", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: false, maxLength: 18 },
          { name: "Partner_Track__cf", dataType: "Picklist", isReadOnly: false, isFilterable: true, isRequired: false, picklistValues: ["Select", "Open"] },
          { name: "NFR_Seats__cf", dataType: "Integer", isReadOnly: false, isFilterable: true, isRequired: false },
          { name: "URLValue__cf", dataType: "Url", isReadOnly: false, isFilterable: true, isRequired: false },
        ],
      },
    ],
    records: {
      Account: Array.from({ length: accounts }, (_, i) => ({
        Id: i + 1,
        Name: `Partner ${String(i + 1).padStart(4, "0")}`,
        CrmId: `001${String(i + 1).padStart(4, "0")}`,
        NFR_Seats__cf: i % 7,
        // Ten records per second: many share an Updated, so the Id tie-break is exercised.
        Updated: new Date(Date.UTC(2026, 3, 1) + Math.floor(i / 10) * 1000).toISOString(),
      })),
    },
  };
}

export interface PortalWorld {
  served: ServedEmulator;
  faults: FaultInjector;
  recorder: RequestRecorder;
  connector(extra?: Partial<PortalConnectorOptions>): PortalConnector;
  setNow(d: Date): void;
  close(): Promise<void>;
}

export async function portalWorld(data: SandboxData["portal"], options: Partial<PortalEmulatorOptions> = {}): Promise<PortalWorld> {
  let now = new Date("2026-05-01T12:00:00Z");
  const emulator = createPortalEmulator({ seed: data, credentials, clock: () => now, ...options });
  const faults = new FaultInjector();
  const recorder = new RequestRecorder();
  const served = await serveEmulator({ emulator, faults, recorder, clock: () => now });
  const connectors: PortalConnector[] = [];
  const config: PortalConfig = { baseUrl: served.url, tenantId: credentials.tenantId };
  return {
    served,
    faults,
    recorder,
    connector(extra = {}) {
      const c = createPortalConnector({
        config,
        apiKey: credentials.apiKey,
        clock: () => now,
        retryPolicy: { retries: 4, minDelayMs: 1, maxDelayMs: 5 },
        ...extra,
      });
      connectors.push(c);
      return c;
    },
    setNow(d) {
      now = d;
    },
    async close() {
      for (const c of connectors) c.close();
      await served.close();
    },
  };
}

/** Every record of a read, in order, with the pages' coverage. */
export async function collect(pages: AsyncIterable<{ records: Record<string, unknown>[]; coveredUntil?: Date }>) {
  const records: Record<string, unknown>[] = [];
  const covered: (Date | undefined)[] = [];
  for await (const page of pages) {
    records.push(...page.records);
    covered.push(page.coveredUntil);
  }
  return { records, covered };
}
