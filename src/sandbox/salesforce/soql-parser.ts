// SOQL subset → AST. Grammar (keywords case-insensitive):
//   SELECT (COUNT() | field, …) FROM sobject [WHERE cond] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], …]
//   [LIMIT n] [OFFSET n]
//   cond := term (AND term)* | term (OR term)*   — mixing AND and OR needs parentheses, as in SOQL
//   term := NOT term | ( cond ) | field op value | field [NOT] IN (value, …) | field LIKE 'pattern'
import { soqlError, type SourcePos } from "./soql-error.js";
import { tokenize, type Token } from "./soql-lexer.js";

export type Literal =
  | { kind: "string"; value: string; pos: SourcePos }
  | { kind: "number"; value: number; pos: SourcePos }
  | { kind: "date" | "datetime"; value: string; pos: SourcePos }
  | { kind: "boolean"; value: boolean; pos: SourcePos }
  | { kind: "null"; pos: SourcePos };

export interface FieldRef {
  name: string;
  pos: SourcePos;
}

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Condition =
  | { kind: "and" | "or"; terms: Condition[] }
  | { kind: "not"; term: Condition }
  | { kind: "compare"; field: FieldRef; op: CompareOp; value: Literal }
  | { kind: "in"; field: FieldRef; negated: boolean; values: Literal[] }
  | { kind: "like"; field: FieldRef; pattern: Literal };

export interface OrderItem {
  field: FieldRef;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  text: string;
  select: { kind: "count"; pos: SourcePos } | { kind: "fields"; fields: FieldRef[] };
  from: FieldRef;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

export function parseSoql(text: string): SoqlQuery {
  return new Parser(text).query();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  query(): SoqlQuery {
    this.keyword("SELECT");
    const select = this.selectList();
    this.keyword("FROM");
    const from = this.field();
    const q: SoqlQuery = { text: this.text, select, from, orderBy: [] };
    if (this.isKeyword("WHERE")) {
      this.i++;
      q.where = this.condition();
    }
    if (this.isKeyword("ORDER")) {
      this.i++;
      this.keyword("BY");
      q.orderBy = [this.orderItem()];
      while (this.peek().kind === ",") {
        this.i++;
        q.orderBy.push(this.orderItem());
      }
    }
    if (this.isKeyword("LIMIT")) {
      this.i++;
      q.limit = this.integer();
    }
    if (this.isKeyword("OFFSET")) {
      this.i++;
      const at = this.peek();
      q.offset = this.integer();
      if (q.offset > 2000) {
        throw soqlError("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000", this.text, at);
      }
    }
    if (this.peek().kind !== "eof") this.unexpected();
    return q;
  }

  private selectList(): SoqlQuery["select"] {
    const first = this.peek();
    if (first.kind === "ident" && first.text.toUpperCase() === "COUNT" && this.tokens[this.i + 1]?.kind === "(") {
      this.i += 2;
      this.expect(")");
      return { kind: "count", pos: first };
    }
    const fields = [this.field()];
    while (this.peek().kind === ",") {
      this.i++;
      fields.push(this.field());
    }
    const seen = new Set<string>();
    for (const f of fields) {
      const key = f.name.toLowerCase();
      if (seen.has(key)) throw soqlError("MALFORMED_QUERY", `duplicate field selected: ${f.name}`, this.text, f.pos);
      seen.add(key);
    }
    return { kind: "fields", fields };
  }

  private condition(): Condition {
    const first = this.term();
    const conj = this.peekKeyword("AND", "OR");
    if (!conj) return first;
    const terms = [first];
    while (this.isKeyword(conj)) {
      this.i++;
      terms.push(this.term());
    }
    if (this.peekKeyword("AND", "OR")) this.unexpected();
    return { kind: conj === "AND" ? "and" : "or", terms };
  }

  private term(): Condition {
    if (this.isKeyword("NOT")) {
      this.i++;
      return { kind: "not", term: this.term() };
    }
    if (this.peek().kind === "(") {
      this.i++;
      const inner = this.condition();
      this.expect(")");
      return inner;
    }
    const field = this.field();
    const t = this.peek();
    if (t.kind === "op") {
      this.i++;
      const op = (t.text === "<>" ? "!=" : t.text) as CompareOp;
      return { kind: "compare", field, op, value: this.literal() };
    }
    if (this.isKeyword("LIKE")) {
      this.i++;
      return { kind: "like", field, pattern: this.literal() };
    }
    let negated = false;
    if (this.isKeyword("NOT")) {
      this.i++;
      negated = true;
    }
    this.keyword("IN");
    this.expect("(");
    const values = [this.literal()];
    while (this.peek().kind === ",") {
      this.i++;
      values.push(this.literal());
    }
    this.expect(")");
    return { kind: "in", field, negated, values };
  }

  private literal(): Literal {
    const t = this.next();
    const pos = { row: t.row, col: t.col };
    switch (t.kind) {
      case "string":
        return { kind: "string", value: t.text, pos };
      case "number":
        return { kind: "number", value: Number(t.text), pos };
      case "date":
      case "datetime":
        return { kind: t.kind, value: t.text, pos };
      case "ident": {
        const word = t.text.toUpperCase();
        if (word === "NULL") return { kind: "null", pos };
        if (word === "TRUE" || word === "FALSE") return { kind: "boolean", value: word === "TRUE", pos };
        break;
      }
    }
    this.i--;
    return this.unexpected();
  }

  private orderItem(): OrderItem {
    const field = this.field();
    let descending = false;
    let nullsLast = false;
    const dir = this.peekKeyword("ASC", "DESC");
    if (dir) {
      this.i++;
      descending = dir === "DESC";
    }
    if (this.isKeyword("NULLS")) {
      this.i++;
      const which = this.peekKeyword("FIRST", "LAST");
      if (!which) this.unexpected();
      this.i++;
      nullsLast = which === "LAST";
    }
    return { field, descending, nullsLast };
  }

  private integer(): number {
    const t = this.peek();
    if (t.kind !== "number" || !/^\d+$/.test(t.text)) this.unexpected();
    this.i++;
    return Number(t.text);
  }

  private field(): FieldRef {
    const t = this.peek();
    if (t.kind !== "ident" || RESERVED.has(t.text.toUpperCase())) this.unexpected();
    this.i++;
    return { name: t.text, pos: { row: t.row, col: t.col } };
  }

  private keyword(word: string): void {
    if (!this.isKeyword(word)) this.unexpected();
    this.i++;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === "ident" && t.text.toUpperCase() === word;
  }

  private peekKeyword<W extends string>(...words: W[]): W | undefined {
    const t = this.peek();
    if (t.kind !== "ident") return undefined;
    const up = t.text.toUpperCase();
    return words.find((w) => w === up);
  }

  private expect(kind: Token["kind"]): void {
    if (this.peek().kind !== kind) this.unexpected();
    this.i++;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private unexpected(): never {
    const t = this.peek();
    throw soqlError("MALFORMED_QUERY", `unexpected token: '${t.text}'`, this.text, t);
  }
}

const RESERVED = new Set([
  "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT", "OFFSET",
  "ASC", "DESC", "NULLS", "NULL", "TRUE", "FALSE", "GROUP", "HAVING", "WITH",
]);
