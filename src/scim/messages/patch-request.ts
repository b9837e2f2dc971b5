import { invalidSyntax, invalidValue, noTarget } from '../errors.ts';
import { PATCH_OP_URN } from '../schemas/urns.ts';
import { isJsonObject, memberOf, requireObject, requireSchema } from './read-body.ts';

export const PATCH_OPS = ['add', 'remove', 'replace'] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

/** One operation of a PATCH request (RFC 7644 §3.5.2), its `op` normalized to lowercase, `path` not yet parsed. */
export interface PatchOperation {
  readonly op: PatchOp;
  readonly path: string | undefined;
  readonly value: unknown;
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  if (!isJsonObject(raw)) throw invalidSyntax(`Operations[${index}] must be a JSON object`);
  const opName = memberOf(raw, 'op');
  // Entra ID capitalizes operation names ("Replace"); RFC 7644 §3.5.2 spells them in lowercase.
  const op = typeof opName === 'string' ? PATCH_OPS.find((name) => name === opName.toLowerCase()) : undefined;
  if (op === undefined) throw invalidSyntax(`Operations[${index}].op must be one of add, remove, replace`);

  const rawPath = memberOf(raw, 'path');
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
    throw invalidSyntax(`Operations[${index}].path must be a string`);
  }
  // An empty path is sent by some clients in place of none; it cannot name a target, so it means "no path".
  const path = typeof rawPath === 'string' && rawPath.trim() !== '' ? rawPath : undefined;

  const hasValue = Object.keys(raw).some((key) => key.toLowerCase() === 'value');
  const value = memberOf(raw, 'value');
  if (op === 'remove' && path === undefined) {
    throw noTarget(`Operations[${index}]: remove needs a path (RFC 7644 §3.5.2.2)`);
  }
  if (op !== 'remove' && !hasValue) throw invalidValue(`Operations[${index}]: ${op} needs a value (RFC 7644 §3.5.2)`);
  return Object.freeze({ op, path, value });
}

/**
 * Reads a PATCH request body (RFC 7644 §3.5.2): `schemas` must list the PatchOp URN (any case), `Operations`
 * (any case) must be an array, each operation's `op` is one of add/remove/replace in any case. An empty
 * `Operations` list is a valid no-op (Entra ID's validator sends one). Paths are returned as text for the path
 * parser. Throws `invalidSyntax` for a malformed body, `invalidValue` for add/replace without a value and
 * `noTarget` for remove without a path.
 */
export function parsePatchRequest(body: unknown): readonly PatchOperation[] {
  const object = requireObject(body, 'PATCH request');
  requireSchema(object, PATCH_OP_URN, 'PATCH request');
  const operations = memberOf(object, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('PATCH request must have an "Operations" array');
  return Object.freeze(operations.map(parseOperation));
}
