// The partner-portal connector: the engine's `Connector` over the portal's REST API, plus the
// key lookup (`readByKeys`) the engine uses to fetch counterparts, and `describe` for the mappings
// check. Wiring only; the reading, lookup and upsert logic each live in their own module.
import { AbortError } from "p-retry";
import type { PortalConfig } from "../../config/config.schema.js";
import type { Logger } from "../../log/logger.js";
import type { JsonRecord, PortalObjectDef } from "../../sandbox/contracts.js";
import type { Connector, ReadOptions, ReadWindow, RecordPage, WriteRecord, WriteResult } from "../connector.js";
import { ConnectorError } from "../shared/connector-error.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetry } from "../shared/retry.js";
import { createPortalHttp } from "./portal-http.js";
import { lookupByKeys } from "./portal-key-lookup.js";
import { readPortalPages } from "./portal-reader.js";
import { PortalSchemas, type Retrying } from "./portal-schema.js";
import { type PortalWriterDeps, upsertPortal } from "./portal-upsert.js";

export interface PortalConnectorOptions {
  config: PortalConfig;
  apiKey: string;
  logger?: Pick<Logger, "warn" | "debug">;
  /** `take` per list call. The portal's cap is not public *(choice: 500 in the sandbox)*: config. */
  pageSize?: number;
  /** Records per batch PATCH. */
  writeBatchSize?: number;
  /** Key equalities per lookup filter, and that filter's length, which travels in the URL. */
  maxKeysPerLookup?: number;
  maxFilterChars?: number;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  clock?: () => Date;
  /** Injected by tests to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

export interface PortalConnector extends Connector {
  readonly system: "portal";
  /** Records whose `keyField` is one of `keys` (several per key when the portal holds duplicates). */
  readByKeys(object: string, keyField: string, keys: readonly (string | number)[], options: { fields: readonly string[]; signal?: AbortSignal }): Promise<JsonRecord[]>;
  /** The tenant's objects and, for each named (or every) object, its field definitions. */
  describe(objects?: readonly string[]): Promise<PortalObjectDef[]>;
  /** Releases the keep-alive sockets. */
  close(): void;
}

export function createPortalConnector(opts: PortalConnectorOptions): PortalConnector {
  const clock = opts.clock ?? (() => new Date());
  const policy = opts.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const http = createPortalHttp({
    baseUrl: opts.config.baseUrl,
    tenantId: opts.config.tenantId,
    apiKey: opts.apiKey,
    timeoutMs: opts.timeoutMs ?? opts.config.timeoutMs ?? 60_000,
    proxyUrl: opts.config.proxyUrl,
    now: () => clock().getTime(),
  });

  const retrying: Retrying = (operation, mode, signal) => {
    const base = {
      policy,
      idempotent: true,
      now: () => clock().getTime(),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      ...(signal ? { signal } : {}),
      onRetry: ({ error, attempt, waitMs }: { error: ConnectorError; attempt: number; waitMs: number }) =>
        opts.logger?.warn({ system: "portal", route: error.route, status: error.status, kind: error.kind, attempt, waitMs }, "portal call failed, retrying"),
    };
    if (mode === "idempotent") return withRetry(operation, base);
    // A create: only a 429 (refused before any work) may be repeated; anything else ends the attempts.
    return withRetry(async () => {
      try {
        return await operation();
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === "rate-limited") throw e;
        throw new AbortError(e as Error);
      }
    }, base);
  };

  const schemas = new PortalSchemas(http.call, retrying);
  const deps: PortalWriterDeps = {
    call: http.call,
    retrying,
    schemas,
    pageSize: opts.pageSize ?? 500,
    writeBatchSize: opts.writeBatchSize ?? 200,
    createConcurrency: opts.config.createConcurrency ?? 1,
    maxKeysPerLookup: opts.maxKeysPerLookup ?? 100,
    maxFilterChars: opts.maxFilterChars ?? 1500,
  };

  const read = (object: string, options: ReadOptions, window?: ReadWindow): AsyncIterable<RecordPage> =>
    readPortalPages(deps, object, {
      fields: options.fields,
      ...(window ? { window } : {}),
      ...(options.where ? { where: options.where } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });

  return {
    system: "portal",
    serverDate: () => http.serverDate(),
    readChanged: (object, window, options) => read(object, options, window),
    readAll: (object, options) => read(object, options),
    async readByKeys(object, keyField, keys, options) {
      const { matches } = await lookupByKeys(deps, object, keyField, keys, options);
      return [...matches.values()].flat();
    },
    upsert: (object: string, keyField: string, records: readonly WriteRecord[]): Promise<WriteResult[]> =>
      records.length === 0 ? Promise.resolve([]) : upsertPortal(deps, object, keyField, records),
    async describe(objects) {
      const names = objects ?? (await schemas.objects()).map((o) => o.name);
      const defs: PortalObjectDef[] = [];
      for (const name of names) defs.push((await schemas.object(name)).def);
      return defs;
    },
    close: () => http.close(),
  };
}
