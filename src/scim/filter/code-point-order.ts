/**
 * Orders strings by Unicode code point, as `gt`/`ge`/`lt`/`le` do (RFC 7644 §3.4.2.2 "lexicographically").
 *
 * JavaScript's `<` compares UTF-16 code units, which puts U+10000 and above before U+E000–U+FFFF. Code point
 * order is also UTF-8 byte order, the order a database gives under a binary (`C`) collation, so this is the
 * order a SQL translation of the same filter can reproduce.
 * @returns a negative number, zero or a positive number as `a` sorts before, with or after `b`.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return lift(x) - lift(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (U+D800–U+DFFF, the code units of U+10000 and above) after U+E000–U+FFFF. */
const lift = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);
