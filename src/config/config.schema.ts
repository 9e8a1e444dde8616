// The shape of partner-sync's configuration. Every object is strict: an unknown key is an error,
// because a misspelt key silently ignored is a setting silently not applied.
// Secrets never appear here: only the paths of files that hold them (see secrets.ts).
import { z } from "zod";
import { schedulesSchema } from "../daemon/schedule.schema.js";
import { reservedParams } from "../connectors/coupa/coupa-reader.js";
import { rulesConfigSchema } from "../rules/rules-config.schema.js";

const httpUrl = z.url({ protocol: /^https?$/ });
const filePath = z.string().min(1);
/**
 * How long a call may wait for its answer's headers, and then between two chunks of its body, before
 * it fails as a network error (retried when safe). Unset: 120 s for Salesforce, 60 s for the others.
 */
const timeoutMs = z.int().min(1_000).max(600_000).optional();
/**
 * The outbound proxy the system is reached through (`http://proxy.internal:3128`); unset: direct.
 * No credentials in it: proxy authentication is not supported (a password would sit in this file).
 */
const proxyUrl = httpUrl.optional().superRefine((url, ctx) => {
  if (url === undefined) return;
  const u = new URL(url);
  if (u.username !== "" || u.password !== "") ctx.addIssue({ code: "custom", message: "credentials in a proxy URL are not supported (proxy authentication is not)" });
  if ((u.pathname !== "/" && u.pathname !== "") || u.search !== "" || u.hash !== "") ctx.addIssue({ code: "custom", message: "a proxy URL is a scheme, host and port only" });
});

export const salesforceSchema = z.strictObject({
  loginUrl: httpUrl.default("https://login.salesforce.com"),
  apiVersion: z.string().regex(/^\d{2,3}\.0$/, "an API version like 62.0").default("62.0"),
  timeoutMs,
  /** Set: every Salesforce call (token grants too) goes through it, whatever HTTP(S)_PROXY says. */
  proxyUrl,
  auth: z.strictObject({
    flow: z.enum(["client_credentials", "jwt", "refresh_token"]),
    clientId: z.string().min(1),
    username: z.string().min(1).optional(),
    clientSecretFile: filePath.optional(),
    privateKeyFile: filePath.optional(),
    refreshTokenFile: filePath.optional(),
  }).superRefine((auth, ctx) => {
    if (auth.flow === "jwt" && !auth.username) {
      ctx.addIssue({ code: "custom", path: ["username"], message: "required for the jwt flow (the JWT's sub)" });
    }
  }),
});

export const portalSchema = z.strictObject({
  baseUrl: httpUrl,
  tenantId: z.int().positive(),
  apiKeyFile: filePath.optional(),
  timeoutMs,
  proxyUrl,
  /**
   * Creates (the portal takes one record per POST) in flight at once; unset: 1, one after another,
   * which keeps the portal's ids in the order of the records (docs/connector-portal-coupa.md).
   */
  createConcurrency: z.int().min(1).max(8).optional(),
});

export const coupaSchema = z.strictObject({
  baseUrl: httpUrl,
  clientId: z.string().min(1),
  clientSecretFile: filePath.optional(),
  timeoutMs,
  proxyUrl,
  /**
   * Coupa query parameters every invoice read adds, in Coupa's own syntax (`invoice-number[starts_with]=REB-`,
   * `supplier[id][in]=12,13`): the invoice pass then reads only those, not every invoice of the
   * instance. Paging, order, window and fields are the reader's. Unset: every invoice.
   */
  invoiceFilter: z.string().min(1).optional().superRefine((where, ctx) => {
    if (where === undefined) return;
    for (const k of reservedParams(where)) ctx.addIssue({ code: "custom", message: `'${k}' is set by the reader (paging, order, window, fields), not by the filter` });
  }),
  scopes: z.array(z.string().min(1)).min(1).default(["core.supplier.read", "core.invoice.read", "core.pay.payments.read"]),
});

const systemName = z.enum(["salesforce", "portal", "coupa"]);

export const syncSchema = z.strictObject({
  /** Re-read this far behind the watermark: rows committed late with an earlier stamp are not missed. */
  lookbackSeconds: z.int().min(0).max(86_400).default(600),
  /** Never read (nor advance the watermark) closer to "now" than this: transactions still committing. */
  safetyLagSeconds: z.int().min(0).max(3_600).default(5),
  /** Records per write call (Salesforce collections and portal batch PATCH take at most 200). */
  batchSize: z.int().min(1).max(200).default(200),
  /**
   * Records handled together: decided as one world, written in `batchSize` calls per object, and
   * checkpointed in one transaction. Larger pages group more writes per call and fewer commits; a
   * crash redoes at most one page.
   */
  pageSize: z.int().min(1).max(10_000).default(2_000),
  /**
   * Salesforce records of one object written in one run above which a page's upsert of that object
   * goes as one Bulk API 2.0 job — when the page holds more than 7 calls' worth (src/sync/bulk-routing.ts).
   */
  bulkThreshold: z.int().min(1).default(2_000),
  salesforce: z.strictObject({
    maxCallsPerRun: z.int().positive().optional(),
    maxPercentOfDailyLimit: z.number().gt(0).max(100).optional(),
    /** Owner (user or queue id) of records partner-sync creates; unset = Salesforce's default, the integration user. */
    ownerIdOnCreate: z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, "a Salesforce user or queue id (15 or 18 characters)").optional(),
  }).prefault({}),
  replayQuarantineOnStart: z.boolean().default(true),
  /**
   * Lookups from a run-local copy of each object (docs/sync-engine.md "The run mirror"): `auto` when
   * the run reads everything (first run, --full), `always`, or `never` (one query per lookup).
   */
  mirror: z.enum(["auto", "always", "never"]).default("auto"),
  /** Per entity, the systems where a record missing for a key is created (docs/sync-engine.md). */
  createIn: z.record(z.string().min(1), z.array(systemName)).optional(),
  rules: rulesConfigSchema.optional(),
});

export const configSchema = z.strictObject({
  store: z
    .strictObject({
      path: filePath.default("data/partner-sync.db"),
      busyTimeoutMs: z.int().min(0).max(600_000).default(5_000),
      // Per-record outcomes of runs that started longer ago than this are deleted by the next sync
      // (a full sync writes one a record it reads: ≈ 550k a night at demo size 100,000). Runs, audit
      // and quarantine rows are kept. 0 keeps every outcome.
      outcomesRetentionDays: z.int().min(0).max(36_500).default(90),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    })
    .prefault({}),
  leases: z
    .strictObject({
      ttlSeconds: z.int().min(5).max(3_600).default(60),
    })
    .prefault({}),
  daemon: z
    .strictObject({
      // 127.0.0.1 by default: health and metrics are not for the open network. The Docker image
      // binds 0.0.0.0 (PARTNER_SYNC_DAEMON_HOST) so the orchestrator can reach them.
      host: z.string().min(1).default("127.0.0.1"),
      port: z.int().min(0).max(65_535).default(9464),
      /** Flows run on cron schedules (docs/daemon.md); config/default.yaml has the shipped ones. */
      schedules: schedulesSchema.default({}),
      /** On SIGTERM, how long a running flow may go on before it is stopped at its next checkpoint. */
      shutdownGraceSeconds: z.int().min(0).max(3_600).default(20),
      // POST /trigger has no authentication: by default only a loopback peer may call it, even
      // when the daemon binds 0.0.0.0 (the Docker image) for the orchestrator's health checks.
      allowRemoteTrigger: z.boolean().default(false),
    })
    .prefault({}),
  sync: syncSchema.prefault({}),
  reconcile: z
    .strictObject({
      // A reconcile keeps every record of every system in memory (≈ 2.7 GB RSS at 557k records), far
      // beyond the launch line's 150 MB: it runs in a process of its own with this V8 old-space bound
      // (the CLI starts itself again with it; the daemon starts its scheduled reconcile as a child).
      heapMb: z.int().min(64).max(65_536).default(4_096),
    })
    .prefault({}),
  systems: z
    .strictObject({
      salesforce: salesforceSchema.optional(),
      portal: portalSchema.optional(),
      coupa: coupaSchema.optional(),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type SalesforceConfig = z.infer<typeof salesforceSchema>;
export type PortalConfig = z.infer<typeof portalSchema>;
export type CoupaConfig = z.infer<typeof coupaSchema>;
export type SyncConfig = z.infer<typeof syncSchema>;
