// Picklist values translated between a system's spelling and the canonical vocabulary (legacy
// tiers Silver → Premium, "Self-Managed" → "SelfManaged", a status onto a boolean…).
import { z } from "zod";
import { BadValue, defineTransform } from "./transform-types.js";

const canonicalValue = z.union([z.string(), z.boolean(), z.null()]);

export const picklistArgs = z
  .strictObject({
    values: z.array(z.string()).optional().describe("values that are spelled the same in both"),
    map: z.record(z.string(), canonicalValue).optional().describe("system value → canonical value"),
    reverse: z
      .record(z.string(), z.union([z.string(), z.null()]))
      .optional()
      .describe("canonical value → system value, where the inverse of `map` is ambiguous or lossy"),
  })
  .refine((a) => (a.values?.length ?? 0) + Object.keys(a.map ?? {}).length > 0, "give `values` or `map`");

export const picklist = defineTransform({
  name: "picklist",
  summary: "a closed set of values, translated by `values`/`map` (read) and their inverse or `reverse` (write); any other value is a bad value",
  args: picklistArgs,
  produces: ["string", "boolean"],
  accepts: { salesforce: ["picklist", "string"], portal: ["Picklist", "Text"], coupa: ["string"] },
  build: (args) => {
    const forward = new Map<string, string | boolean | null>();
    const reverse = new Map<string, string | null>();
    for (const v of args.values ?? []) {
      forward.set(v, v);
      reverse.set(v, v);
    }
    for (const [sys, canon] of Object.entries(args.map ?? {})) {
      forward.set(sys, canon);
      const k = String(canon);
      if (canon !== null && !reverse.has(k)) reverse.set(k, sys);
    }
    for (const [canon, sys] of Object.entries(args.reverse ?? {})) reverse.set(canon, sys);
    const known = [...forward.keys()].map((k) => JSON.stringify(k)).join(", ");
    const targets = [...reverse.keys()].map((k) => JSON.stringify(k)).join(", ");
    return {
      outputs: [...reverse.values()],
      forward: (raw) => {
        const v = typeof raw === "string" ? forward.get(raw) : undefined;
        return v === undefined ? new BadValue(`${JSON.stringify(raw)} is not one of ${known}`) : v;
      },
      reverse: (value) => {
        const v = reverse.get(String(value));
        return v === undefined ? new BadValue(`canonical ${JSON.stringify(value)} has no system value (known: ${targets})`) : v;
      },
    };
  },
});
