// The SOQL of the connector's reads. Incremental reads select a half-open window of SystemModstamp
// (the caller's window already includes its lookback), ordered by (SystemModstamp, Id) so a read
// that loses its cursor can restart at the last instant it saw, and pages report how far they cover.
import type { ReadWindow } from "../connector.js";
import { soqlDateTime, soqlIdentifier, soqlString } from "./soql-literal.js";

export const STAMP_FIELD = "SystemModstamp";
export const DELETED_FIELD = "IsDeleted";

export interface QuerySpec {
  object: string;
  fields: readonly string[];
  /** The caller's own filter in SOQL (already built with soql-literal), ANDed in parentheses. */
  where?: string | undefined;
  window?: ReadWindow;
  /** Only soft-deleted rows (queryAll). */
  deleted?: boolean;
  /** Live and soft-deleted rows together (queryAll), `IsDeleted` selected to tell them apart. */
  withDeleted?: boolean;
}

/** The restart point of a read that lost its cursor: rows at or after it (ties re-read, then skipped). */
export interface ResumeFrom {
  stamp?: Date;
  id?: string;
}

function selectList(fields: readonly string[], windowed: boolean, withDeleted: boolean): string {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (seen.has(f.toLowerCase())) return;
    seen.add(f.toLowerCase());
    out.push(soqlIdentifier(f));
  };
  add("Id");
  if (windowed) add(STAMP_FIELD);
  if (withDeleted) add(DELETED_FIELD);
  fields.forEach(add);
  return out.join(", ");
}

export function buildQuery(spec: QuerySpec, resume?: ResumeFrom): string {
  const windowed = spec.window !== undefined;
  const conditions: string[] = [];
  if (spec.window) {
    const start = resume?.stamp ?? spec.window.start;
    if (start) conditions.push(`${STAMP_FIELD} >= ${soqlDateTime(start)}`);
    conditions.push(`${STAMP_FIELD} < ${soqlDateTime(spec.window.end)}`);
  } else if (resume?.id) {
    conditions.push(`Id > ${soqlString(resume.id)}`);
  }
  if (spec.deleted) conditions.push("IsDeleted = true");
  if (spec.where !== undefined && spec.where.trim() !== "") conditions.push(`(${spec.where})`);
  const order = windowed ? `${STAMP_FIELD}, Id` : "Id";
  return [
    `SELECT ${selectList(spec.fields, windowed, spec.withDeleted === true)} FROM ${soqlIdentifier(spec.object)}`,
    ...(conditions.length ? [`WHERE ${conditions.join(" AND ")}`] : []),
    `ORDER BY ${order}`,
  ].join(" ");
}
