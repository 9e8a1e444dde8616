// A mapping's row filters as one predicate over a system record: which rows of the object are this
// entity (Accounts of Type Partner, Leads shared to a partner…). Connectors may also push them into
// their queries; the predicate keeps the converters right whatever a connector fetched.
import type { JsonRecord } from "./json-record.js";
import type { RowFilter, SystemId } from "./mapping.schema.js";
import { systemReader } from "./system-access.js";

type Predicate = (rec: Readonly<JsonRecord>) => boolean;

function one(system: SystemId, f: RowFilter): Predicate {
  const read = systemReader(system, f.field);
  const values = new Set(Array.isArray(f.value) ? f.value : [f.value]);
  switch (f.op) {
    case "eq": return (r) => read(r) === f.value;
    case "ne": return (r) => read(r) !== f.value;
    case "in": return (r) => values.has(read(r) as never);
    case "notIn": return (r) => !values.has(read(r) as never);
    case "isNull": return (r) => read(r) == null;
    case "notNull": return (r) => read(r) != null;
  }
}

export function rowFilter(system: SystemId, filters: readonly RowFilter[] | undefined): Predicate {
  const preds = (filters ?? []).map((f) => one(system, f));
  if (preds.length === 0) return () => true;
  return (r) => {
    for (const p of preds) if (!p(r)) return false;
    return true;
  };
}
