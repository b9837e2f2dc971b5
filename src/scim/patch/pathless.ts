import { invalidValue, mutability } from '../errors.ts';
import type { AttrPath } from '../filter/ast.ts';
import { findAttribute, findSchema, splitAttributeName } from '../schemas/lookup.ts';
import type { SchemaEntry } from '../schemas/schema-index.ts';
import { applyToTarget } from './apply-to-target.ts';
import { memberOf, sameValue } from './element-identity.ts';
import { isJsonObject } from './json-value.ts';
import type { PatchContext } from './patch-context.ts';
import { targetOf } from './patch-target.ts';

/**
 * `add` or `replace` without a path (RFC 7644 §3.5.2.1, §3.5.2.3): the value is an object whose members are
 * applied one by one as if each key were the path. Keys may be dotted (`name.givenName`, which Entra ID
 * sends), URN-qualified (`urn:…:enterprise:2.0:User:employeeNumber`), or a schema URN holding an object of
 * that schema's attributes. Like a POST body, the value is a piece of a resource, so:
 * - unknown attributes and `schemas` are ignored (the engine keeps `schemas` in step itself);
 * - a `null` member leaves its attribute unassigned on `replace` and adds nothing on `add` (RFC 7643 §2.5);
 * - a read-only attribute that repeats the current value is ignored: Okta renames a group with
 *   `{"op":"replace","value":{"id":"<gid>","displayName":"New"}}`. A different value is `mutability`.
 * @throws ScimError `invalidValue` when the value is not an object.
 */
export function applyPathless(context: PatchContext, op: 'add' | 'replace', value: unknown): void {
  if (!isJsonObject(value)) throw invalidValue(`${op} without a path needs an object of attributes as its value (RFC 7644 §3.5.2)`);
  for (const [key, member] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas') continue;
    const schema = findSchema(context.resourceType, key);
    if (schema !== undefined) applySchemaValue(context, op, schema, member, key);
    else applyMember(context, op, splitAttributeName(context.resourceType, key), member, key);
  }
}

/**
 * Applies an object of one schema's attributes: a path-less value's `"urn:…:enterprise:2.0:User": {…}`, or
 * an operation whose path is the schema URN itself. Names inside are taken in that schema.
 */
export function applySchemaValue(context: PatchContext, op: 'add' | 'replace', schema: SchemaEntry, value: unknown, text: string): void {
  if (value === null || value === undefined) return;
  if (!isJsonObject(value)) throw invalidValue(`"${text}" needs an object of ${schema.schema.name} attributes as its value`);
  for (const [key, member] of Object.entries(value)) {
    const path = splitAttributeName(context.resourceType, key);
    const qualified = path === undefined || path.urn !== undefined ? undefined : { ...path, urn: schema.schema.id };
    applyMember(context, op, qualified, member, `${schema.schema.id}:${key}`);
  }
}

function applyMember(context: PatchContext, op: 'add' | 'replace', path: AttrPath | undefined, value: unknown, text: string): void {
  const match = path === undefined ? undefined : findAttribute(context.resourceType, path);
  if (match === undefined || value === undefined) return;
  const target = targetOf(match, text);
  const readOnly = target.subAttribute?.mutability === 'readOnly' ? target.subAttribute : target.attribute;
  if (readOnly.mutability === 'readOnly') {
    let current = context.draft.read(target.slot);
    if (target.subAttribute !== undefined) current = isJsonObject(current) ? memberOf(current, target.subAttribute.name) : undefined;
    if (sameValue(readOnly, current, value)) return;
    throw mutability(`"${text}": ${readOnly.name} is readOnly and cannot be changed (RFC 7643 §2.2)`);
  }
  if (value === null && op === 'add') return;
  applyToTarget(context, op, target, value);
}
