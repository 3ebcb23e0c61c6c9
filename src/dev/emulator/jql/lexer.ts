export type TokenKind = 'word' | 'string' | 'operator' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token's value: a string literal without its quotes and escapes, anything else as written. */
  text: string;
  /** Offset of the token's first character in the query. */
  position: number;
}

/** A query Jira would refuse, with the message Jira words it in. */
export class JqlError extends Error {}

/** Jira's `(line L, character C)` suffix for an offset into the query. */
export function located(query: string, position: number): string {
  const before = query.slice(0, position);
  const line = before.split('\n').length;
  const character = position - before.lastIndexOf('\n');
  return `(line ${line}, character ${character})`;
}

const OPERATORS = ['!=', '!~', '>=', '<=', '=', '>', '<', '~'];
/** Characters an unquoted JQL word may hold: enough for keys (MOB-1), dates (2026-01-01), periods (-7d) and cf[10020]. */
const WORD_CHARACTER = /[A-Za-z0-9_.\-/:@[\]+]/;

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const character = query.charAt(index);
    if (/\s/.test(character)) {
      index += 1;
    } else if (character === '"' || character === "'") {
      index = readString(query, index, tokens);
    } else if (character === '(' || character === ')' || character === ',') {
      tokens.push({
        kind: character === '(' ? 'lparen' : character === ')' ? 'rparen' : 'comma',
        text: character,
        position: index,
      });
      index += 1;
    } else {
      const operator = OPERATORS.find((candidate) => query.startsWith(candidate, index));
      if (operator) {
        tokens.push({ kind: 'operator', text: operator, position: index });
        index += operator.length;
      } else if (WORD_CHARACTER.test(character)) {
        const start = index;
        while (index < query.length && WORD_CHARACTER.test(query.charAt(index))) index += 1;
        tokens.push({ kind: 'word', text: query.slice(start, index), position: start });
      } else {
        throw new JqlError(
          `Error in the JQL Query: The character '${character}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${character
            .charCodeAt(0)
            .toString(16)
            .padStart(4, '0')}' instead. ${located(query, index)}`,
        );
      }
    }
  }
  tokens.push({ kind: 'eof', text: '', position: query.length });
  return tokens;
}

function readString(query: string, start: number, tokens: Token[]): number {
  const quote = query.charAt(start);
  let value = '';
  let index = start + 1;
  while (index < query.length) {
    const character = query.charAt(index);
    if (character === quote) {
      tokens.push({ kind: 'string', text: value, position: start });
      return index + 1;
    }
    if (character === '\\' && index + 1 < query.length) {
      value += query.charAt(index + 1);
      index += 2;
    } else {
      value += character;
      index += 1;
    }
  }
  throw new JqlError(
    `Error in the JQL Query: The quoted string '${query.slice(start + 1)}' has not been completed. ${located(query, start)}`,
  );
}
