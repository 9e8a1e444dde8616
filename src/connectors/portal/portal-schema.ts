// The portal's object and field definitions (`_describe`), cached per connector. They serve twice:
// the mappings check compares them with mappings/portal.yaml, and the reader renames the camelCased
// response keys back to the names as DEFINED (`nfR_Seats__cf` → `NFR_Seats__cf`), so the mapping
// layer sees one spelling. Json.NET's camelCasing only changes letter case, so a case-insensitive
// lookup reverses it exactly, without re-implementing its rules.
import type { JsonRecord, PortalFieldDef, PortalObjectDef } from "../../sandbox/contracts.js";
import { ConnectorError } from "../shared/connector-error.js";
import type { PortalHttp } from "./portal-http.js";

/** Every portal record has these, whether or not a tenant's `_describe` lists them. */
const SYSTEM_FIELDS: readonly PortalFieldDef[] = [
  { name: "Id", dataType: "Integer", isReadOnly: true, isFilterable: true, isRequired: false },
  { name: "Created", dataType: "DateTime", isReadOnly: true, isFilterable: true, isRequired: false },
  { name: "Updated", dataType: "DateTime", isReadOnly: true, isFilterable: true, isRequired: false },
  { name: "RecordVersion", dataType: "Integer", isReadOnly: true, isFilterable: true, isRequired: false },
];

export interface ObjectFields {
  readonly def: PortalObjectDef;
  field(name: string): PortalFieldDef | undefined;
  /** The record with each key spelt as defined; unknown keys are kept as they came. */
  toDefined(wire: JsonRecord): JsonRecord;
}

/**
 * How an operation may be repeated: `idempotent` on any transient failure; `refusals` only when the
 * portal refused it outright (429), which proves it did nothing — the mode of a create.
 */
export type RetryMode = "idempotent" | "refusals";
export type Retrying = <T>(operation: () => Promise<T>, mode: RetryMode, signal?: AbortSignal) => Promise<T>;

function dataOf(body: unknown, route: string): unknown {
  const data = (body as { data?: unknown }).data;
  if (data === undefined) throw new ConnectorError({ system: "portal", route, kind: "server" }, "response has no 'data'");
  return data;
}

export function objectFields(def: PortalObjectDef): ObjectFields {
  const byLower = new Map<string, PortalFieldDef>();
  for (const f of SYSTEM_FIELDS) byLower.set(f.name.toLowerCase(), f);
  for (const f of def.fields) byLower.set(f.name.toLowerCase(), f);
  // Each spelling the wire uses, resolved once (not lowered again for every key of every record);
  // bounded, should a portal send ever new keys.
  const byWire = new Map<string, string>();
  const definedName = (k: string): string => {
    let name = byWire.get(k);
    if (name === undefined) {
      name = byLower.get(k.toLowerCase())?.name ?? k;
      if (byWire.size < 1_000) byWire.set(k, name);
    }
    return name;
  };
  return {
    def,
    field: (name) => byLower.get(name.toLowerCase()),
    toDefined(wire) {
      const out: JsonRecord = {};
      for (const k in wire) if (Object.hasOwn(wire, k)) out[definedName(k)] = wire[k];
      return out;
    },
  };
}

export class PortalSchemas {
  private readonly cache = new Map<string, Promise<ObjectFields>>();

  constructor(
    private readonly call: PortalHttp,
    private readonly retrying: Retrying,
  ) {}

  /** `GET /_describe`: the tenant's objects. */
  async objects(): Promise<{ name: string; label?: string }[]> {
    const res = await this.retrying(() => this.call({ method: "GET", path: "/_describe" }), "idempotent");
    const data = dataOf(res.data, "GET /_describe");
    if (!Array.isArray(data)) throw new ConnectorError({ system: "portal", route: "GET /_describe", kind: "server" }, "'data' is not a list");
    return data as { name: string; label?: string }[];
  }

  /** `GET /{Object}/_describe`, once per object for the connector's lifetime. */
  object(name: string): Promise<ObjectFields> {
    const key = name.toLowerCase();
    let pending = this.cache.get(key);
    if (!pending) {
      const path = `/${encodeURIComponent(name)}/_describe`;
      pending = this.retrying(() => this.call({ method: "GET", path }), "idempotent").then((res) => objectFields(dataOf(res.data, `GET ${path}`) as PortalObjectDef));
      // A failed describe must not stay cached: the next call tries again.
      pending.catch(() => this.cache.delete(key));
      this.cache.set(key, pending);
    }
    return pending;
  }
}
