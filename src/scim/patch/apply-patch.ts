import { invalidValue, mutability } from '../errors.ts';
import type { PatchOperation } from '../messages/patch-request.ts';
import { resourceTypeIndex } from '../schemas/schema-index.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/types.ts';
import { applyOperation } from './apply-operation.ts';
import { isJsonObject } from './json-value.ts';
import { locateError } from './operation-parts.ts';
import type { PatchContext } from './patch-context.ts';
import { ResourceDraft, type AttributeSlot } from './resource-draft.ts';

/** The outcome of a PATCH request. */
export interface PatchResult {
  /** The patched resource. Members no operation wrote are shared with the input: treat both as immutable. */
  readonly resource: Record<string, unknown>;
  /** False when the operations left every attribute as it was (an IdP retry, an empty `Operations` list). */
  readonly changed: boolean;
  /** Top-level members whose value changed: attribute names, or an extension's schema URN. */
  readonly changedAttributes: readonly string[];
}

/**
 * Applies the operations of a PATCH request (RFC 7644 §3.5.2) to a resource, in order, each to the result of
 * the one before. The request is atomic: the first failing operation throws and nothing is returned, and the
 * input is never written to (copy-on-write), so the caller still holds the resource as it was.
 *
 * Accepted beyond the RFC's letter, for what identity providers send (IDP-QUIRKS): `op` in any case; no path
 * with dotted or URN-qualified keys; booleans as "True"/"False" (in values and filter operands); a bare id
 * for `manager` (any complex value with a `value` sub-attribute); JSON text for `roles`; `name.lastName`;
 * `remove` of `members` with a value list removes only those; a value filter made of `eq`s that matches
 * nothing on `add`/`replace` creates the value; a read-only member of a path-less value equal to the
 * current value (Okta's `id`) is ignored; an empty list changes nothing.
 *
 * Decisions where the RFC leaves room:
 * - An explicit path to an unknown attribute is `invalidPath`; unknown attributes inside a path-less value
 *   or a complex value are ignored, as on POST. Read-only sub-attributes inside a value are ignored (RFC 7643
 *   §2.2); an explicit path to one is `mutability` (so is `members[…].display`, read-only in GROUP_SCHEMA).
 * - `remove` or `replace` through a filter that matches nothing is `noTarget`, except the `eq` creation above;
 *   removing an unassigned attribute, or listed values that are not there, changes nothing.
 * - Equal values are not added twice: see `sameElement`. A value written with `primary: true` demotes the
 *   others (RFC 7643 §2.4).
 * - A sub-attribute of a multi-valued attribute without a filter (`emails.type`) applies to every value.
 * - `null` means unassigned (RFC 7643 §2.5): `replace` with null removes, `add` with null is `invalidValue`
 *   (with a path) or adds nothing (a member of a path-less value).
 * - Required attributes are checked on the final resource, so `remove` then `add` of `userName` works.
 * - An extension object left empty is removed, and `schemas` (when present) lists exactly the extensions
 *   the resource holds.
 *
 * @throws ScimError (all 400): `invalidPath` for a malformed path or one naming no attribute, `noTarget` for
 *   `remove` without a path or a filter that matches nothing, `invalidValue` for a missing or mistyped value,
 *   `mutability` for a read-only target, a changed immutable value or a required attribute left unassigned,
 *   `invalidSyntax` for an unknown op. The detail starts with `Operations[i]:`, the failing operation: its
 *   position in `operations`, or in the request when `positions` says where each of them stood there.
 */
export function applyPatch(
  resourceType: ResourceTypeDefinition,
  resource: Readonly<Record<string, unknown>>,
  operations: readonly PatchOperation[],
  positions?: readonly number[],
): PatchResult {
  const context: PatchContext = { resourceType, index: resourceTypeIndex(resourceType), draft: new ResourceDraft(resource) };
  operations.forEach((operation, position) => {
    try {
      applyOperation(context, operation);
    } catch (error) {
      throw locateError(error, positions?.[position] ?? position);
    }
  });
  keepSchemasInStep(context);
  const changedAttributes = Object.freeze(context.draft.changedKeys());
  assertRequiredKept(context, changedAttributes);
  return { resource: context.draft.result(), changed: changedAttributes.length > 0, changedAttributes };
}

const SCHEMAS: AttributeSlot = Object.freeze({ extension: undefined, name: 'schemas' });

/** An extension object present in the resource is listed in `schemas`, and a removed one is not (RFC 7643 §3). */
function keepSchemasInStep(context: PatchContext): void {
  const schemas = context.draft.read(SCHEMAS);
  if (!Array.isArray(schemas)) return;
  const touched = context.draft.touchedKeys();
  for (const { schema } of context.index.extensions) {
    const urn = schema.id.toLowerCase();
    if (!touched.some((key) => key.toLowerCase() === urn)) continue;
    const present = isJsonObject(context.draft.read({ extension: undefined, name: schema.id }));
    const listed = schemas.some((entry) => typeof entry === 'string' && entry.toLowerCase() === urn);
    if (present === listed) continue;
    const list = context.draft.edit(SCHEMAS) as unknown[];
    context.draft.write(SCHEMAS, present ? [...list, schema.id] : list.filter((entry) => typeof entry !== 'string' || entry.toLowerCase() !== urn));
  }
}

function assertAssigned(attribute: AttributeDefinition, value: unknown, label: string): void {
  if (!attribute.required || attribute.mutability === 'readOnly') return;
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    throw mutability(`${label} is required and cannot be removed (RFC 7644 §3.5.2.2)`);
  }
  if (typeof value === 'string' && value.trim() === '') throw invalidValue(`${label} is required and cannot be blank`);
}

/**
 * RFC 7644 §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as a required
 * attribute ..., the server SHALL return ... "mutability"". Checked on the final resource, so a request may
 * remove `userName` and add it again.
 */
function assertRequiredKept(context: PatchContext, changedKeys: readonly string[]): void {
  for (const key of changedKeys) {
    const lower = key.toLowerCase();
    const attribute = context.index.core.attributes.get(lower);
    if (attribute !== undefined) {
      assertAssigned(attribute, context.draft.read({ extension: undefined, name: attribute.name }), attribute.name);
      continue;
    }
    const extension = context.index.schemas.get(lower);
    if (extension === undefined || !extension.extension) continue;
    const required = context.resourceType.extensions.some(({ schema, required }) => required && schema === extension.schema);
    const object = context.draft.read({ extension: undefined, name: extension.schema.id });
    if (required && !isJsonObject(object)) throw mutability(`the extension ${extension.schema.id} is required and cannot be removed`);
    for (const attribute of extension.attributes.values()) {
      if (isJsonObject(object)) assertAssigned(attribute, context.draft.read({ extension: extension.schema.id, name: attribute.name }), `${extension.schema.id}:${attribute.name}`);
    }
  }
}
