// Counts every API call the sandbox answered, so tests and benchmarks can assert "the worker made
// exactly N queries and no writes" instead of trusting the client's own bookkeeping.
import type { SystemName } from "./contracts.js";

export interface RecordedRequest {
  system: SystemName;
  method: string;
  /** The emulator's route template (`/services/data/:version/query`), or the raw path when none matched. */
  route: string;
  status: number;
  ms: number;
}

export interface SystemCounts {
  total: number;
  methods: Record<string, number>;
  /** keyed `METHOD route` */
  routes: Record<string, number>;
  statuses: Record<string, number>;
}

export interface RequestCounts {
  total: number;
  systems: Partial<Record<SystemName, SystemCounts>>;
  /** The most recent requests, oldest first (bounded, for debugging a failing test). */
  recent: RecordedRequest[];
}

const RECENT_LIMIT = 200;

class MutableSystemCounts {
  total = 0;
  readonly methods = new Map<string, number>();
  readonly routes = new Map<string, number>();
  readonly statuses = new Map<string, number>();

  add(r: RecordedRequest): void {
    this.total++;
    bump(this.methods, r.method);
    bump(this.routes, `${r.method} ${r.route}`);
    bump(this.statuses, String(r.status));
  }

  snapshot(): SystemCounts {
    return {
      total: this.total,
      methods: Object.fromEntries(this.methods),
      routes: Object.fromEntries(this.routes),
      statuses: Object.fromEntries(this.statuses),
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export class RequestRecorder {
  #systems = new Map<SystemName, MutableSystemCounts>();
  #recent: RecordedRequest[] = [];
  #total = 0;

  record(r: RecordedRequest): void {
    this.#total++;
    let counts = this.#systems.get(r.system);
    if (!counts) {
      counts = new MutableSystemCounts();
      this.#systems.set(r.system, counts);
    }
    counts.add(r);
    this.#recent.push(r);
    // Trim in batches so a long benchmark does not pay for an array shift per request.
    if (this.#recent.length > RECENT_LIMIT * 2) this.#recent = this.#recent.slice(-RECENT_LIMIT);
  }

  counts(): RequestCounts {
    const systems: Partial<Record<SystemName, SystemCounts>> = {};
    for (const [name, c] of this.#systems) systems[name] = c.snapshot();
    return { total: this.#total, systems, recent: this.#recent.slice(-RECENT_LIMIT) };
  }

  /** Calls to one route of one system (`count("salesforce", "GET", "/services/data/:version/query")`). */
  count(system: SystemName, method?: string, route?: string): number {
    const c = this.#systems.get(system);
    if (!c) return 0;
    if (method === undefined) return c.total;
    if (route === undefined) return c.methods.get(method.toUpperCase()) ?? 0;
    return c.routes.get(`${method.toUpperCase()} ${route}`) ?? 0;
  }

  clear(): void {
    this.#systems.clear();
    this.#recent = [];
    this.#total = 0;
  }
}
