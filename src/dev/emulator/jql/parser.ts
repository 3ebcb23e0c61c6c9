import { JqlError, located, tokenize, type Token } from './lexer';

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Atom =
  | { kind: 'value'; text: string; position: number }
  | { kind: 'function'; name: string; args: string[]; position: number };

export type Operand = Atom | { kind: 'list'; items: Atom[]; position: number } | { kind: 'empty'; position: number };

export type Clause =
  | { kind: 'and'; clauses: Clause[] }
  | { kind: 'or'; clauses: Clause[] }
  | { kind: 'not'; clause: Clause }
  | { kind: 'term'; field: string; position: number; operator: Operator; operand: Operand };

export interface OrderTerm {
  field: string;
  direction: 'ASC' | 'DESC';
  position: number;
}

export interface JqlQuery {
  /** Absent when the query restricts nothing (empty, or only ORDER BY): an unbounded query. */
  where?: Clause;
  orderBy: OrderTerm[];
}

/** Words that cannot stand unquoted where a field name or a value is expected. */
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'order', 'by', 'asc', 'desc', 'empty', 'null']);
const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

/** Parses JQL with a tokenizer and a recursive-descent parser: `or := and (OR and)*`, `and := not (AND not)*`,
 *  `not := NOT not | '(' or ')' | term`, `term := field operator operand`, then an optional `ORDER BY` list. */
export function parseJql(query: string): JqlQuery {
  return new Parser(query).parse();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  parse(): JqlQuery {
    const where = this.peek().kind === 'eof' || this.isKeyword('order') ? undefined : this.parseOr();
    const orderBy = this.isKeyword('order') ? this.parseOrderBy() : [];
    const rest = this.peek();
    if (rest.kind !== 'eof') this.fail(`Expecting either 'OR' or 'AND' but got '${rest.text}'.`, rest);
    return { where, orderBy };
  }

  private parseOr(): Clause {
    const clauses = [this.parseAnd()];
    while (this.acceptKeyword('or')) clauses.push(this.parseAnd());
    return clauses.length === 1 ? (clauses[0] as Clause) : { kind: 'or', clauses };
  }

  private parseAnd(): Clause {
    const clauses = [this.parseNot()];
    while (this.acceptKeyword('and')) clauses.push(this.parseNot());
    return clauses.length === 1 ? (clauses[0] as Clause) : { kind: 'and', clauses };
  }

  private parseNot(): Clause {
    if (this.acceptKeyword('not')) return { kind: 'not', clause: this.parseNot() };
    if (this.peek().kind === 'lparen') {
      this.next();
      const clause = this.parseOr();
      this.expectClosingParenthesis();
      return clause;
    }
    return this.parseTerm();
  }

  private parseTerm(): Clause {
    const token = this.peek();
    if (token.kind === 'eof') this.fail('Expecting a field name at the end of the query.');
    if (!this.isName(token)) this.fail(`Expecting a field name but got '${token.text}'.`, token);
    this.next();
    const operator = this.parseOperator();
    return {
      kind: 'term',
      field: token.text,
      position: token.position,
      operator,
      operand: this.parseOperand(operator),
    };
  }

  private parseOperator(): Operator {
    const token = this.peek();
    if (token.kind === 'operator') {
      this.next();
      return token.text as Operator;
    }
    if (this.acceptKeyword('in')) return 'in';
    if (this.acceptKeyword('is')) return this.acceptKeyword('not') ? 'is not' : 'is';
    if (this.isKeyword('not') && this.isKeyword('in', 1)) {
      this.index += 2;
      return 'not in';
    }
    if (token.kind === 'eof') this.fail(`Expecting operator before the end of the query. ${VALID_OPERATORS}`);
    return this.fail(`Expecting operator but got '${token.text}'. ${VALID_OPERATORS}`, token);
  }

  private parseOperand(operator: Operator): Operand {
    const token = this.peek();
    if (operator === 'is' || operator === 'is not') {
      if (this.acceptKeyword('empty') || this.acceptKeyword('null')) return { kind: 'empty', position: token.position };
      return this.fail(`Expecting 'EMPTY' but got '${token.text}'.`, token);
    }
    if (token.kind === 'lparen') {
      this.next();
      const items: Atom[] = [this.parseAtom()];
      while (this.peek().kind === 'comma') {
        this.next();
        items.push(this.parseAtom());
      }
      this.expectClosingParenthesis();
      return { kind: 'list', items, position: token.position };
    }
    return this.parseAtom();
  }

  private parseAtom(): Atom {
    const token = this.peek();
    if (token.kind === 'eof') this.fail('Expecting either a value, list or function before the end of the query.');
    if (token.kind === 'string') {
      this.next();
      return { kind: 'value', text: token.text, position: token.position };
    }
    if (token.kind !== 'word' || RESERVED.has(token.text.toLowerCase())) {
      this.fail(
        `Expecting either a value, list or function but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a value.`,
        token,
      );
    }
    this.next();
    if (this.peek().kind !== 'lparen') return { kind: 'value', text: token.text, position: token.position };
    this.next();
    const args: string[] = [];
    while (this.peek().kind !== 'rparen') {
      if (args.length > 0) this.expectArgumentSeparator();
      const argument = this.peek();
      if (argument.kind !== 'word' && argument.kind !== 'string') this.failInArguments(argument);
      args.push(argument.text);
      this.next();
    }
    this.next();
    return { kind: 'function', name: token.text, args, position: token.position };
  }

  private parseOrderBy(): OrderTerm[] {
    this.next();
    if (!this.acceptKeyword('by')) this.fail(`Expecting 'by' but got '${this.peek().text}'.`, this.peek());
    const terms: OrderTerm[] = [this.parseOrderTerm()];
    while (this.peek().kind === 'comma') {
      this.next();
      terms.push(this.parseOrderTerm());
    }
    return terms;
  }

  private parseOrderTerm(): OrderTerm {
    const token = this.peek();
    if (token.kind === 'eof') this.fail('Expecting a field name at the end of the query.');
    if (!this.isName(token)) this.fail(`Expecting a field name but got '${token.text}'.`, token);
    this.next();
    let direction: OrderTerm['direction'] = 'ASC';
    if (this.acceptKeyword('desc')) direction = 'DESC';
    else this.acceptKeyword('asc');
    return { field: token.text, direction, position: token.position };
  }

  private expectArgumentSeparator(): void {
    const token = this.peek();
    if (token.kind === 'eof') this.fail("Expecting ')' before the end of the query.");
    if (token.kind !== 'comma') this.fail(`Expecting ',' or ')' but got '${token.text}'.`, token);
    this.next();
  }

  private failInArguments(token: Token): never {
    if (token.kind === 'eof') this.fail("Expecting ')' before the end of the query.");
    return this.fail(`Expecting a function argument but got '${token.text}'.`, token);
  }

  private expectClosingParenthesis(): void {
    const token = this.peek();
    if (token.kind === 'rparen') {
      this.next();
      return;
    }
    if (token.kind === 'eof') this.fail("Expecting ')' before the end of the query.");
    this.fail(`Expecting ')' but got '${token.text}'.`, token);
  }

  private isName(token: Token): boolean {
    return token.kind === 'string' || (token.kind === 'word' && !RESERVED.has(token.text.toLowerCase()));
  }

  private isKeyword(keyword: string, ahead = 0): boolean {
    const token = this.tokens[this.index + ahead];
    return token !== undefined && token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(keyword)) return false;
    this.index += 1;
    return true;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  private fail(message: string, at?: Token): never {
    throw new JqlError(`Error in the JQL Query: ${message}${at ? ` ${located(this.query, at.position)}` : ''}`);
  }
}
