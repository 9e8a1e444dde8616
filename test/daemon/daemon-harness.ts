// Shared by the daemon tests: a logger whose lines the test can read and wait on, a config built
// from the defaults with the daemon section replaced, and small HTTP helpers.
import { Writable } from "node:stream";
import { configSchema } from "../../src/config/config.schema.js";
import type { LoadedConfig } from "../../src/config/load-config.js";
import { createLogger, type Logger } from "../../src/log/logger.js";

export interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

export interface CapturedLog {
  log: Logger;
  lines: LogLine[];
  /** Resolves with the first line (already logged or to come) that matches. */
  waitFor(match: (l: LogLine) => boolean): Promise<LogLine>;
}

export function capturedLog(): CapturedLog {
  const lines: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString("utf8").split("\n")) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        for (const w of [...waiters]) if (w.match(line)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
      }
      done();
    },
  });
  return {
    log: createLogger({ level: "info", destination: stream }),
    lines,
    waitFor: (match) => {
      const hit = lines.find(match);
      return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

export function configWith(overrides: Record<string, unknown>): LoadedConfig {
  const config = configSchema.parse(overrides);
  return { config, secrets: {}, secretSources: {}, files: [] } as unknown as LoadedConfig;
}

export async function post(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(url, { method: "POST" });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

export async function getJson(url: string): Promise<Record<string, any>> {
  return (await (await fetch(url)).json()) as Record<string, any>;
}

/** A promise and the functions settling it: a fake flow ends when the test says so. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** The value of one sample of a Prometheus text exposition, or undefined. */
export function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of metrics.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^([^{ ]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").split(",").filter(Boolean);
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}
