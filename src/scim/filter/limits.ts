/**
 * Bounds on untrusted filter and path text. A filter arrives in a URL or a `/.search` body from any caller
 * holding a token, so parsing must stay linear and shallow whatever the input.
 */

/** Longest filter, PATCH path or attribute list accepted, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 4096;

/** Deepest nesting of `( )`, `not ( )` and `[ ]` accepted; keeps recursion far from the stack limit. */
export const MAX_NESTING_DEPTH = 64;
