// The portal's `filter` query parameter is a small SQL-like language. We parse it into an AST first,
// so a malformed filter is a 400 naming the position (as the portal does) instead of a silent
// "matches nothing", and evaluation never re-reads the text.
//
// Grammar (keywords case-insensitive):
//   expr       := andExpr ( OR andExpr )*
//   andExpr    := primary ( AND primary )*
//   primary    := "(" expr ")" | comparison
//   comparison := FIELD op literal | FIELD LIKE string
//   op         := "=" | "!=" | "<>" | "<" | "<=" | ">" | ">="
//   literal    := 'quoted string' ('' escapes a quote) | number | true | false | null

export type ComparisonOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "like";

export type FilterLiteral =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" };

export type FilterNode =
  | { kind: "and"; terms: FilterNode[] }
  | { kind: "or"; terms: FilterNode[] }
  | { kind: "cmp"; field: string; position: number; op: ComparisonOp; value: FilterLiteral };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based character position in the filter text. */
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = "FilterSyntaxError";
  }
}

type Token =
  | { t: "ident"; text: string; pos: number }
  | { t: "string"; text: string; pos: number }
  | { t: "number"; value: number; pos: number }
  | { t: "op"; text: string; pos: number }
  | { t: "lparen" | "rparen" | "end"; pos: number };

const IDENT = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const OPERATOR = /!=|<>|<=|>=|=|<|>/y;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? "";
    const pos = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ t: c === "(" ? "lparen" : "rparen", pos });
      i++;
    } else if (c === "'") {
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new FilterSyntaxError("Unterminated string literal", pos);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += src[j];
        j++;
      }
      tokens.push({ t: "string", text, pos });
      i = j + 1;
    } else if (sticky(OPERATOR, src, i)) {
      const text = sticky(OPERATOR, src, i) ?? "";
      tokens.push({ t: "op", text: text === "<>" ? "!=" : text, pos });
      i += text.length;
    } else if (sticky(NUMBER, src, i)) {
      const text = sticky(NUMBER, src, i) ?? "";
      tokens.push({ t: "number", value: Number(text), pos });
      i += text.length;
    } else if (sticky(IDENT, src, i)) {
      const text = sticky(IDENT, src, i) ?? "";
      tokens.push({ t: "ident", text, pos });
      i += text.length;
    } else {
      throw new FilterSyntaxError(`Unexpected character '${c}'`, pos);
    }
  }
  tokens.push({ t: "end", pos: src.length + 1 });
  return tokens;
}

function sticky(re: RegExp, src: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(src)?.[0];
}

function isKeyword(tok: Token, word: string): boolean {
  return tok.t === "ident" && tok.text.toLowerCase() === word;
}

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let k = 0;
  const peek = (): Token => tokens[k] ?? { t: "end", pos: src.length + 1 };
  const next = (): Token => tokens[k++] ?? { t: "end", pos: src.length + 1 };

  function expr(): FilterNode {
    const terms = [andExpr()];
    while (isKeyword(peek(), "or")) {
      next();
      terms.push(andExpr());
    }
    return terms.length === 1 ? (terms[0] as FilterNode) : { kind: "or", terms };
  }

  function andExpr(): FilterNode {
    const terms = [primary()];
    while (isKeyword(peek(), "and")) {
      next();
      terms.push(primary());
    }
    return terms.length === 1 ? (terms[0] as FilterNode) : { kind: "and", terms };
  }

  function primary(): FilterNode {
    const tok = next();
    if (tok.t === "lparen") {
      const inner = expr();
      const close = next();
      if (close.t !== "rparen") throw new FilterSyntaxError("Expected ')'", close.pos);
      return inner;
    }
    if (tok.t !== "ident" || ["and", "or", "like", "null", "true", "false"].includes(tok.text.toLowerCase())) {
      throw new FilterSyntaxError("Expected a field name", tok.pos);
    }
    const opTok = next();
    let op: ComparisonOp;
    if (opTok.t === "op") op = opTok.text as ComparisonOp;
    else if (isKeyword(opTok, "like")) op = "like";
    else throw new FilterSyntaxError(`Expected an operator after '${tok.text}'`, opTok.pos);
    const valueTok = next();
    const value = literal(valueTok);
    if (op === "like" && value.type !== "string") {
      throw new FilterSyntaxError("'like' needs a quoted pattern", valueTok.pos);
    }
    if (value.type === "null" && op !== "=" && op !== "!=") {
      throw new FilterSyntaxError(`'${op}' cannot compare with null`, valueTok.pos);
    }
    return { kind: "cmp", field: tok.text, position: tok.pos, op, value };
  }

  function literal(tok: Token): FilterLiteral {
    if (tok.t === "string") return { type: "string", value: tok.text };
    if (tok.t === "number") return { type: "number", value: tok.value };
    if (tok.t === "ident") {
      const word = tok.text.toLowerCase();
      if (word === "null") return { type: "null" };
      if (word === "true" || word === "false") return { type: "boolean", value: word === "true" };
    }
    throw new FilterSyntaxError("Expected a value (quoted string, number, true, false or null)", tok.pos);
  }

  const tree = expr();
  const rest = peek();
  if (rest.t !== "end") throw new FilterSyntaxError("Unexpected token (expected 'and', 'or' or end)", rest.pos);
  return tree;
}
