// The daemon's HTTP face: GET /healthz for orchestrators (Docker HEALTHCHECK, Kubernetes probes),
// GET /metrics for Prometheus, POST /trigger/<schedule> to run a scheduled flow now.
//
// Health is "the store answers": a daemon that cannot read its checkpoint store cannot do anything
// useful and should be restarted (503). A flow whose last run failed makes the body say
// `"status": "degraded"` but the answer stays 200: orchestrators restart on non-2xx, and a restart
// does not fix an expired credential, an API outage or a mapping problem — it alerts instead.
//
// /trigger has no authentication. Only a loopback peer may call it unless daemon.allowRemoteTrigger.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Store } from "../store/store.js";
import type { FlowView, Scheduler } from "./scheduler.js";

export interface HealthServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  host: string;
  port: number;
  startedAt: number;
  clock?: () => number;
  allowRemoteTrigger?: boolean;
}

const ROUTES = ["GET /healthz", "GET /metrics", "POST /trigger/<schedule>"];

export function healthBody(store: Store, scheduler: Scheduler | undefined, startedAt: number, now: number) {
  const flows = scheduler?.flows() ?? [];
  const failing = flows.filter((f) => f.lastRun?.status === "failed" || f.lastRun?.status === "aborted").map((f) => f.name);
  return {
    status: failing.length > 0 ? "degraded" : "ok",
    ...(failing.length > 0 ? { failing } : {}),
    uptimeSeconds: Math.round((now - startedAt) / 1000),
    schemaVersion: store.schemaVersion,
    lastRun: store.runs.recent(1)[0] ?? null,
    flows: Object.fromEntries(flows.map((f) => [f.name, flowBody(f)])),
  };
}

function flowBody(f: FlowView) {
  const s = f.schedule;
  return {
    flow: s.flow, cron: s.cron, timezone: s.timezone, enabled: s.enabled, ...(s.entities ? { entities: s.entities } : {}), ...(s.full ? { full: true } : {}),
    nextRunAt: f.nextRunAt, running: f.running, lastRun: f.lastRun, lastSuccessAt: f.lastSuccessAt, lastSkippedAt: f.lastSkippedAt,
  };
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function trigger(req: IncomingMessage, res: ServerResponse, name: string, scheduler: Scheduler | undefined, o: HealthServerOptions): Promise<void> {
  if (!o.allowRemoteTrigger && !isLoopback(req.socket.remoteAddress)) {
    return json(res, 403, { error: "POST /trigger is only answered to a loopback peer (daemon.allowRemoteTrigger is false)" });
  }
  const answer = scheduler ? await scheduler.trigger(name) : ({ kind: "unknown" } as const);
  switch (answer.kind) {
    case "unknown":
      return json(res, 404, { error: `no schedule named "${name}"`, schedules: scheduler?.flows().map((f) => f.name) ?? [] });
    case "stopping":
      return json(res, 503, { error: "the daemon is stopping" });
    case "running":
      return json(res, 409, { error: `the "${name}" flow is already running`, runId: answer.runId, holder: answer.holder });
    case "started":
      return json(res, 202, { flow: name, runId: answer.runId, status: "started" });
  }
}

export async function startHealthServer(store: Store, registry: Registry, scheduler: Scheduler | undefined, options: HealthServerOptions): Promise<HealthServer> {
  const clock = options.clock ?? Date.now;
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const path = new URL(req.url ?? "/", "http://daemon").pathname;
        const triggered = /^\/trigger\/([^/]+)$/.exec(path);
        if (req.method === "GET" && path === "/healthz") {
          json(res, 200, healthBody(store, scheduler, options.startedAt, clock()));
        } else if (req.method === "GET" && path === "/metrics") {
          const text = await registry.metrics();
          res.writeHead(200, { "content-type": registry.contentType }).end(text);
        } else if (triggered && req.method === "POST") {
          await trigger(req, res, decodeURIComponent(triggered[1]!), scheduler, options);
        } else if (triggered) {
          res.setHeader("allow", "POST");
          json(res, 405, { error: "use POST", routes: ROUTES });
        } else {
          json(res, 404, { error: "not found", routes: ROUTES });
        }
      } catch (e) {
        json(res, 503, { status: "unhealthy", error: (e as Error).message });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a scraper would otherwise hold the close open.
        server.closeAllConnections();
      }),
  };
}
