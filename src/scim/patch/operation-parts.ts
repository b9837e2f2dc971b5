import { invalidSyntax, isScimError, scimError } from '../errors.ts';
import { PATCH_OPS, type PatchOp, type PatchOperation } from '../messages/patch-request.ts';

/**
 * The operation name in lowercase. `parsePatchRequest` normalizes it already; the engine accepts any case
 * too (Entra ID sends "Replace"), so operations from elsewhere (bulk, tests) work the same.
 * @throws ScimError `invalidSyntax` for a name other than add, remove, replace.
 */
export function operationOp(operation: PatchOperation): PatchOp {
  const name = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
  const op = PATCH_OPS.find((candidate) => candidate === name);
  if (op === undefined) throw invalidSyntax(`op must be one of add, remove, replace, not ${JSON.stringify(operation.op)}`);
  return op;
}

/** The path without surrounding whitespace; a blank path counts as none, as `parsePatchRequest` reads it. */
export function operationPath(operation: PatchOperation): string | undefined {
  return typeof operation.path === 'string' && operation.path.trim() !== '' ? operation.path.trim() : undefined;
}

/** The same error with the operation's position in front of its detail, so the client knows which failed. */
export function locateError(error: unknown, position: number): unknown {
  if (!isScimError(error) || error.scimType === undefined) return error;
  return scimError(error.scimType, `Operations[${position}]: ${error.message}`, { cause: error });
}
