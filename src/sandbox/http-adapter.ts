// Serves one emulator's msw handlers on a real loopback port with node:http, because jsforce ≥3.10.17
// talks through undici, which msw's interceptors cannot reach (systems.md). Order per request:
// sandbox control routes → generic faults → the emulator's handlers → a 404 in the system's format.
// Every answer is recorded; no request is ever left hanging (a throwing handler is a logged 500).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { HttpHandler } from "msw";
import type { Clock, Emulator, SystemName } from "./contracts.js";
import { errorResponse } from "./error-bodies.js";
import type { FaultInjector } from "./fault-injector.js";
import { toFetchRequest, writeCutResponse, writeFetchResponse } from "./fetch-bridge.js";
import type { RequestRecorder } from "./request-recorder.js";

export const CONTROL_PREFIX = "/__sandbox/";

export interface AdapterLogger {
  error(obj: Record<string, unknown>, msg: string): void;
}

export type ControlHandler = (request: Request, url: URL) => Promise<Response | undefined> | Response | undefined;

export interface ServeEmulatorOptions {
  emulator: Emulator;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  recorder?: RequestRecorder;
  faults?: FaultInjector;
  /** Answers `/__sandbox/*`; those calls are neither faulted nor recorded. */
  control?: ControlHandler;
  clock?: Clock;
  logger?: AdapterLogger;
}

export interface ServedEmulator {
  readonly system: SystemName;
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const stderrLogger: AdapterLogger = {
  error: (obj, msg) => {
    const { err, ...rest } = obj;
    const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`${JSON.stringify({ level: "error", msg, ...rest, err: stack })}\n`);
  },
};

/** The handler's path pattern without the wildcard origin, as it reads in the emulator's source. */
function routeOf(handler: HttpHandler): string {
  const path = handler.info.path;
  if (typeof path === "string") return path.startsWith("*") ? path.slice(1) : path;
  if (path instanceof RegExp) return path.toString();
  return "[custom predicate]";
}

/** Runs the handlers in order like msw's `getResponse`, but also tells which handler answered. */
async function resolve(handlers: readonly HttpHandler[], request: Request): Promise<{ response?: Response; route?: string }> {
  const requestId = crypto.randomUUID();
  for (const handler of handlers) {
    const result = await handler.run({ request, requestId });
    if (result?.response) return { response: result.response, route: routeOf(handler) };
  }
  return {};
}

async function findRoute(handlers: readonly HttpHandler[], request: Request): Promise<string | undefined> {
  for (const handler of handlers) if (await handler.test({ request })) return routeOf(handler);
  return undefined;
}

export async function serveEmulator(options: ServeEmulatorOptions): Promise<ServedEmulator> {
  const { emulator, recorder, faults, control } = options;
  const system = emulator.system;
  const host = options.host ?? "127.0.0.1";
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? stderrLogger;
  let origin = "";

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    // Dated by the clock that stamps the records, as a real service's answers are by its own: a
    // client compares the two (docs/sync-engine.md "Clocks").
    res.setHeader("date", clock().toUTCString());
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const request = await toFetchRequest(req, origin, abort.signal);
    const url = new URL(request.url);
    const method = request.method;

    if (control && url.pathname.startsWith(CONTROL_PREFIX)) {
      const answer = (await control(request, url)) ?? errorResponse(system, 404, `no sandbox control route ${method} ${url.pathname}`);
      await writeFetchResponse(res, answer, method);
      return;
    }

    let route: string | undefined;
    let response: Response | undefined;
    const decision = faults?.decide(system, method, url);
    if (decision) {
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      const action = decision.action;
      if (action?.kind === "drop" && action.at === "body") {
        // Mid-answer: the emulator applies the request, the answer starts and is cut (after a stall).
        const answer = await resolve(emulator.handlers, request);
        recorder?.record({ system, method, route: answer.route ?? url.pathname, status: 0, ms: performance.now() - started });
        await writeCutResponse(res, answer.response ?? errorResponse(system, 404, `no route for ${method} ${url.pathname}`), action.stallMs);
        return;
      }
      if (action?.kind === "drop") {
        // At the response: the emulator applies the request first, then the answer is lost.
        if (action.at === "response") route = (await resolve(emulator.handlers, request).catch(() => ({ route: undefined }))).route;
        else route = await findRoute(emulator.handlers, request);
        route ??= url.pathname;
        recorder?.record({ system, method, route, status: 0, ms: performance.now() - started });
        req.socket.destroy();
        return;
      }
      if (action?.kind === "status") {
        route = await findRoute(emulator.handlers, request);
        const headers: Record<string, string> = {};
        if (action.retryAfter !== undefined) {
          headers["retry-after"] =
            action.retryAfterFormat === "http-date"
              ? new Date(clock().getTime() + action.retryAfter * 1000).toUTCString()
              : String(action.retryAfter);
        }
        response = errorResponse(system, action.status, action.message ?? `sandbox fault: ${action.status}`, headers);
      }
    }

    if (!response) {
      try {
        ({ response, route } = await resolve(emulator.handlers, request));
      } catch (error) {
        logger.error({ err: error, system, method, path: url.pathname }, "sandbox handler threw");
        response = errorResponse(system, 500, "the sandbox emulator failed on this request (see the sandbox log)");
      }
    }
    response ??= errorResponse(system, 404, `the ${system} sandbox has no route for ${method} ${url.pathname}`);

    recorder?.record({ system, method, route: route ?? url.pathname, status: response.status, ms: performance.now() - started });
    await writeFetchResponse(res, response, method);
  }

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, system, method: req.method, path: req.url }, "sandbox failed to answer");
      if (!res.headersSent) {
        const body = JSON.stringify({ error: "sandbox failure" });
        res.writeHead(500, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      } else {
        // Part of the body is out: only a reset tells the client the response is incomplete.
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;

  return {
    system,
    url: origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((err) => (err ? reject(err) : resolveClose()));
        // Idle keep-alive sockets would hold close() open for the keep-alive timeout.
        server.closeAllConnections();
      }),
  };
}
