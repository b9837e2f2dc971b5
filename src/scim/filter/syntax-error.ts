import type { ScimError } from '../errors.ts';

/**
 * Which error a syntax problem becomes. The same lexer and parser read filters (`invalidFilter`), PATCH paths
 * (`invalidPath`) and attribute lists, so each caller says what it is reading and which catalogue error to throw.
 */
export interface SyntaxReporter {
  /** The thing being read, as named in error details: `filter`, `path`, `attribute list`. */
  readonly subject: string;
  readonly error: (detail: string) => ScimError;
}

/** `Invalid filter at position 12: expected …` — the position is a 0-based offset into the text. */
export function syntaxError(reporter: SyntaxReporter, position: number, message: string): ScimError {
  return reporter.error(`Invalid ${reporter.subject} at position ${position}: ${message}`);
}

/** A character as shown in an error: visible ones quoted, others (controls, spaces, format marks) as `U+00A0`. */
export function describeCharacter(text: string, position: number): string {
  const code = text.codePointAt(position) ?? 0;
  const character = String.fromCodePoint(code);
  return INVISIBLE.test(character) ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(character);
}

const INVISIBLE = /^[\p{C}\p{Z}]$/u;
