// Text-valued transforms: plain text, trimming, e-mail addresses, ids and references, lists kept in
// one text field, several fields joined into one, and constants.
import { z } from "zod";
import { BadValue, defineTransform, TEXT_TYPES, type TransformDef } from "./transform-types.js";

const DIGITS = /^\d+$/;

const notText = (raw: unknown) => new BadValue(`expected text, got ${typeof raw} ${JSON.stringify(raw)}`);

export const text = defineTransform({
  name: "text",
  summary: "text as is (numbers are not accepted)",
  args: z.strictObject({}),
  produces: ["string"],
  accepts: TEXT_TYPES,
  build: () => ({
    forward: (raw) => (typeof raw === "string" ? raw : notText(raw)),
    reverse: (value) => value,
  }),
});

export const trim = defineTransform({
  name: "trim",
  summary: "surrounding whitespace removed; an empty or blank value is null",
  args: z.strictObject({}),
  produces: ["string"],
  accepts: TEXT_TYPES,
  build: () => ({
    forward: (raw) => {
      if (typeof raw !== "string") return notText(raw);
      const t = raw.trim();
      return t === "" ? null : t;
    },
    reverse: (value) => (typeof value === "string" ? value.trim() || null : value),
  }),
});

// Deliberately loose (one @, a dot in the domain, no spaces): the systems validate further; this
// catches what would make a write fail or a join miss.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const email = defineTransform({
  name: "email",
  summary: "trimmed and lower-cased e-mail address; anything else is a bad value",
  args: z.strictObject({}),
  produces: ["string"],
  accepts: { salesforce: ["email", "string"], portal: ["Email", "Text"], coupa: ["string"] },
  build: () => ({
    forward: (raw) => {
      if (typeof raw !== "string") return notText(raw);
      const t = raw.trim().toLowerCase();
      if (t === "") return null;
      return EMAIL.test(t) ? t : new BadValue(`not an e-mail address: ${JSON.stringify(raw)}`);
    },
    reverse: (value) => value,
  }),
});

export const id = defineTransform({
  name: "id",
  summary: "a record id: text or integer in the system, always text in canonical form",
  args: z.strictObject({ numeric: z.boolean().optional().describe("write as an integer (portal Id/Reference)") }),
  produces: ["string"],
  accepts: {
    salesforce: ["id", "reference", "string"],
    portal: ["Integer", "Reference", "Text"],
    coupa: ["integer", "string"],
  },
  build: (args) => ({
    forward: (raw) => {
      if (typeof raw === "string") return raw === "" ? null : raw;
      if (typeof raw === "number" && Number.isSafeInteger(raw)) return String(raw);
      return new BadValue(`expected an id, got ${JSON.stringify(raw)}`);
    },
    reverse: (value) => {
      if (!args.numeric || typeof value !== "string") return value;
      const n = Number(value);
      return DIGITS.test(value) && Number.isSafeInteger(n) ? n : new BadValue(`id ${JSON.stringify(value)} is not an integer`);
    },
  }),
});

const separatorArgs = z.strictObject({ separator: z.string().min(1).default(";") });

function splitter(separator: string) {
  return (raw: unknown) => {
    if (raw === null || raw === undefined) return [];
    if (typeof raw !== "string") return notText(raw);
    const out: string[] = [];
    for (const part of raw.split(separator)) {
      const t = part.trim();
      if (t !== "") out.push(t);
    }
    return out;
  };
}

function joiner(separator: string) {
  return (value: unknown) => {
    if (value === null || value === undefined) return null;
    if (!Array.isArray(value)) return new BadValue(`expected a list, got ${JSON.stringify(value)}`);
    return value.length === 0 ? null : value.join(separator);
  };
}

export const split = defineTransform({
  name: "split",
  summary: "a list kept in one text field (`a;b;c`): split on read, joined on write; empty is []",
  args: separatorArgs,
  produces: ["list"],
  accepts: { salesforce: ["string", "textarea"], portal: ["Text"], coupa: ["string"] },
  build: (args) => ({ forward: splitter(args.separator), reverse: joiner(args.separator), handlesNull: true }),
});

export const reference = defineTransform({
  name: "reference",
  summary: "the id of another canonical entity, translated by the join when this system's id is not its canonical id",
  args: z.strictObject({
    entity: z.string().min(1).describe("the canonical entity referred to"),
    separator: z.string().min(1).optional().describe("several ids in one text field"),
    numeric: z.boolean().optional().describe("write as an integer (portal Reference)"),
    of: z.enum(["salesforce", "portal", "coupa"]).optional().describe("whose id the field holds (default: this system's), e.g. salesforce for a portal `…_CrmId`"),
  }),
  produces: ["string", "list"],
  accepts: {
    salesforce: ["reference", "id", "string", "textarea"],
    portal: ["Reference", "Integer", "Text"],
    coupa: ["integer", "string"],
  },
  build: (args, ctx) => {
    if (args.separator !== undefined) return { forward: splitter(args.separator), reverse: joiner(args.separator), handlesNull: true };
    return (id as TransformDef<{ numeric?: boolean }>).build({ numeric: args.numeric ?? false }, ctx);
  },
});

export const join = defineTransform({
  name: "join",
  summary: "several text fields joined into one value (names); written back split at the separator, the last part taking the rest",
  args: z.strictObject({
    with: z.array(z.string().min(1)).min(1).describe("the fields joined after `field`, in order"),
    separator: z.string().min(1).default(" "),
    copyTo: z.array(z.string().min(1)).optional().describe("fields that also receive the whole value on write (a required full-name field)"),
  }),
  produces: ["string"],
  accepts: TEXT_TYPES,
  build: (args, ctx) => {
    const readers = args.with.map((f) => ctx.reader(f));
    const writers = args.with.map((f) => ctx.writer(f));
    const copies = (args.copyTo ?? []).map((f) => ctx.writer(f));
    const parts = 1 + args.with.length;
    return {
      handlesNull: true,
      extraFields: [...args.with, ...(args.copyTo ?? [])],
      forward: (raw, record) => {
        let out = typeof raw === "string" ? raw.trim() : "";
        if (raw !== null && raw !== undefined && typeof raw !== "string") return notText(raw);
        for (const read of readers) {
          const v = read(record);
          if (v === null || v === undefined) continue;
          if (typeof v !== "string") return notText(v);
          const t = v.trim();
          if (t !== "") out = out === "" ? t : out + args.separator + t;
        }
        return out === "" ? null : out;
      },
      reverse: (value, out) => {
        for (const c of copies) c(out, value ?? null);
        if (value === null || value === undefined) {
          for (const w of writers) w(out, null);
          return null;
        }
        if (typeof value !== "string") return notText(value);
        // Fill from the right: a single word is the last field (the one systems require: Last_Name).
        const pieces = value.split(args.separator);
        const head = pieces.length >= parts ? pieces.slice(0, pieces.length - args.with.length) : [];
        const tail = pieces.length >= parts ? pieces.slice(pieces.length - args.with.length) : pieces;
        const offset = args.with.length - tail.length;
        for (let i = 0; i < writers.length; i++) writers[i]?.(out, i < offset ? null : (tail[i - offset] ?? null));
        return head.length === 0 ? null : head.join(args.separator);
      },
    };
  },
});

export const constant = defineTransform({
  name: "constant",
  summary: "always this value, whatever the system holds (read) or the canonical value (write)",
  args: z.strictObject({ value: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
  produces: ["string", "integer", "number", "boolean"],
  accepts: {
    salesforce: ["string", "textarea", "picklist", "boolean", "int", "double", "percent", "currency", "email", "url", "phone"],
    portal: ["Text", "Picklist", "Boolean", "Integer", "Decimal", "Email", "Url", "Phone"],
    coupa: ["string", "integer", "boolean", "decimal-string"],
  },
  build: (args) => ({ handlesNull: true, forward: () => args.value, reverse: () => args.value, outputs: [args.value] }),
});
