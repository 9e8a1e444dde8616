// CSV of Bulk API 2.0 ingest (RFC 4180, comma, LF). Upload: `#N/A` sets a field to null, an empty
// cell leaves it unchanged, so a record's absent field is an empty cell and its null is `#N/A`.
// Results: the service's rows, parsed with quoting, embedded commas, quotes and newlines.
import type { JsonRecord } from "../../sandbox/contracts.js";

const NULL_CELL = "#N/A";

function cell(value: unknown, field: string): string {
  if (value === undefined) return "";
  // Salesforce stores an empty string as null; an empty cell would instead mean "leave as is".
  if (value === null || value === "") return NULL_CELL;
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") text = String(value);
  else if (value instanceof Date) text = value.toISOString();
  else throw new TypeError(`field ${field}: a ${typeof value} has no CSV form`);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header = the external id field, then every other field any record names (first-seen order). */
export function toIngestCsv(extIdField: string, rows: readonly { key: string; fields: JsonRecord }[]): string {
  const columns = [extIdField];
  const seen = new Set([extIdField.toLowerCase()]);
  for (const r of rows) {
    for (const f of Object.keys(r.fields)) {
      if (!seen.has(f.toLowerCase())) {
        seen.add(f.toLowerCase());
        columns.push(f);
      }
    }
  }
  const lines = [columns.map((c) => cell(c, "header")).join(",")];
  for (const r of rows) lines.push(columns.map((c, i) => (i === 0 ? cell(r.key, c) : cell(r.fields[c], c))).join(","));
  return lines.join("\n") + "\n";
}

/** Rows as objects keyed by the header line; quoted fields may hold `,`, `""` and newlines. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const rows = parseCsvRows(text);
  const header = rows.shift();
  if (!header) return [];
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new TypeError("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
