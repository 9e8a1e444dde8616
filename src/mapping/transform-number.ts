// Numbers, booleans and money. Money is `{ amountMinor, currency }` with an exact integer amount in
// the currency's minor unit; decimal strings ("1250.00", Coupa) and JSON numbers (Salesforce
// currency fields, portal Decimal) are converted through text, never by float multiplication.
import { z } from "zod";
import type { Money } from "../domain/money.js";
import { currencyExponent } from "./currencies.js";
import { decimalText, integerToDecimal, scaleToInteger, shiftDecimal } from "./decimal.js";
import { BadValue, defineTransform } from "./transform-types.js";

export const integer = defineTransform({
  name: "integer",
  summary: "a whole number (an integer-valued number or numeric text)",
  args: z.strictObject({}),
  produces: ["integer"],
  accepts: { salesforce: ["int", "double", "percent", "currency"], portal: ["Integer", "Decimal"], coupa: ["integer", "decimal-string"] },
  build: () => ({
    forward: (raw) => {
      const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      return typeof n === "number" && Number.isSafeInteger(n) ? n + 0 : new BadValue(`expected an integer, got ${JSON.stringify(raw)}`);
    },
    reverse: (value) => value,
  }),
});

export const number = defineTransform({
  name: "number",
  summary: "a decimal number; `shift` moves the decimal point exactly on read (percent 12.5 → 0.125 with -2) and back on write",
  args: z.strictObject({ shift: z.number().int().min(-9).max(9).default(0) }),
  produces: ["number"],
  accepts: { salesforce: ["double", "percent", "currency", "int"], portal: ["Decimal", "Integer"], coupa: ["decimal-string", "integer"] },
  build: (args) => ({
    forward: (raw) => {
      const t = decimalText(raw);
      if (t instanceof BadValue) return t;
      const n = Number(t);
      return t !== "" && Number.isFinite(n) ? shiftDecimal(n, args.shift) + 0 : new BadValue(`expected a number, got ${JSON.stringify(raw)}`);
    },
    reverse: (value) => (typeof value === "number" ? shiftDecimal(value, -args.shift) : new BadValue(`expected a number, got ${JSON.stringify(value)}`)),
  }),
});

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

export const boolean = defineTransform({
  name: "boolean",
  summary: "true/false; reads true/false, \"Yes\"/\"No\", \"Y\"/\"N\", 1/0 (any case); writes a boolean or, with style yes-no, \"Yes\"/\"No\"",
  args: z.strictObject({ style: z.enum(["boolean", "yes-no"]).default("boolean") }),
  produces: ["boolean"],
  accepts: { salesforce: ["boolean", "string", "picklist"], portal: ["Boolean", "Text", "Picklist"], coupa: ["boolean", "string"] },
  build: (args) => ({
    outputs: args.style === "yes-no" ? ["Yes", "No"] : [],
    forward: (raw) => {
      if (typeof raw === "boolean") return raw;
      const key = typeof raw === "string" ? raw.trim().toLowerCase() : typeof raw === "number" ? String(raw) : "";
      if (TRUE.has(key)) return true;
      if (FALSE.has(key)) return false;
      return new BadValue(`expected a yes/no value, got ${JSON.stringify(raw)}`);
    },
    reverse: (value) => {
      if (typeof value !== "boolean") return new BadValue(`expected a boolean, got ${JSON.stringify(value)}`);
      return args.style === "yes-no" ? (value ? "Yes" : "No") : value;
    },
  }),
});

const CURRENCY_CODE = /^[A-Z]{3}$/;

export const money = defineTransform({
  name: "money",
  summary: "an amount ⇄ `{ amountMinor, currency }` in exact integer minor units (ISO 4217 exponent: JPY 0, USD 2, KWD 3)",
  args: z
    .strictObject({
      currencyField: z.string().min(1).optional().describe("the system field holding the ISO currency code"),
      currency: z.string().regex(CURRENCY_CODE).optional().describe("a fixed currency when the system has no currency field"),
      format: z.enum(["number", "string"]).default("number").describe("write a JSON number or a decimal string (\"1250.00\")"),
    })
    .refine((a) => (a.currencyField === undefined) !== (a.currency === undefined), "give exactly one of currencyField or currency"),
  produces: ["money"],
  accepts: { salesforce: ["currency", "double"], portal: ["Decimal"], coupa: ["decimal-string"] },
  build: (args, ctx) => {
    const readCurrency = args.currencyField === undefined ? () => args.currency : ctx.reader(args.currencyField);
    const writeCurrency = args.currencyField === undefined ? undefined : ctx.writer(args.currencyField);
    return {
      extraFields: args.currencyField === undefined ? [] : [args.currencyField],
      forward: (raw, record) => {
        const currency = readCurrency(record);
        const exponent = typeof currency === "string" ? currencyExponent(currency) : undefined;
        if (exponent === undefined) return new BadValue(`unsupported or missing currency ${JSON.stringify(currency)}`);
        const t = decimalText(raw);
        if (t instanceof BadValue) return t;
        const amountMinor = scaleToInteger(t, exponent);
        return amountMinor instanceof BadValue ? amountMinor : ({ amountMinor, currency: currency as string } satisfies Money);
      },
      reverse: (value, out) => {
        const m = value as Partial<Money>;
        const exponent = typeof m?.currency === "string" ? currencyExponent(m.currency) : undefined;
        if (exponent === undefined || !Number.isSafeInteger(m.amountMinor)) return new BadValue(`expected money, got ${JSON.stringify(value)}`);
        if (args.currency !== undefined && m.currency !== args.currency) return new BadValue(`this field holds ${args.currency} only, got ${m.currency}`);
        writeCurrency?.(out, m.currency);
        const text = integerToDecimal(m.amountMinor as number, exponent);
        return args.format === "string" ? text : Number(text);
      },
    };
  },
});
