import { LEXICON, type CueSet } from './lexicon';

/**
 * Text cues: which of the lexicon's cue sets a text touches, as a bit mask, so that matching allocates nothing per
 * set and an item's cues can be cached as one number.
 *
 * Running every cue set's regular expression over every text costs about a microsecond per set, too slow for whole
 * sites. So each term is indexed in a trie by the first characters (up to six) any match must start with; the text
 * is lower-cased once, and at each word start only the terms under the characters found there are tried — plain
 * words by comparison, the rest by their own sticky expression.
 */

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;
/**
 * A Latin-script term ends where its word does (the text is lower-cased by then); a CJK character straight after it
 * ("Q3に") also ends it. The same letters as isWordCode.
 */
const WORD_END = '(?![0-9a-z\\u00c0-\\u024f\\u0370-\\u052f\\u1e00-\\u1eff])';
const KEY_LENGTH = 6;
/** A term without any of these is a plain word, compared without a regular expression. */
const REGEX_SYNTAX = /[\\.+*?()[\]{}|^$]/u;
const MAX_KEYS_PER_TERM = 64;

/** The terms of one cue set under one key: plain words compared directly, the rest as one sticky expression. */
interface CompiledTerm {
  bit: number;
  words: string[];
  wordLike: boolean;
  pattern?: RegExp;
}

/** A trie over the first characters of terms: the terms keyed by the path to a node, and longer keys below it. */
interface KeyNode {
  terms: CompiledTerm[];
  next: Map<number, KeyNode>;
}

export interface CompiledCue {
  set: CueSet;
  bit: number;
}

if (LEXICON.length > 31) throw new Error('The lexicon has more cue sets than a 31-bit mask holds');

export const CUES: readonly CompiledCue[] = LEXICON.map((set, index) => ({ set, bit: 1 << index }));

const TERMS_BY_KEY = indexTerms();
/** The trie's first level for ASCII characters as an array: the look-up made at every word start. */
const ASCII_ROOTS: ReadonlyArray<KeyNode | undefined> = Array.from({ length: 128 }, (_, code) =>
  TERMS_BY_KEY.next.get(code),
);

/** Indexes every term under its keys; the terms of one cue set under one key share a single expression. */
function indexTerms(): KeyNode {
  const root: KeyNode = { terms: [], next: new Map() };
  const pending = new Map<KeyNode, Map<string, { bit: number; wordLike: boolean; terms: Set<string> }>>();
  for (const { set, bit } of CUES) {
    for (const term of new Set(Object.values(set.terms).flatMap((list) => list ?? []))) {
      if (/[A-Z]/u.test(term.replace(/\\p\{[LN]\}/gu, '')))
        throw new Error(`Lexicon term ${JSON.stringify(term)} (${set.id}) must be lower case`);
      const keys = leadingKeys(term);
      if (!keys)
        throw new Error(`Lexicon term ${JSON.stringify(term)} (${set.id}) must start with a literal character`);
      const wordLike = !CJK.test(term);
      for (const key of keys) {
        let node = root;
        for (let index = 0; index < key.length; index++) {
          const code = key.charCodeAt(index);
          let child = node.next.get(code);
          if (!child) node.next.set(code, (child = { terms: [], next: new Map() }));
          node = child;
        }
        const groups = pending.get(node) ?? new Map<string, { bit: number; wordLike: boolean; terms: Set<string> }>();
        pending.set(node, groups);
        const group = groups.get(`${bit}:${wordLike}`) ?? { bit, wordLike, terms: new Set<string>() };
        groups.set(`${bit}:${wordLike}`, group);
        group.terms.add(term);
      }
    }
  }
  for (const [node, groups] of pending) {
    for (const { bit, wordLike, terms } of groups.values()) {
      const words = [...terms].filter((term) => !REGEX_SYNTAX.test(term));
      const patterns = [...terms].filter((term) => REGEX_SYNTAX.test(term));
      const compiled: CompiledTerm = { bit, words, wordLike };
      if (patterns.length > 0)
        compiled.pattern = new RegExp(`(?:${patterns.join('|')})${wordLike ? WORD_END : ''}`, 'uy');
      node.terms.push(compiled);
    }
  }
  return root;
}

/**
 * The strings of up to KEY_LENGTH characters that any match of `term` starts with, read from its leading literals,
 * character classes, `(?:a|b)` groups and `?` options; undefined when a match could start with anything.
 */
export function leadingKeys(term: string): string[] | undefined {
  const keys = expand(term, 0, ['']);
  if (!keys || keys.some((key) => key === '') || keys.length > MAX_KEYS_PER_TERM) return undefined;
  return [...new Set(keys)];
}

/** Extends each prefix with what `pattern` from `at` can put next, until the prefixes are long enough. */
function expand(pattern: string, at: number, prefixes: string[]): string[] | undefined {
  if (prefixes.every((prefix) => prefix.length >= KEY_LENGTH) || at >= pattern.length) return prefixes;
  const element = readElement(pattern, at);
  if (!element) return prefixes;
  const quantifier = pattern[element.end];
  if (quantifier === '*' || (quantifier === '{' && pattern.startsWith('{0', element.end))) return prefixes;
  const extended = prefixes.flatMap((prefix) =>
    prefix.length >= KEY_LENGTH ? [prefix] : element.options.map((option) => (prefix + option).slice(0, KEY_LENGTH)),
  );
  if (extended.length > MAX_KEYS_PER_TERM) return prefixes;
  if (quantifier === '+' || quantifier === '{') return extended;
  if (quantifier === '?') {
    const withIt = expand(pattern, element.end + 1, extended);
    const without = expand(pattern, element.end + 1, prefixes);
    return withIt && without ? [...withIt, ...without] : undefined;
  }
  return expand(pattern, element.end, extended);
}

/** One element at `at`: a literal, an escape, a class or a group, as the strings it can contribute. */
function readElement(pattern: string, at: number): { options: string[]; end: number } | undefined {
  const char = pattern[at] ?? '';
  if (char === '\\') {
    const next = pattern[at + 1] ?? '';
    if (next === 'd') return { options: [...'0123456789'], end: at + 2 };
    if (/[\\.+*?()[\]{}|^$#/-]/u.test(next)) return { options: [next], end: at + 2 };
    return undefined;
  }
  if (char === '[') {
    const close = pattern.indexOf(']', at);
    const options = classMembers(pattern.slice(at + 1, close));
    return options ? { options, end: close + 1 } : undefined;
  }
  if (char === '(') {
    const close = matchingParen(pattern, at);
    const body = pattern.slice(at + 3, close);
    const options: string[] = [];
    for (const alternative of splitTopLevel(body)) {
      const keys = expand(alternative, 0, ['']);
      if (!keys) return undefined;
      options.push(...keys);
    }
    return { options, end: close + 1 };
  }
  if (char === '.' || char === '|' || char === ')') return undefined;
  const codePoint = pattern.codePointAt(at) ?? 0;
  const literal = String.fromCodePoint(codePoint);
  return { options: [literal], end: at + literal.length };
}

function classMembers(body: string): string[] | undefined {
  if (body.startsWith('^') || body.includes('\\')) return undefined;
  const members: string[] = [];
  const chars = [...body];
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index] as string;
    const to = chars[index + 2];
    if (chars[index + 1] === '-' && to !== undefined) {
      for (let code = char.codePointAt(0) ?? 0; code <= (to.codePointAt(0) ?? 0); code++)
        members.push(String.fromCodePoint(code));
      index += 2;
    } else members.push(char);
  }
  return members;
}

function matchingParen(pattern: string, open: number): number {
  let depth = 0;
  for (let index = open; index < pattern.length; index++) {
    if (pattern[index] === '\\') index++;
    else if (pattern[index] === '(') depth++;
    else if (pattern[index] === ')' && --depth === 0) return index;
  }
  throw new Error(`Unbalanced group in lexicon term ${JSON.stringify(pattern)}`);
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\') index++;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === '|' && depth === 0) {
      parts.push(body.slice(from, index));
      from = index + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

/** The cue sets the text touches, one bit each (bit i is LEXICON[i]). */
export function cueMask(text: string): number {
  if (text.length === 0) return 0;
  const lower = text.toLowerCase();
  let mask = 0;
  let previousIsWord = false;
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    const cjk = isCjk(code);
    if (cjk || (!previousIsWord && code !== SPACE && code !== NEWLINE)) {
      let node = code < 128 ? ASCII_ROOTS[code] : TERMS_BY_KEY.next.get(code);
      for (let offset = 1; node !== undefined; offset++) {
        for (const term of node.terms) {
          if ((mask & term.bit) === 0 && termAt(term, lower, index)) mask |= term.bit;
        }
        node = index + offset < lower.length ? node.next.get(lower.charCodeAt(index + offset)) : undefined;
      }
    }
    previousIsWord = !cjk && isWordCode(code);
  }
  return mask;
}

function termAt(term: CompiledTerm, lower: string, index: number): boolean {
  for (const word of term.words) {
    if (lower.startsWith(word, index) && !(term.wordLike && isWordCode(lower.charCodeAt(index + word.length))))
      return true;
  }
  if (!term.pattern) return false;
  term.pattern.lastIndex = index;
  return term.pattern.test(lower);
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

/** Hiragana, katakana and CJK ideographs: scripts written without spaces, where a term may start anywhere. */
function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/** Lower-case letters and digits of the alphabetic scripts (ASCII, Latin-1 and Latin Extended, Greek, Cyrillic). */
function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return (code >= 0xc0 && code <= 0x24f) || (code >= 0x370 && code <= 0x52f) || (code >= 0x1e00 && code <= 0x1eff);
}
