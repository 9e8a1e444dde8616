// RFC 4180 CSV as the Bulk API speaks it: comma-delimited, `"` quoting with `""` escapes, fields may
// span lines, LF or CRLF line endings on input; output quotes every non-null value.

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      endField();
      i++;
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      endRow();
      i += c === "\r" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

export function csvLine(values: (string | null)[]): string {
  return values.map((v) => (v === null ? "" : `"${v.replace(/"/g, '""')}"`)).join(",");
}
