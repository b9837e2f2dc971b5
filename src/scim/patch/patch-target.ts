import { invalidPath } from '../errors.ts';
import type { AttrPath, Filter } from '../filter/ast.ts';
import { parsePath } from '../path/parse.ts';
import { findAttribute, type AttributeMatch } from '../schemas/lookup.ts';
import type { AttributeDefinition } from '../schemas/types.ts';
import { subAttributeOf, type PatchContext } from './patch-context.ts';
import type { AttributeSlot } from './resource-draft.ts';
import { compileElementTest, type ElementTest } from './value-filter.ts';

/**
 * What one operation acts on, resolved against the schema: the attribute and where it lives, the value
 * filter that selects some of its values, and the sub-attribute written through the path
 * (`name.givenName`) or after the filter (`emails[type eq "work"].value`).
 */
export interface PatchTarget {
  /** The path as the client wrote it, for error details. */
  readonly text: string;
  readonly slot: AttributeSlot;
  readonly attribute: AttributeDefinition;
  readonly filter: Filter | undefined;
  /** The filter compiled into a test of one value; set with `filter`. */
  readonly test: ElementTest | undefined;
  readonly subAttribute: AttributeDefinition | undefined;
}

/** The target of an attribute already found in the schema (a path-less value's key). */
export function targetOf(match: AttributeMatch, text: string): PatchTarget {
  return Object.freeze({
    text,
    slot: Object.freeze({ extension: match.extension ? match.schema.id : undefined, name: match.attribute.name }),
    attribute: match.attribute,
    filter: undefined,
    test: undefined,
    subAttribute: match.subAttribute,
  });
}

/**
 * Parses and resolves a PATCH path (RFC 7644 §3.5.2). A path to an attribute the resource type does not
 * have is `invalidPath`: unlike a POST body, whose unknown attributes are ignored, an explicit path names
 * exactly one target, and silently doing nothing would hide the client's mistake.
 * @throws ScimError `invalidPath` for a malformed path, an unknown attribute or sub-attribute, or a value
 *   filter on an attribute that has no values to select.
 */
export function resolveTarget(context: PatchContext, text: string): PatchTarget {
  const { attrPath, filter, valueSubAttribute } = parsePath(text);
  const match = findAttribute(context.resourceType, attrPath);
  if (match === undefined) throw invalidPath(`"${text}" names no attribute of a ${context.resourceType.name}`);
  const target = targetOf(match, text);
  if (filter === undefined) return target;

  const { attribute } = match;
  if (!attribute.multiValued && attribute.type !== 'complex') {
    throw invalidPath(`"${text}": a value filter needs a multi-valued or complex attribute, and ${attribute.name} is neither`);
  }
  for (const path of filterPaths(filter)) {
    if (!isElementAttribute(context, attribute, path)) {
      throw invalidPath(`"${text}": ${attribute.name} has no sub-attribute "${path.attribute}" to filter on`);
    }
  }
  let subAttribute: AttributeDefinition | undefined;
  if (valueSubAttribute !== undefined) {
    subAttribute = subAttributeOf(context, attribute, valueSubAttribute);
    if (subAttribute === undefined) throw invalidPath(`"${text}": ${attribute.name} has no sub-attribute "${valueSubAttribute}"`);
  }
  const test = compileElementTest(context, attribute, filter, text);
  return Object.freeze({ ...target, filter, test, subAttribute });
}

/** A filter inside `[ ]` names sub-attributes of the element; a simple multi-valued element is `value`. */
function isElementAttribute(context: PatchContext, attribute: AttributeDefinition, path: AttrPath): boolean {
  if (attribute.type === 'complex') return subAttributeOf(context, attribute, path.attribute) !== undefined;
  return path.attribute.toLowerCase() === 'value';
}

function* filterPaths(filter: Filter): Generator<AttrPath> {
  switch (filter.kind) {
    case 'compare':
    case 'present':
    case 'valuePath':
      yield filter.path;
      return;
    case 'and':
    case 'or':
      yield* filterPaths(filter.left);
      yield* filterPaths(filter.right);
      return;
    case 'not':
      yield* filterPaths(filter.filter);
  }
}
