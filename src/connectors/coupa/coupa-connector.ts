// The Coupa connector: the read half of the engine's `Connector` over Coupa's Core API, plus the
// supplier banking reader for PAY-3 and the invoice reader for PAY-4. Coupa is read-only for partner-sync, so `upsert` refuses.
import type { CoupaConfig } from "../../config/config.schema.js";
import type { Logger } from "../../log/logger.js";
import type { Connector, ReadOptions, ReadWindow, RecordPage } from "../connector.js";
import { ConnectorError } from "../shared/connector-error.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetry } from "../shared/retry.js";
import { createCoupaHttp } from "./coupa-http.js";
import { COUPA_PAGE_CAP, type CoupaGet, readCoupaPages } from "./coupa-reader.js";
import { CoupaTokenSource } from "./coupa-token.js";
import { type InvoicePage, type InvoiceReadOptions, readInvoices } from "./invoice-reader.js";
import { readSupplierBanking, type SupplierBankingPage } from "./supplier-banking-reader.js";

export interface CoupaConnectorOptions {
  config: CoupaConfig;
  clientSecret: string;
  logger?: Pick<Logger, "warn" | "debug">;
  retryPolicy?: RetryPolicy;
  /** Drives token refresh and Retry-After dates; tests jump it. */
  clock?: () => Date;
  /** `limit` asked for; Coupa sends at most 50 whatever is asked. */
  pageSize?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CoupaConnector extends Connector {
  readonly system: "coupa";
  /** Suppliers with their supplier information and PAY-3 banking status (changed in `window`, or all). */
  readSupplierBanking(options?: { window?: ReadWindow; signal?: AbortSignal }): AsyncIterable<SupplierBankingPage>;
  /** Invoices as typed rows (changed in `window`, those with `ids`, or all); records that are no invoice come back as problems. */
  readInvoices(options?: InvoiceReadOptions): AsyncIterable<InvoicePage>;
  close(): void;
}

export function createCoupaConnector(opts: CoupaConnectorOptions): CoupaConnector {
  const clock = opts.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const http = createCoupaHttp({ baseUrl: opts.config.baseUrl, timeoutMs: opts.timeoutMs ?? opts.config.timeoutMs ?? 60_000, proxyUrl: opts.config.proxyUrl, now });
  const retryOptions = (signal?: AbortSignal) => ({
    policy: opts.retryPolicy ?? DEFAULT_RETRY_POLICY,
    // Every Coupa call we make is a read (or a token grant, which changes nothing): all idempotent.
    idempotent: true,
    now,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(signal ? { signal } : {}),
    onRetry: ({ error, attempt, waitMs }: { error: ConnectorError; attempt: number; waitMs: number }) =>
      opts.logger?.warn({ system: "coupa", route: error.route, status: error.status, kind: error.kind, attempt, waitMs }, "coupa call failed, retrying"),
  });

  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: opts.config.clientId,
    client_secret: opts.clientSecret,
    scope: opts.config.scopes.join(" "),
  });
  const tokens = new CoupaTokenSource(() => withRetry(() => http.postForm("/oauth2/token", form), retryOptions()), now);

  /** One authenticated GET: a 401 gets one fresh token and one replay; a second 401 ends the run. */
  const authed: CoupaGet = async (resource, params, signal) => {
    const token = await tokens.get();
    try {
      return await http.get(resource, params, token, signal);
    } catch (e) {
      if (!(e instanceof ConnectorError) || e.status !== 401) throw e;
      opts.logger?.debug({ system: "coupa", route: e.route }, "coupa token refused, refreshing once");
      tokens.invalidate(token);
      try {
        return await http.get(resource, params, await tokens.get(), signal);
      } catch (again) {
        if (again instanceof ConnectorError && again.status === 401) {
          throw new ConnectorError({ system: "coupa", route: again.route, status: 401, kind: "auth" }, "a fresh token was refused too: check the OAuth client", { cause: again });
        }
        throw again;
      }
    }
  };
  const get: CoupaGet = (resource, params, signal) => withRetry(() => authed(resource, params, signal), retryOptions(signal));
  const pageSize = opts.pageSize ?? COUPA_PAGE_CAP;

  const read = (resource: string, options: ReadOptions, window?: ReadWindow): AsyncIterable<RecordPage> =>
    readCoupaPages(get, resource, {
      fields: options.fields,
      ...(window ? { window } : {}),
      ...(options.where ? { where: options.where } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    }, pageSize);

  return {
    system: "coupa",
    serverDate: () => http.serverDate(),
    readChanged: (resource, window, options) => read(resource, options, window),
    readAll: (resource, options) => read(resource, options),
    readSupplierBanking: (options = {}) => readSupplierBanking(get, options),
    readInvoices: (options = {}) => readInvoices(get, { ...(opts.config.invoiceFilter ? { filter: opts.config.invoiceFilter } : {}), ...options }),
    upsert: async (resource) => {
      throw new ConnectorError({ system: "coupa", route: `upsert ${resource}`, kind: "client" }, "Coupa is read-only for partner-sync: no write is ever planned against it (check the mappings)");
    },
    close: () => http.close(),
  };
}
