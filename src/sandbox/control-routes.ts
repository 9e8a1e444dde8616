// `/__sandbox/*` on every port: what a test or a person running the sandbox in another process uses to
// look inside it (request counts, every record as held) and steer it (reset, faults). Not counted as API
// calls, never faulted.
import type { JsonRecord, SystemName } from "./contracts.js";
import type { FaultInjector } from "./fault-injector.js";
import type { GenericFault } from "./faults.schema.js";
import type { ControlHandler } from "./http-adapter.js";
import type { RequestRecorder } from "./request-recorder.js";

/** Per system, per object (Salesforce sObject, portal object, Coupa resource): its records. */
export type SandboxState = Partial<Record<SystemName, Record<string, JsonRecord[]>>>;

export interface ControlTarget {
  recorder: RequestRecorder;
  faults: FaultInjector;
  reset(options?: { keepCounts?: boolean }): void;
  /** Every record of every object, as the emulators hold them (one system or all). */
  state?(system?: SystemName): Promise<SandboxState>;
}

const SYSTEMS = new Set<string>(["salesforce", "portal", "coupa"]);

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** `?keepCounts`, `?keepCounts=true|1` are on; `=false|0` off. */
function flag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  return value !== null && value !== "false" && value !== "0";
}

function systemParam(url: URL): SystemName | Response | undefined {
  const system = url.searchParams.get("system");
  if (system === null) return undefined;
  return SYSTEMS.has(system) ? (system as SystemName) : json({ error: `unknown system "${system}" (salesforce, portal or coupa)` }, 400);
}

export function controlRoutes(target: ControlTarget): ControlHandler {
  return async (request, url) => {
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case "GET /__sandbox/requests":
        return json(target.recorder.counts());
      case "GET /__sandbox/state": {
        if (!target.state) return json({ error: "this sandbox has no state dump" }, 404);
        const system = systemParam(url);
        if (system instanceof Response) return system;
        return json(await target.state(system));
      }
      case "POST /__sandbox/reset":
        target.reset({ keepCounts: flag(url, "keepCounts") });
        return json({ reset: true, keptCounts: flag(url, "keepCounts") });
      case "GET /__sandbox/faults": {
        return json({ salesforce: target.faults.activity("salesforce"), portal: target.faults.activity("portal"), coupa: target.faults.activity("coupa") });
      }
      case "POST /__sandbox/faults": {
        const system = systemParam(url);
        if (system instanceof Response) return system;
        if (!system) return json({ error: "name the system: POST /__sandbox/faults?system=portal" }, 400);
        try {
          target.faults.add(system, (await request.json()) as GenericFault);
        } catch (error) {
          return json({ error: `invalid fault: ${(error as Error).message}` }, 400);
        }
        return json({ added: true, faults: target.faults.list(system) }, 201);
      }
      case "DELETE /__sandbox/faults": {
        const system = systemParam(url);
        if (system instanceof Response) return system;
        target.faults.clear(system);
        return json({ cleared: system ?? "all" });
      }
      default:
        return undefined;
    }
  };
}
