import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds then randomness. Time-ordered ids keep
 * inserts at the end of B-tree indexes and let an id double as a stable sort key.
 */
export function uuidv7(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now >= 2 ** 48) throw new RangeError(`not a time for a UUIDv7: ${now}`);
  // A random (version 4) UUID already has the variant bits and 74 random bits where version 7 wants them; it
  // comes from Node's pooled entropy, far cheaper than fresh random bytes per id.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the textual form of any UUID. */
export const isUuid = (value: string): boolean => UUID.test(value);
