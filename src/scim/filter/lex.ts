import { MAX_TEXT_LENGTH } from './limits.ts';
import { describeCharacter, syntaxError, type SyntaxReporter } from './syntax-error.ts';

/**
 * The lexer shared by filters (RFC 7644 §3.4.2.2), PATCH paths (§3.5.2) and attribute lists (§3.4.2.5).
 *
 * It is context free, reads each character once and uses no regular expressions. A word is an attribute path,
 * an operator, a keyword or a literal name (`true`); the parser decides which from its position. Whitespace between tokens
 * may be any run of spaces, tabs, CR and LF (the ABNF asks for one SP; clients URL-encode loosely), and is not
 * required where a token ends by itself (`userName eq"x"`). Any other control character is an error.
 */

export const PUNCTUATION = ['(', ')', '[', ']', '.', ','] as const;
export type Punctuation = (typeof PUNCTUATION)[number];

export type TokenKind = 'word' | 'string' | 'number' | Punctuation | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character in the text. */
  readonly start: number;
  /** The source text of the token (a string keeps its quotes and escapes). */
  readonly text: string;
  /** The decoded string or the number; undefined for other kinds. */
  readonly value: string | number | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Characters of an attribute path word: ATTRNAME (`ALPHA / DIGIT / "-" / "_"`), `.`, `:` of a URN, `$` of `$ref`. */
export function isWordCharacter(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x3a || c === 0x24;
}

/** Rejects a text longer than `MAX_TEXT_LENGTH` before any work is done on it. */
export function checkLength(text: string, reporter: SyntaxReporter): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw reporter.error(`Invalid ${reporter.subject}: ${text.length} characters long, at most ${MAX_TEXT_LENGTH} are accepted`);
  }
}

/**
 * The token that starts at `from` or after the whitespace there; an `end` token at `text.length` when none is
 * left. Tokens are read on demand, so the first error reported is the leftmost one.
 */
export function readToken(text: string, from: number, reporter: SyntaxReporter): Token {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
  if (i >= text.length) return { kind: 'end', start: text.length, text: '', value: undefined };
  const c = text.charCodeAt(i);
  if (c === QUOTE) {
    const { value, end } = readString(text, i, reporter);
    return { kind: 'string', start: i, text: text.slice(i, end), value };
  }
  if (isDigit(c) || c === 0x2d) {
    const source = text.slice(i, readNumber(text, i, reporter));
    return { kind: 'number', start: i, text: source, value: Number(source) };
  }
  if (isAlpha(c) || c === 0x24) {
    let end = i + 1;
    while (end < text.length && isWordCharacter(text.charCodeAt(end))) end += 1;
    return { kind: 'word', start: i, text: text.slice(i, end), value: undefined };
  }
  const kind = PUNCTUATION.find((p) => p.charCodeAt(0) === c);
  if (kind === undefined) throw syntaxError(reporter, i, `unexpected character ${describeCharacter(text, i)}`);
  return { kind, start: i, text: kind, value: undefined };
}

/** All tokens of `text`, ending with the `end` token. */
export function tokenize(text: string, reporter: SyntaxReporter): readonly Token[] {
  checkLength(text, reporter);
  const tokens = [readToken(text, 0, reporter)];
  while (tokens[tokens.length - 1].kind !== 'end') {
    const last = tokens[tokens.length - 1];
    tokens.push(readToken(text, last.start + last.text.length, reporter));
  }
  return tokens;
}

/** A JSON string (RFC 8259 §7) starting at the quote at `start`; returns its value and the offset after it. */
function readString(text: string, start: number, reporter: SyntaxReporter): { value: string; end: number } {
  let value = '';
  let chunk = start + 1;
  let i = chunk;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return { value: value + text.slice(chunk, i), end: i + 1 };
    if (c < 0x20) {
      throw syntaxError(reporter, i, `control character ${describeCharacter(text, i)} must be escaped inside a string`);
    }
    if (c === BACKSLASH) {
      value += text.slice(chunk, i) + readEscape(text, i, reporter);
      i += text.charCodeAt(i + 1) === 0x75 ? 6 : 2;
      chunk = i;
    } else {
      i += 1;
    }
  }
  throw syntaxError(reporter, start, 'unterminated string: expected a closing \'"\'');
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function readEscape(text: string, at: number, reporter: SyntaxReporter): string {
  const letter = text.charAt(at + 1);
  const simple = Object.hasOwn(SIMPLE_ESCAPES, letter) ? SIMPLE_ESCAPES[letter] : undefined;
  if (simple !== undefined) return simple;
  if (letter === 'u') {
    const hex = text.slice(at + 2, at + 6);
    if (hex.length === 4 && [...hex].every((h) => '0123456789abcdefABCDEF'.includes(h))) {
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    throw syntaxError(reporter, at, 'expected four hexadecimal digits after \\u');
  }
  const shown = letter === '' ? 'end of input' : describeCharacter(text, at + 1);
  throw syntaxError(reporter, at, `invalid escape: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after \\, found ${shown}`);
}

/** A JSON number (RFC 8259 §6) starting at `start`; returns the offset after it. */
function readNumber(text: string, start: number, reporter: SyntaxReporter): number {
  let i = start;
  const digits = (): void => {
    if (!isDigit(text.charCodeAt(i))) throw syntaxError(reporter, i, `expected a digit in number, found ${found(text, i)}`);
    while (isDigit(text.charCodeAt(i))) i += 1;
  };
  if (text.charCodeAt(i) === 0x2d) i += 1;
  if (text.charCodeAt(i) === 0x30) i += 1;
  else digits();
  if (text.charCodeAt(i) === 0x2e) {
    i += 1;
    digits();
  }
  if (text.charCodeAt(i) === 0x65 || text.charCodeAt(i) === 0x45) {
    i += 1;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i += 1;
    digits();
  }
  if (i < text.length && isWordCharacter(text.charCodeAt(i))) {
    throw syntaxError(reporter, i, `unexpected character ${describeCharacter(text, i)} after number`);
  }
  return i;
}

const found = (text: string, i: number): string => (i < text.length ? describeCharacter(text, i) : 'end of input');
