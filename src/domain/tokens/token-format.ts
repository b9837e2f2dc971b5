import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { base62, isBase62, randomBase62 } from '../../lib/base62.ts';

/**
 * Personal access tokens look like `provisio_pat_<30 random base-62 characters><6-character CRC-32>`: the prefix
 * lets secret scanners recognise a leaked token, and the checksum lets them (and us) reject a mistyped or made-up
 * one without a database look-up. 30 base-62 characters hold 178 bits of entropy.
 */
export const TOKEN_PREFIX = 'provisio_pat_';
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;

const checksum = (body: string): string => base62(crc32(body), CHECKSUM_LENGTH);

export function generateToken(random: (size: number) => Uint8Array = randomBytes): string {
  const body = TOKEN_PREFIX + randomBase62(RANDOM_LENGTH, random);
  return body + checksum(body);
}

/** True when the text has the token's shape and its checksum matches. */
export function isWellFormedToken(text: string): boolean {
  if (text.length !== TOKEN_LENGTH || !text.startsWith(TOKEN_PREFIX)) return false;
  const rest = text.slice(TOKEN_PREFIX.length);
  if (!isBase62(rest)) return false;
  const body = text.slice(0, -CHECKSUM_LENGTH);
  return checksum(body) === text.slice(-CHECKSUM_LENGTH);
}

/** The part shown in lists: prefix and the first four random characters. */
export const tokenHint = (token: string): string => `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;
