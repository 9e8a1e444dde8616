// Whether a run gets a mirror (src/store/run-mirror.ts), and what it copies: `auto` when the run reads some
// entity whole (its first run, or --full) — then most records are looked up anyway and one streamed
// read per object is far cheaper than a query per page — and never for incremental runs, whose few
// changed records are cheaper to look up by key.
import type { SystemName } from "../sandbox/contracts.js";
import type { Store } from "../store/store.js";
import type { WindowSettings } from "./entity-pass.js";
import type { EntitySpec } from "./entity-specs.js";
import { RunMirror, type MirrorSource } from "../store/run-mirror.js";
import { readingAhead } from "./read-ahead.js";
import type { SystemAccess } from "./system-access.js";

/** Records read ahead while the mirror stores a page of its copy: about one Salesforce query page. */
export const MIRROR_READ_AHEAD = 2_000;

export function mirrorFor(mode: "auto" | "always" | "never", store: Store, access: SystemAccess, specs: readonly EntitySpec[], window: WindowSettings): RunMirror | undefined {
  if (mode === "never") return undefined;
  const sides = specs.flatMap((s) => Object.values(s.sides).flatMap((side) => (side && side.system !== "coupa" ? [side] : [])));
  const readsWhole = window.full || sides.some((side) => store.watermarks.get(side.system, side.object) === undefined);
  if (mode === "auto" && !readsWhole) return undefined;
  // Every field any entity maps on an object, its key fields and Id: one copy serves them all.
  const fields = new Map<string, Set<string>>();
  for (const side of sides) {
    const name = `${side.system}\u0000${side.object}`;
    const set = fields.get(name) ?? fields.set(name, new Set(["Id"])).get(name)!;
    for (const f of side.converter.systemFields) set.add(f);
    if (side.canonicalKeyField) set.add(side.canonicalKeyField);
    if (side.upsert) set.add(side.upsert.field);
  }
  const source: Partial<Record<SystemName, MirrorSource>> = {};
  for (const system of ["salesforce", "portal"] as const) {
    const c = access[system];
    if (!c) continue;
    source[system] = {
      // Read ahead: the next page comes while this one is stored (docs/bench.md round 15).
      readAll: (object, f) => readingAhead(c.readAll(object, { fields: f }), MIRROR_READ_AHEAD),
      readByKeys: (object, field, values, f) => c.readByKeys(object, field, values, { fields: f }),
    };
  }
  return new RunMirror(source, (system, object) => {
    const f = fields.get(`${system}\u0000${object}`);
    return f ? [...f] : undefined;
  });
}
