// Reads the query string of a portal list call (`fields`, `filter`, `orderby`, `skip`, `take`) into a
// list spec for the store, rejecting what the portal rejects with a message naming the culprit.
import { compileFilter, fieldRange, holdsBetween, keyEqualities, type FieldRange } from "./filter-evaluator.js";
import { FilterSyntaxError, parseFilter, type FilterNode } from "./filter-parser.js";
import type { ObjectSchema, SchemaField } from "./object-schema.js";
import type { ListSpec, OrderTerm } from "./portal-store.js";

export class PortalRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 404,
    message: string,
  ) {
    super(message);
    this.name = "PortalRequestError";
  }
}

export const DEFAULT_TAKE = 10;

export interface ListQuery {
  spec: ListSpec;
  /** Requested fields, or undefined for all. */
  fields?: SchemaField[];
}

export function readListQuery(schema: ObjectSchema, params: URLSearchParams, takeCap: number): ListQuery {
  // Parameter names are matched case-insensitively *(choice)*, like the portal's ASP.NET binding.
  const param = (name: string): string | null => {
    for (const [k, v] of params) if (k.toLowerCase() === name) return v;
    return null;
  };
  const filterText = param("filter")?.trim() ?? "";
  let predicate: ListSpec["predicate"];
  let equalities: ListSpec["equalities"];
  let parsed: FilterNode | undefined;
  if (filterText !== "") {
    try {
      parsed = parseFilter(filterText);
      predicate = compileFilter(parsed, schema);
      equalities = keyEqualities(parsed, schema);
    } catch (err) {
      if (err instanceof FilterSyntaxError) throw new PortalRequestError(400, `Invalid filter: ${err.message}`);
      throw err;
    }
  }
  const order = readOrder(schema, param("orderby"));
  const lead = order[0];
  const range: FieldRange | undefined = parsed && lead && !lead.desc ? fieldRange(parsed, schema, lead.field) : undefined;
  const allBetween = parsed !== undefined && range !== undefined && lead !== undefined && holdsBetween(parsed, schema, lead.field, range.lo, range.hi);
  return {
    spec: {
      predicate,
      ...(equalities ? { equalities } : {}),
      filterKey: filterText,
      ...(range ? { range } : {}),
      ...(allBetween ? { allBetween } : {}),
      order,
      skip: readCount("skip", param("skip"), 0),
      take: Math.min(readCount("take", param("take"), DEFAULT_TAKE), takeCap),
    },
    fields: readFields(schema, param("fields")),
  };
}

function readOrder(schema: ObjectSchema, text: string | null): OrderTerm[] {
  const order: OrderTerm[] = [];
  for (const part of (text ?? "").split(",")) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [name, dir, extra] = words as [string, string | undefined, string | undefined];
    const field = schema.field(name);
    if (!field) throw new PortalRequestError(400, `Invalid orderby: unknown field '${name}'`);
    const d = dir?.toLowerCase();
    if (extra !== undefined || (d !== undefined && d !== "asc" && d !== "desc")) {
      throw new PortalRequestError(400, `Invalid orderby: '${part.trim()}' (expected '<Field> asc|desc')`);
    }
    order.push({ field: field.name, desc: d === "desc" });
  }
  // Ties fall back to Id ascending *(choice)* so skip/take paging is stable.
  if (!order.some((o) => o.field === "Id")) order.push({ field: "Id", desc: false });
  return order;
}

function readCount(name: string, text: string | null, fallback: number): number {
  if (text === null || text.trim() === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || (name === "take" && n === 0)) {
    throw new PortalRequestError(400, `Invalid ${name}: '${text}'`);
  }
  return n;
}

function readFields(schema: ObjectSchema, text: string | null): SchemaField[] | undefined {
  if (text === null || text.trim() === "") return undefined;
  const out: SchemaField[] = [];
  for (const name of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const field = schema.field(name);
    if (!field) throw new PortalRequestError(400, `Invalid fields: unknown field '${name}'`);
    if (!out.includes(field)) out.push(field);
  }
  return out;
}
