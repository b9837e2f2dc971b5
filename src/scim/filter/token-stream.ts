import type { ScimError } from '../errors.ts';
import { checkLength, readToken, type Token, type TokenKind } from './lex.ts';
import { syntaxError, type SyntaxReporter } from './syntax-error.ts';

const SHOWN_TOKEN_LENGTH = 40;

/** A token as shown in an error: `end of input`, `"eqq"`, `string "x"`, `number 12`, `"("`. */
export function describeToken(token: Token): string {
  const text = token.text.length > SHOWN_TOKEN_LENGTH ? `${token.text.slice(0, SHOWN_TOKEN_LENGTH)}…` : token.text;
  switch (token.kind) {
    case 'end':
      return 'end of input';
    case 'string':
      return `string ${text}`;
    case 'number':
      return `number ${text}`;
    default:
      return JSON.stringify(text);
  }
}

/**
 * A cursor over the tokens of one text, read on demand with up to two tokens of lookahead; one per parse,
 * never shared.
 */
export class TokenStream {
  readonly reporter: SyntaxReporter;
  readonly #text: string;
  readonly #ahead: Token[] = [];
  #offset = 0;

  constructor(text: string, reporter: SyntaxReporter) {
    checkLength(text, reporter);
    this.reporter = reporter;
    this.#text = text;
  }

  /** The token `ahead` places after the current one (0 or 1); the `end` token once past the last. */
  peek(ahead = 0): Token {
    while (this.#ahead.length <= ahead) {
      const token = readToken(this.#text, this.#offset, this.reporter);
      this.#offset = token.start + token.text.length;
      this.#ahead.push(token);
    }
    return this.#ahead[ahead];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.#ahead.shift();
    return token;
  }

  /** Whether the current token is the word `keyword`, compared case-insensitively. */
  isKeyword(keyword: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  /** Consumes the word `keyword` (any case) if it comes next. */
  acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(keyword)) return false;
    this.next();
    return true;
  }

  /** Consumes a token of `kind`, or fails saying what was `expected`. */
  expect(kind: TokenKind, expected: string): Token {
    if (this.peek().kind !== kind) throw this.unexpected(expected);
    return this.next();
  }

  /** The error for the current token when `expected` should have come. */
  unexpected(expected: string, token: Token = this.peek()): ScimError {
    return syntaxError(this.reporter, token.start, `expected ${expected}, found ${describeToken(token)}`);
  }

  /** An error at `position` with a free-form message. */
  errorAt(position: number, message: string): ScimError {
    return syntaxError(this.reporter, position, message);
  }
}
