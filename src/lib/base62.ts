const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base 62, left-padded with zeros to `width` characters. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** `count` random base-62 characters from unbiased random bytes. */
export function randomBase62(count: number, random: (size: number) => Uint8Array): string {
  let out = '';
  while (out.length < count) {
    for (const byte of random(count * 2)) {
      // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && out.length < count) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export const isBase62 = (text: string): boolean => /^[0-9A-Za-z]*$/.test(text);
