// Gives every generated record the full shape of its object, in describe order with nulls present
// (as the APIs return them), so key order — and so the JSON bytes — never depend on code paths.
// One compiled object literal per object: records share a hidden class instead of each becoming a
// dictionary, which is what keeps size=100000 fast and within a few hundred MB.
import type { JsonRecord } from "../contracts.js";
import { defaultOrg } from "../default-org/default-org.js";

type Shaper = (partial: JsonRecord) => JsonRecord;

function compile(names: readonly string[]): Shaper {
  // Field names come from the default org's own constants, never from input data.
  const body = names.map((n) => `${JSON.stringify(n)}: p[${JSON.stringify(n)}] ?? null`).join(",\n");
  return new Function("p", `return {\n${body}\n};`) as Shaper;
}

const sfShapers = new Map(defaultOrg.salesforce.describes.map((d) => [d.name, compile(d.fields.map((f) => f.name))]));
const portalShapers = new Map(defaultOrg.portal.objects.map((o) => [o.name, compile(o.fields.map((f) => f.name))]));

function shaper(shapers: Map<string, Shaper>, object: string): Shaper {
  const s = shapers.get(object);
  if (!s) throw new RangeError(`the default org has no object ${object}`);
  return s;
}

export function sfShape(object: string, partial: JsonRecord): JsonRecord {
  return shaper(sfShapers, object)(partial);
}

export function portalShape(object: string, partial: JsonRecord): JsonRecord {
  return shaper(portalShapers, object)(partial);
}
