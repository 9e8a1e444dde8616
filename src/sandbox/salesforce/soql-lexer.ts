// Tokens of the SOQL subset, each with its row/column so errors can point at it.
import { soqlError, type SourcePos } from "./soql-error.js";

export type TokenKind = "ident" | "string" | "number" | "date" | "datetime" | "op" | "(" | ")" | "," | "eof";

export interface Token extends SourcePos {
  kind: TokenKind;
  /** source text (for strings: the decoded value) */
  text: string;
  offset: number;
}

const ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', n: "\n", r: "\r", t: "\t", b: "\b", f: "\f",
  // kept escaped: they only mean something inside LIKE patterns
  _: "\\_", "%": "\\%",
};

const DATETIME_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE_RE = /\d{4}-\d{2}-\d{2}(?![\d:T])/y;
const NUMBER_RE = /[+-]?\d+(?:\.\d+)?(?![\w.])/y;
const IDENT_RE = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const OP_RE = /!=|<>|<=|>=|=|<|>/y;

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  const pos = (at: number): SourcePos => ({ row, col: at - lineStart + 1 });
  const sticky = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(query)?.[0];
  };
  while (i < query.length) {
    const c = query[i]!;
    if (c === "\n") {
      i++;
      row++;
      lineStart = i;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    const at = pos(start);
    if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        const ch = query[i];
        if (ch === undefined) throw soqlError("MALFORMED_QUERY", "unexpected token: '<EOF>'", query, pos(i));
        if (ch === "'") break;
        if (ch === "\\") {
          const esc = ESCAPES[query[i + 1] ?? ""];
          if (esc === undefined) {
            throw soqlError("MALFORMED_QUERY", `Invalid string literal '${query.slice(start, i + 2)}'. Illegal character sequence '\\${query[i + 1] ?? ""}' in string literal.`, query, at);
          }
          value += esc;
          i += 2;
          continue;
        }
        if (ch === "\n") {
          row++;
          lineStart = i + 1;
        }
        value += ch;
        i++;
      }
      i++;
      tokens.push({ kind: "string", text: value, offset: start, ...at });
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c, text: c, offset: start, ...at });
      i++;
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const signAllowed = !prev || prev.kind === "op" || prev.kind === "(" || prev.kind === ",";
    let text: string | undefined;
    let kind: TokenKind | undefined;
    if ((text = sticky(DATETIME_RE))) kind = "datetime";
    else if ((text = sticky(DATE_RE))) kind = "date";
    else if ((text = sticky(NUMBER_RE)) && (signAllowed || /^\d/.test(text))) kind = "number";
    else if ((text = sticky(IDENT_RE))) kind = "ident";
    else if ((text = sticky(OP_RE))) kind = "op";
    if (!kind || !text) {
      const word = /^[^\s(),']+/.exec(query.slice(i))?.[0] ?? c;
      throw soqlError("MALFORMED_QUERY", `unexpected token: '${word}'`, query, at);
    }
    tokens.push({ kind, text, offset: start, ...at });
    i += text.length;
  }
  tokens.push({ kind: "eof", text: "<EOF>", offset: i, ...pos(i) });
  return tokens;
}
