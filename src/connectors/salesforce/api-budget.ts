// The org's daily API allocation as every response reports it (`Sforce-Limit-Info:
// api-usage=USED/MAX`, maybe followed by `; api-bursts=…`), and our own caps on it. A cap is
// checked BEFORE a call, so the engine stops cleanly with its checkpoint instead of learning from a
// 403 REQUEST_LIMIT_EXCEEDED that the org (and every other integration on it) is out of calls.
import { ConnectorError } from "../shared/connector-error.js";

export interface BudgetCaps {
  /** Calls this connector may make in one run (its lifetime). */
  maxCallsPerRun?: number;
  /** Stop before the org's daily usage would pass this share of its limit (0–100). */
  maxPercentOfDailyLimit?: number;
}

export interface BudgetState {
  /** The org's usage and limit from the last response that reported them (undefined before). */
  used: number | undefined;
  max: number | undefined;
  /** API calls this connector made (each attempt, replays included). */
  calls: number;
}

/**
 * `api-usage=25/15000` anywhere in the header, whatever else it carries (`api-bursts=…`, and
 * `per-app-api-usage=…`, which is one connected app's share and must not be taken for the org's).
 */
export function parseLimitInfo(header: string | null | undefined): { used: number; max: number } | undefined {
  if (!header) return undefined;
  const m = /(?:^|[;,\s])api-usage\s*=\s*(\d+)\s*\/\s*(\d+)/i.exec(header);
  if (!m) return undefined;
  return { used: Number(m[1]), max: Number(m[2]) };
}

export class ApiBudget {
  private used: number | undefined;
  private max: number | undefined;
  private calls = 0;

  constructor(private readonly caps: BudgetCaps = {}) {}

  /** Throws a "budget" ConnectorError when one more call would pass a cap; otherwise counts it. */
  take(route: string): void {
    const { maxCallsPerRun, maxPercentOfDailyLimit } = this.caps;
    if (maxCallsPerRun !== undefined && this.calls + 1 > maxCallsPerRun) {
      throw new ConnectorError({ system: "salesforce", route, kind: "budget", serviceCode: "PS_MAX_CALLS_PER_RUN" }, `this run's cap of ${maxCallsPerRun} API calls is used up`);
    }
    if (maxPercentOfDailyLimit !== undefined && this.used !== undefined && this.max !== undefined) {
      const allowed = Math.floor((this.max * maxPercentOfDailyLimit) / 100);
      if (this.used + 1 > allowed) {
        throw new ConnectorError(
          { system: "salesforce", route, kind: "budget", serviceCode: "PS_MAX_PERCENT_OF_DAILY_LIMIT" },
          `the org has used ${this.used} of ${this.max} daily API calls; the cap is ${maxPercentOfDailyLimit}% (${allowed})`,
        );
      }
    }
    this.calls++;
  }

  observe(header: string | null | undefined): void {
    const info = parseLimitInfo(header);
    if (!info) return;
    this.used = info.used;
    this.max = info.max;
  }

  state(): BudgetState {
    return { used: this.used, max: this.max, calls: this.calls };
  }
}
