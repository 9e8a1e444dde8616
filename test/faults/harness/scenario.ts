// What the fault tests share: a fresh store and config per scenario against one sandbox process,
// write calls counted from the sandbox's request counts, and a state comparison that fails with
// every difference listed.
import type { SystemName } from "../../../src/sandbox/contracts.js";
import type { RequestCounts } from "../../../src/sandbox/request-recorder.js";
import type { SandboxProcess } from "./sandbox-process.js";
import { diffStates, normalise, type NormalState } from "./state-compare.js";
import { writeSyncSetup, type SyncSetup } from "./sync-process.js";

let scenarios = 0;

/** The sandbox back to its seed (emulator faults included) and a new, empty store. */
/** `systemSettings`: keys added to each configured system's section (`{ timeoutMs: 1000 }`). */
export async function freshScenario(sb: SandboxProcess, name: string, overrides: Record<string, unknown> = {}, systemSettings: Record<string, unknown> = {}): Promise<SyncSetup> {
  await sb.reset();
  await sb.clearFaults();
  const systems = Object.fromEntries(Object.entries(sb.config.systems).map(([system, section]) => [system, { ...(section as object), ...systemSettings }]));
  return writeSyncSetup(sb.dir, `${name}-${++scenarios}`, systems, { leases: { ttlSeconds: 5 }, ...overrides });
}

/** Route counts of one system: "PATCH /api/objects/v1/:object" → n. */
function routes(counts: RequestCounts, system: SystemName): Record<string, number> {
  return counts.systems[system]?.routes ?? {};
}

/** Calls that change data (every non-GET except OAuth token grants), per system, between two snapshots. */
export function writeCallsBetween(before: RequestCounts, after: RequestCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const system of ["salesforce", "portal", "coupa"] as const) {
    const a = routes(after, system);
    const b = routes(before, system);
    for (const [route, n] of Object.entries(a)) {
      if (route.startsWith("GET ") || route.includes("/oauth2/token")) continue;
      const delta = n - (b[route] ?? 0);
      if (delta > 0) out[`${system} ${route}`] = delta;
    }
  }
  return out;
}

/** Calls of one route (any status) between two snapshots. */
export function callsBetween(before: RequestCounts, after: RequestCounts, system: SystemName, route: string): number {
  return (routes(after, system)[route] ?? 0) - (routes(before, system)[route] ?? 0);
}

/** Calls of one system answered with `status` ("0" = connection dropped) between two snapshots. */
export function statusesBetween(before: RequestCounts, after: RequestCounts, system: SystemName, status: string): number {
  return (after.systems[system]?.statuses[status] ?? 0) - (before.systems[system]?.statuses[status] ?? 0);
}

export async function stateOf(sb: SandboxProcess): Promise<NormalState> {
  return normalise(await sb.state());
}

/** Empty when equal; otherwise one line per difference (for the assertion message). */
export function differences(actual: NormalState, expected: NormalState): string {
  return diffStates(actual, expected).join("\n");
}
