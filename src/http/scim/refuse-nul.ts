import type { FastifyRequest } from 'fastify';
import { invalidValue } from '../../scim/errors.ts';

/** Whether a JSON value holds U+0000 in any string or member name; iterative, so depth costs no stack. */
export function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return true;
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, member] of Object.entries(item)) {
        if (key.includes('\u0000')) return true;
        pending.push(member);
      }
    }
  }
  return false;
}

/**
 * Wraps a SCIM gate so that, once the caller is admitted, a body with U+0000 in any text is refused with 400
 * `invalidValue`. JSON allows `\u0000`, but PostgreSQL can neither store nor compare it, so without this the
 * same request would be stored on SQLite and fail with a 500 on PostgreSQL.
 */
export function refusingNul(gate: (request: FastifyRequest) => Promise<void>): (request: FastifyRequest) => Promise<void> {
  return async function gateRefusingNul(request) {
    await gate(request);
    if (holdsNul(request.body)) throw invalidValue('Text must not contain the character U+0000');
  };
}
