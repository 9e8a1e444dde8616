// A Coupa instance for the connector tests, served by the real sandbox core on loopback (generic
// faults, request counts), with a clock both the emulator and the connector read, so a test can jump
// to just before or after a token's refresh point.
import type { CoupaConfig } from "../../../src/config/config.schema.js";
import { createCoupaConnector, type CoupaConnector, type CoupaConnectorOptions } from "../../../src/connectors/coupa/coupa-connector.js";
import type { Emulator, JsonRecord, SandboxCredentials, SandboxData } from "../../../src/sandbox/contracts.js";
import { createCoupaEmulator, type CoupaEmulatorOptions } from "../../../src/sandbox/coupa/coupa-emulator.js";
import { FaultInjector } from "../../../src/sandbox/fault-injector.js";
import { serveEmulator, type ServedEmulator } from "../../../src/sandbox/http-adapter.js";
import { RequestRecorder } from "../../../src/sandbox/request-recorder.js";

export const credentials: SandboxCredentials["coupa"] = {
  clientId: "partner-sync",
  clientSecret: "s3cret",
  scopes: ["core.supplier.read", "core.invoice.read", "core.pay.payments.read"],
};

export const T0 = new Date("2026-05-10T00:00:00Z");
export const HOUR = 3_600_000;

/** Supplier i (1-based) was updated at 2026-04-01 + (i mod 10) hours. */
export function supplierUpdatedAt(i: number): Date {
  return new Date(Date.UTC(2026, 3, 1) + (i % 10) * HOUR);
}

export function seed(suppliers: number, supplierInformation: JsonRecord[] = []): SandboxData["coupa"] {
  return {
    records: {
      suppliers: Array.from({ length: suppliers }, (_, k) => ({
        id: k + 1,
        name: `Supplier ${k + 1}`,
        number: `S-${String(k + 1).padStart(4, "0")}`,
        status: k % 5 === 4 ? "inactive" : "active",
        "on-hold": false,
        "remit-to-addresses": [],
        "updated-at": supplierUpdatedAt(k + 1).toISOString(),
      })),
      supplier_information: supplierInformation,
      invoices: [
        { id: 1, "invoice-number": "INV-001", status: "approved", supplier: { id: 1, number: "S-0001" }, currency: { code: "USD" }, "gross-total": "1250.00", "amount-due": "1250.10", paid: false, "payment-date": null, payments: [], "updated-at": "2026-05-01T10:00:00Z" },
      ],
    },
  };
}

export interface CoupaWorld {
  served: ServedEmulator;
  emulator: Emulator;
  faults: FaultInjector;
  recorder: RequestRecorder;
  connector(extra?: Partial<CoupaConnectorOptions>): CoupaConnector;
  setNow(d: Date): void;
  close(): Promise<void>;
}

export async function coupaWorld(data: SandboxData["coupa"], options: Partial<CoupaEmulatorOptions> = {}, wrap?: (e: Emulator) => Emulator): Promise<CoupaWorld> {
  let now = T0;
  const inner = createCoupaEmulator({ seed: data, credentials, clock: () => now, ...options });
  const emulator = wrap ? wrap(inner) : inner;
  const faults = new FaultInjector();
  const recorder = new RequestRecorder();
  const served = await serveEmulator({ emulator, faults, recorder, clock: () => now });
  const connectors: CoupaConnector[] = [];
  const config: CoupaConfig = { baseUrl: served.url, clientId: credentials.clientId, scopes: credentials.scopes };
  return {
    served,
    emulator: inner,
    faults,
    recorder,
    connector(extra = {}) {
      const c = createCoupaConnector({
        config,
        clientSecret: credentials.clientSecret,
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

export async function collect(pages: AsyncIterable<{ records: JsonRecord[]; coveredUntil?: Date }>) {
  const records: JsonRecord[] = [];
  const covered: (Date | undefined)[] = [];
  let pageCount = 0;
  for await (const page of pages) {
    pageCount++;
    records.push(...page.records);
    covered.push(page.coveredUntil);
  }
  return { records, covered, pageCount };
}
