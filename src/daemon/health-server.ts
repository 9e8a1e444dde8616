// The daemon's HTTP face: GET /healthz for orchestrators (Docker HEALTHCHECK, Kubernetes probes)
// and GET /metrics for Prometheus. Health is "the store answers": a daemon that cannot read its
// checkpoint store cannot do anything useful and should be restarted.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { Store } from "../store/store.js";

export interface HealthServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startHealthServer(store: Store, options: { host: string; port: number; startedAt: number; clock?: () => number }): Promise<HealthServer> {
  const clock = options.clock ?? Date.now;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "partner_sync_" });
  new Gauge({
    name: "partner_sync_quarantine_open",
    help: "Records waiting in quarantine, by entity",
    labelNames: ["entity"],
    registers: [registry],
    collect() {
      this.reset();
      for (const c of store.quarantine.counts()) if (c.status === "open") this.set({ entity: c.entity }, c.n);
    },
  });
  new Gauge({
    name: "partner_sync_watermark_age_seconds",
    help: "How far behind now each watermark is",
    labelNames: ["system", "object"],
    registers: [registry],
    collect() {
      this.reset();
      for (const w of store.watermarks.all()) {
        const t = Date.parse(w.value);
        if (Number.isFinite(t)) this.set({ system: w.system, object: w.object }, (clock() - t) / 1000);
      }
    },
  });

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === "GET" && req.url === "/healthz") {
          const lastRun = store.runs.recent(1)[0] ?? null;
          const body = { status: "ok", uptimeSeconds: Math.round((clock() - options.startedAt) / 1000), schemaVersion: store.schemaVersion, lastRun };
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        } else if (req.method === "GET" && req.url === "/metrics") {
          const text = await registry.metrics();
          res.writeHead(200, { "content-type": registry.contentType }).end(text);
        } else {
          res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found", routes: ["GET /healthz", "GET /metrics"] }));
        }
      } catch (e) {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ status: "unhealthy", error: (e as Error).message }));
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
