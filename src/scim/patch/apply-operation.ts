import { invalidPath, noTarget } from '../errors.ts';
import type { PatchOp, PatchOperation } from '../messages/patch-request.ts';
import { findSchema } from '../schemas/lookup.ts';
import type { SchemaEntry } from '../schemas/schema-index.ts';
import { applyToTarget } from './apply-to-target.ts';
import { isJsonObject } from './json-value.ts';
import { operationOp, operationPath } from './operation-parts.ts';
import type { PatchContext } from './patch-context.ts';
import { resolveTarget } from './patch-target.ts';
import { applyPathless, applySchemaValue } from './pathless.ts';

/** Applies one PATCH operation (RFC 7644 §3.5.2) to the draft. */
export function applyOperation(context: PatchContext, operation: PatchOperation): void {
  const op = operationOp(operation);
  const path = operationPath(operation);
  if (path === undefined) {
    // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with ... "noTarget"".
    if (op === 'remove') throw noTarget('remove needs a path (RFC 7644 §3.5.2.2)');
    return applyPathless(context, op, operation.value);
  }
  const schema = findSchema(context.resourceType, path);
  if (schema !== undefined) return applyToSchema(context, op, schema, operation.value, path);
  applyToTarget(context, op, resolveTarget(context, path), operation.value);
}

/**
 * A path that is a schema URN names all of that schema's attributes: `add`/`replace` take an object of
 * them, `remove` of an extension removes the whole extension object (RFC 7643 §3.3).
 */
function applyToSchema(context: PatchContext, op: PatchOp, schema: SchemaEntry, value: unknown, path: string): void {
  if (op !== 'remove') return applySchemaValue(context, op, schema, value, path);
  if (!schema.extension) throw invalidPath(`"${path}" names the core schema; remove needs an attribute path`);
  const extension = schema.schema.id;
  const current = context.draft.read({ extension: undefined, name: extension });
  if (!isJsonObject(current)) return;
  for (const name of Object.keys(current)) context.draft.write({ extension, name }, undefined);
}
