// Loads the configuration: config/default.yaml, then an optional --config file layered on it, then
// PARTNER_SYNC_* environment overrides; validates the result once and freezes it. Every problem is
// collected and reported together, each naming the file (or the environment) it came from.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { ConfigError, type ConfigProblem } from "../errors.js";
import { configSchema, type Config } from "./config.schema.js";
import { keysAt, leaves, type Leaf } from "./schema-walk.js";
import { resolveSecrets, SECRET_ENV_NAMES, type SecretSources, type Secrets } from "./secrets.js";

export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL("../../config/default.yaml", import.meta.url));
export const ENV_PREFIX = "PARTNER_SYNC_";
/** Environment variables of ours that are not config keys. */
const NON_KEY_ENV = new Set(["PARTNER_SYNC_CONFIG", "PARTNER_SYNC_HEAP_CHILD" /* cli/heap-bound.ts: set in a process started with its own heap */]);

export interface LoadedConfig {
  readonly config: Readonly<Config>;
  readonly secrets: Secrets;
  readonly secretSources: SecretSources;
  /** The files that were layered, in order. */
  readonly files: readonly string[];
}

export interface LoadOptions {
  /** An extra config file layered on the defaults (`--config`, else PARTNER_SYNC_CONFIG). */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  defaultsFile?: string;
}

type Plain = Record<string, unknown>;
interface Layer {
  source: string;
  data: Plain;
}

/** A URL's credentials (`http://user:pw@host`) never reach a problem message: `http://***@host`. */
function withoutUserinfo(value: unknown): unknown {
  return typeof value === "string" ? value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1***@") : value;
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const files = [options.defaultsFile ?? DEFAULT_CONFIG_FILE];
  const extra = options.file ?? env.PARTNER_SYNC_CONFIG;
  if (extra) files.push(extra);

  const layers: Layer[] = [];
  for (const file of files) {
    const data = readYamlFile(file, problems);
    if (data) layers.push({ source: file, data });
  }
  layers.push({ source: "environment", data: envOverrides(env, problems) });

  const provenance = new Map<string, string>();
  const merged: Plain = {};
  for (const layer of layers) mergeInto(merged, layer.data, layer.source, [], provenance);
  const sourceOf = (path: readonly PropertyKey[]): string => {
    for (let n = path.length; n > 0; n--) {
      const hit = provenance.get(path.slice(0, n).join("."));
      if (hit) return hit;
    }
    return files[0]!;
  };

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const hint = didYouMean(key, keysAt(configSchema, issue.path as (string | number)[]) ?? []);
          problems.push({ file: sourceOf([...issue.path, key]), path: [...issue.path, key].join("."), message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ""}` });
        }
      } else {
        const got = valueAt(merged, issue.path);
        problems.push({ file: sourceOf(issue.path), path: issue.path.join("."), message: `${issue.message}${got === undefined ? "" : `; got ${JSON.stringify(withoutUserinfo(got))}`}` });
      }
    }
    throw new ConfigError(problems);
  }

  const config = parsed.data;
  const resolved = resolveSecrets(config, env, (key) => sourceOf(key.split(".")));
  problems.push(...resolved.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { config: deepFreeze(config), secrets: Object.freeze(resolved.secrets), secretSources: Object.freeze(resolved.sources), files };
}

function readYamlFile(file: string, problems: ConfigProblem[]): Plain | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    problems.push({ file, path: "", message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return undefined;
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0];
      problems.push({ file: pos ? `${file}:${pos.line}:${pos.col}` : file, path: "", message: `YAML: ${err.message.split("\n")[0]}` });
    }
    return undefined;
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.push({ file, path: "", message: `expected a mapping of keys at the top level, got ${Array.isArray(data) ? "a list" : typeof data}` });
    return undefined;
  }
  return data as Plain;
}

/** PARTNER_SYNC_STORE_BUSY_TIMEOUT_MS → store.busyTimeoutMs, derived from the schema's leaves. */
export function envNameOf(path: readonly string[]): string {
  return ENV_PREFIX + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()).join("_");
}

export const ENV_LEAVES: ReadonlyMap<string, Leaf> = new Map(leaves(configSchema).map((l) => [envNameOf(l.path), l]));

function envOverrides(env: NodeJS.ProcessEnv, problems: ConfigProblem[]): Plain {
  const out: Plain = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined || NON_KEY_ENV.has(name) || SECRET_ENV_NAMES.has(name)) continue;
    const leaf = ENV_LEAVES.get(name);
    if (!leaf) {
      const hint = didYouMean(name, [...ENV_LEAVES.keys(), ...SECRET_ENV_NAMES, ...NON_KEY_ENV]);
      problems.push({ file: "environment", path: name, message: `unknown environment variable${hint ? ` (did you mean ${hint}?)` : ""}` });
      continue;
    }
    setAt(out, leaf.path, coerce(raw, leaf));
  }
  return out;
}

function coerce(raw: string, leaf: Leaf): unknown {
  switch (leaf.kind) {
    case "number":
      return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    case "array":
      return raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
    default:
      return raw;
  }
}

function isPlain(v: unknown): v is Plain {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeInto(target: Plain, src: Plain, source: string, path: string[], provenance: Map<string, string>): void {
  for (const [k, v] of Object.entries(src)) {
    const p = [...path, k];
    const key = p.join(".");
    if (isPlain(v)) {
      if (!isPlain(target[k])) {
        target[k] = {};
        provenance.set(key, source);
      }
      mergeInto(target[k] as Plain, v, source, p, provenance);
    } else {
      target[k] = v;
      provenance.set(key, source);
    }
  }
}

function setAt(obj: Plain, path: readonly string[], value: unknown): void {
  let o = obj;
  for (const p of path.slice(0, -1)) {
    if (!isPlain(o[p])) o[p] = {};
    o = o[p] as Plain;
  }
  o[path[path.length - 1]!] = value;
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let o = obj;
  for (const p of path) {
    if (!isPlain(o)) return undefined;
    o = o[String(p)];
  }
  return isPlain(o) ? undefined : o;
}

/** The closest candidate within a small edit distance, for typo hints. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
