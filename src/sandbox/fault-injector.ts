// Decides, per request and before any emulator handler runs, which generic faults hit it. Every
// fault keeps its own counters and `probability` draws from one seeded generator, so a test or a
// `--faults` run is repeatable; `reset()` rewinds both (the sandbox reset calls it).
import { matchRequestUrl } from "msw";
import type { SystemName } from "./contracts.js";
import { genericFaultSchema, type FaultsConfig, type GenericFault } from "./faults.schema.js";
import { mulberry32 } from "../mulberry32.js";

export type FaultAction =
  | { kind: "status"; status: number; retryAfter?: number; retryAfterFormat: "seconds" | "http-date"; message?: string }
  | { kind: "drop"; at: "request" | "response" | "body"; stallMs: number };

export interface FaultDecision {
  /** Total latency to add before answering (all matching latency faults add up). */
  latencyMs: number;
  /** The first status/drop fault that fired, if any. */
  action?: FaultAction;
}

interface ActiveFault {
  readonly fault: GenericFault;
  readonly pathRegex?: RegExp;
  matched: number;
  fired: number;
}

const SYSTEMS: readonly SystemName[] = ["salesforce", "portal", "coupa"];


export class FaultInjector {
  readonly #faults = new Map<SystemName, ActiveFault[]>();
  readonly #seed: number;
  #random: () => number;

  constructor(config?: Pick<FaultsConfig, "seed" | SystemName>) {
    this.#seed = config?.seed ?? 1;
    this.#random = mulberry32(this.#seed);
    for (const system of SYSTEMS) {
      for (const fault of config?.[system]?.faults ?? []) this.add(system, fault);
    }
  }

  /** Add a fault (validated like a faults file entry); returns a function that removes it. */
  add(system: SystemName, fault: GenericFault): () => void {
    const parsed = genericFaultSchema.parse(fault);
    const active: ActiveFault = {
      fault: parsed,
      ...(parsed.pathRegex === undefined ? {} : { pathRegex: new RegExp(parsed.pathRegex) }),
      matched: 0,
      fired: 0,
    };
    const list = this.#faults.get(system) ?? [];
    list.push(active);
    this.#faults.set(system, list);
    return () => {
      const current = this.#faults.get(system);
      if (current) this.#faults.set(system, current.filter((f) => f !== active));
    };
  }

  /** Remove every fault of `system`, or of all systems. */
  clear(system?: SystemName): void {
    if (system) this.#faults.delete(system);
    else this.#faults.clear();
  }

  /** Rewind every fault's counters and the seeded generator, keeping the faults. */
  reset(): void {
    this.#random = mulberry32(this.#seed);
    for (const list of this.#faults.values()) {
      for (const f of list) {
        f.matched = 0;
        f.fired = 0;
      }
    }
  }

  list(system: SystemName): GenericFault[] {
    return (this.#faults.get(system) ?? []).map((f) => f.fault);
  }

  /**
   * Each fault of `system` with how many requests it matched and hit: a crash test holds a write with
   * a long latency fault and kills the worker once the fault has fired, at a known instant.
   */
  activity(system: SystemName): (GenericFault & { matched: number; fired: number })[] {
    return (this.#faults.get(system) ?? []).map((f) => ({ ...f.fault, matched: f.matched, fired: f.fired }));
  }

  decide(system: SystemName, method: string, url: URL): FaultDecision | undefined {
    const list = this.#faults.get(system);
    if (!list || list.length === 0) return undefined;
    let latencyMs = 0;
    let action: FaultAction | undefined;
    for (const active of list) {
      if (!matches(active, method, url)) continue;
      if (action && active.fault.kind !== "latency") continue;
      if (!this.#fires(active)) continue;
      const f = active.fault;
      if (f.kind === "latency") latencyMs += f.ms;
      else if (f.kind === "drop") action = { kind: "drop", at: f.at ?? "request", stallMs: f.stallMs ?? 0 };
      else {
        action = {
          kind: "status",
          status: f.status,
          retryAfterFormat: f.retryAfterFormat ?? "seconds",
          ...(f.retryAfter === undefined ? {} : { retryAfter: f.retryAfter }),
          ...(f.message === undefined ? {} : { message: f.message }),
        };
      }
    }
    return latencyMs === 0 && !action ? undefined : { latencyMs, ...(action ? { action } : {}) };
  }

  #fires(active: ActiveFault): boolean {
    const f = active.fault;
    active.matched++;
    if (f.times !== undefined && active.fired >= f.times) return false;
    const n = active.matched - (f.after ?? 0);
    if (n <= 0) return false;
    if (f.every !== undefined && n % f.every !== 0) return false;
    // Draw only when a probability is set, so adding a deterministic fault does not shift the others' draws.
    if (f.probability !== undefined && this.#random() >= f.probability) return false;
    active.fired++;
    return true;
  }
}

function matches(active: ActiveFault, method: string, url: URL): boolean {
  const f = active.fault;
  if (f.method !== undefined && f.method.toUpperCase() !== method) return false;
  if (active.pathRegex && !active.pathRegex.test(url.pathname)) return false;
  // msw patterns need an origin part; `*` stands for any, as in the emulators' own handlers.
  if (f.path !== undefined && !matchRequestUrl(url, `*${f.path}`).matches) return false;
  return true;
}
